// feishu_errors.h — Feishu error codes explained in Chinese for admins and staff, each with the fix.
//
// Implemented: [X] credentials (10003, 10014, 10015), collaborator/permission (1254040, 91403, 1254302,
//                  HTTP 403), scopes (99991672, 99991679), ids (1254041, 1254045), rate limits
//                  (99991400, 1254290), write conflict (1254291), token (99991661/3), unreachable (-502)
//              [X] unknown codes: the code and Feishu's msg, unchanged
#pragma once

#include <cstdint>
#include <string>

namespace ssproxy {

std::string explain_feishu_code(int64_t code, int http_status, const std::string& msg);

}  // namespace ssproxy
