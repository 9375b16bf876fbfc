// accounts.cpp — see accounts.h.
#include "accounts.h"

#include "password_hash.h"

namespace ssproxy {

bool AccountStore::valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (unsigned char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-' || c == '@' || c >= 0x80;
    if (!ok) return false;
  }
  return true;
}

std::string AccountStore::add(const std::string& name, const std::string& password) {
  if (!valid_name(name)) return "账号名不合法：1–64 个字符，只能包含字母、数字、中文和 . _ - @。";
  if (password.size() < kMinPasswordLength)
    return "密码太短：至少 " + std::to_string(kMinPasswordLength) + " 个字符。";
  std::string hash = hash_password(password, iterations_);  // outside the lock: it is slow on purpose
  auto lk = db_.lock();
  Statement s(db_.handle(),
              "INSERT OR IGNORE INTO accounts(name, password_hash, disabled, created_at, updated_at) VALUES(?,?,0,?,?)");
  int64_t now = now_ms();
  s.bind(1, name).bind(2, hash).bind(3, now).bind(4, now).run();
  if (db_.changes() == 0) return "账号 " + name + " 已存在：如需改密码请用 user reset。";
  return "";
}

std::string AccountStore::set_disabled(const std::string& name, bool disabled) {
  auto lk = db_.lock();
  Statement s(db_.handle(), "UPDATE accounts SET disabled = ?, updated_at = ? WHERE name = ?");
  s.bind(1, static_cast<int64_t>(disabled ? 1 : 0)).bind(2, now_ms()).bind(3, name).run();
  if (db_.changes() == 0) return "没有账号 " + name + "。";
  if (disabled) Statement(db_.handle(), "DELETE FROM sessions WHERE account = ?").bind(1, name).run();
  return "";
}

std::string AccountStore::reset_password(const std::string& name, const std::string& password) {
  if (password.size() < kMinPasswordLength)
    return "密码太短：至少 " + std::to_string(kMinPasswordLength) + " 个字符。";
  std::string hash = hash_password(password, iterations_);
  auto lk = db_.lock();
  Statement s(db_.handle(), "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE name = ?");
  s.bind(1, hash).bind(2, now_ms()).bind(3, name).run();
  if (db_.changes() == 0) return "没有账号 " + name + "。";
  Statement(db_.handle(), "DELETE FROM sessions WHERE account = ?").bind(1, name).run();
  return "";
}

std::vector<AccountInfo> AccountStore::list() {
  auto lk = db_.lock();
  Statement s(db_.handle(), "SELECT name, disabled, created_at, updated_at FROM accounts ORDER BY name");
  std::vector<AccountInfo> out;
  while (s.step()) out.push_back({s.text(0), s.integer(1) != 0, s.integer(2), s.integer(3)});
  return out;
}

bool AccountStore::exists(const std::string& name) {
  auto lk = db_.lock();
  Statement s(db_.handle(), "SELECT 1 FROM accounts WHERE name = ?");
  s.bind(1, name);
  return s.step();
}

SignInResult AccountStore::check(const std::string& name, const std::string& password) {
  std::string hash;
  bool found = false, disabled = false;
  {
    auto lk = db_.lock();
    Statement s(db_.handle(), "SELECT password_hash, disabled FROM accounts WHERE name = ?");
    s.bind(1, name);
    if (s.step()) {
      found = true;
      hash = s.text(0);
      disabled = s.integer(1) != 0;
    }
  }
  if (!found) {
    dummy_password_check(password, iterations_);
    return SignInResult::Unknown;
  }
  bool ok = verify_password(password, hash);
  if (!ok) return SignInResult::WrongPassword;
  // Disabled is only revealed to someone who knows the password.
  return disabled ? SignInResult::Disabled : SignInResult::Ok;
}

}  // namespace ssproxy
