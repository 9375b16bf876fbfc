// sessions.h — signed-in staff sessions, stored hashed in SQLite, carried by the `ss_session` cookie.
//
// Implemented: [X] random 256-bit session id; only its SHA-256 is stored (a stolen database file
//                  does not give working cookies)
//              [X] per-session CSRF token (see csrf.h), returned by login and GET /api/session
//              [X] expiry (config session_hours); expired rows purged on login
//              [X] a session of a disabled account stops working at once (checked on every request)
//              [X] Set-Cookie: HttpOnly; SameSite=Strict; Path=/; Max-Age (+ Secure when configured)
#pragma once

#include <optional>
#include <string>

#include "database.h"

namespace ssproxy {

constexpr const char* kSessionCookie = "ss_session";

struct Session {
  std::string account;
  std::string csrf_token;
  int64_t expires_at = 0;  // ms since epoch
  std::string id_hash;
};

struct NewSession {
  std::string id;  // the cookie value; never stored
  Session session;
};

class SessionStore {
 public:
  SessionStore(Database& db, int hours) : db_(db), lifetime_ms_(static_cast<int64_t>(hours) * 3600 * 1000) {}
  NewSession create(const std::string& account);
  std::optional<Session> find(const std::string& id);
  void remove(const std::string& id);
  int64_t lifetime_seconds() const { return lifetime_ms_ / 1000; }

 private:
  Database& db_;
  int64_t lifetime_ms_;
};

// The `ss_session` value from a Cookie header, or "".
std::string session_cookie_value(const std::string& cookie_header);
std::string session_set_cookie(const std::string& id, int64_t max_age_seconds, bool secure);
std::string session_clear_cookie(bool secure);

}  // namespace ssproxy
