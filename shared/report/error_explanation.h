// error_explanation.h — a plain Chinese explanation, with what to do, for a Feishu (or engine) error
// code, shown beside the code and Feishu's own message in the report. The code itself is never
// replaced: staff and admins quote it to Feishu support.
#pragma once

namespace ss {

// Never null; a generic sentence for codes without a specific explanation.
const char* explain_error_code(int code);

}  // namespace ss
