// proxy_session.h — `student-sync --proxy URL`: sign in to student-sync-proxy like the page does
// (docs/architecture.md: POST /api/login → ss_session cookie + csrf_token; X-CSRF-Token on every
// state-changing call) and record the sync run in the proxy's audit (POST /api/runs, X-Sync-Run).
//
// Implemented:
//   [X] Login with the password from an environment variable (never on the command line, where `ps`
//       shows it); cookie and CSRF token set as default headers of the HttplibTransport.
//   [X] Audit: run start (file name, SHA-256, planned counts) and finish (achieved counts).
// Missing:
//   [ ] Session expiry in the middle of a long run (the proxy's sessions outlive a CLI run).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "http_transport.h"

namespace ss {

// Error code: the HTTP status of a refused login (401, 403, 429), or kErrNoAnswer.
Status proxy_login(HttplibTransport& transport, const std::string& user, const std::string& password);

// The run id for X-Sync-Run.
Result<std::string> proxy_start_run(HttplibTransport& transport, const std::string& file_name, const std::string& file_bytes,
                                    const nlohmann::json& planned);
Status proxy_finish_run(HttplibTransport& transport, const std::string& run_id, const nlohmann::json& achieved);

std::string sha256_hex(const std::string& bytes);

}  // namespace ss
