// feishu_envelope.h — reads Feishu's JSON envelope {"code","msg","data","error":{"message"}}.
//
// The engine decides by the JSON `code` only, never the HTTP status (feishu-bitable-api.md §2, decisions):
// a non-zero code becomes Error{code, message} with the code unchanged, so 1254045 reaches the report as
// 1254045. Text that is not JSON becomes kErrBadJson.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace ss {

// On success returns `data` (an object; {} when absent).
Result<nlohmann::json> parse_feishu_envelope(std::string_view body);

}  // namespace ss
