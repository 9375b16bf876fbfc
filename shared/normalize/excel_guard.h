// excel_guard.h — removes the "keep this as text" guards Excel users and exporters put in front of
// IDs, phones and dates: a leading apostrophe ('123), a formula ="123" or =123, a leading tab.
//
// Why: staff protect long numbers from Excel's number conversion this way, and some exporters
// (小鹅通 included, see make_exports.py --quirks) prefix phones with a tab; the guard is not data.
#pragma once

#include <string_view>

namespace ss {

// Expects text already trimmed of surrounding spaces (tabs included). Returns a view into `text`.
std::string_view strip_excel_guard(std::string_view text);

}  // namespace ss
