// csrf.h — cross-site request forgery protection for state-changing calls.
//
// Implemented: [X] synchronizer token: every POST/PUT/PATCH/DELETE except /api/login must carry header
//                  X-CSRF-Token equal to its session's token (constant-time compare)
//              [X] when an Origin header is present it must name this host (defence in depth besides
//                  SameSite=Strict)
//              [X] /api/login must be sent as application/json (an HTML form cannot, so no login CSRF)
#pragma once

#include <httplib.h>

#include <string>

#include "sessions.h"

namespace ssproxy {

constexpr const char* kCsrfHeader = "X-CSRF-Token";

bool is_state_changing(const std::string& method);
bool csrf_token_ok(const httplib::Request& req, const Session& session);
bool origin_ok(const httplib::Request& req);
bool is_json_content_type(const httplib::Request& req);

}  // namespace ssproxy
