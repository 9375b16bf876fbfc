// csrf.cpp — see csrf.h.
#include "csrf.h"

#include "crypto_util.h"

namespace ssproxy {

bool is_state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool csrf_token_ok(const httplib::Request& req, const Session& session) {
  std::string sent = req.get_header_value(kCsrfHeader);
  return !sent.empty() && constant_time_equal(sent, session.csrf_token);
}

bool origin_ok(const httplib::Request& req) {
  if (!req.has_header("Origin")) return true;
  std::string origin = req.get_header_value("Origin");
  size_t scheme = origin.find("://");
  if (scheme == std::string::npos) return false;
  return origin.substr(scheme + 3) == req.get_header_value("Host");
}

bool is_json_content_type(const httplib::Request& req) {
  std::string ct = req.get_header_value("Content-Type");
  return ct.compare(0, 16, "application/json") == 0;
}

}  // namespace ssproxy
