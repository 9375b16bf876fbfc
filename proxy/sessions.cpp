// sessions.cpp — see sessions.h.
#include "sessions.h"

#include "crypto_util.h"

namespace ssproxy {

NewSession SessionStore::create(const std::string& account) {
  NewSession out;
  out.id = random_hex(32);
  out.session.account = account;
  out.session.csrf_token = random_hex(32);
  out.session.id_hash = sha256_hex(out.id);
  int64_t now = now_ms();
  out.session.expires_at = now + lifetime_ms_;
  auto lk = db_.lock();
  Statement(db_.handle(), "DELETE FROM sessions WHERE expires_at < ?").bind(1, now).run();
  Statement(db_.handle(),
            "INSERT INTO sessions(id_hash, account, csrf_token, created_at, expires_at) VALUES(?,?,?,?,?)")
      .bind(1, out.session.id_hash)
      .bind(2, account)
      .bind(3, out.session.csrf_token)
      .bind(4, now)
      .bind(5, out.session.expires_at)
      .run();
  return out;
}

std::optional<Session> SessionStore::find(const std::string& id) {
  if (id.size() != 64) return std::nullopt;
  std::string hash = sha256_hex(id);
  auto lk = db_.lock();
  Statement s(db_.handle(),
              "SELECT s.account, s.csrf_token, s.expires_at FROM sessions s JOIN accounts a ON a.name = s.account "
              "WHERE s.id_hash = ? AND s.expires_at > ? AND a.disabled = 0");
  s.bind(1, hash).bind(2, now_ms());
  if (!s.step()) return std::nullopt;
  Session out;
  out.account = s.text(0);
  out.csrf_token = s.text(1);
  out.expires_at = s.integer(2);
  out.id_hash = hash;
  return out;
}

void SessionStore::remove(const std::string& id) {
  auto lk = db_.lock();
  Statement(db_.handle(), "DELETE FROM sessions WHERE id_hash = ?").bind(1, sha256_hex(id)).run();
}

std::string session_cookie_value(const std::string& cookie_header) {
  const std::string name = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while (pos < cookie_header.size()) {
    size_t end = cookie_header.find(';', pos);
    if (end == std::string::npos) end = cookie_header.size();
    size_t b = cookie_header.find_first_not_of(' ', pos);
    if (b != std::string::npos && b < end && cookie_header.compare(b, name.size(), name) == 0) {
      return cookie_header.substr(b + name.size(), end - b - name.size());
    }
    pos = end + 1;
  }
  return "";
}

std::string session_set_cookie(const std::string& id, int64_t max_age_seconds, bool secure) {
  return std::string(kSessionCookie) + "=" + id + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
         std::to_string(max_age_seconds) + (secure ? "; Secure" : "");
}

std::string session_clear_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" + (secure ? "; Secure" : "");
}

}  // namespace ssproxy
