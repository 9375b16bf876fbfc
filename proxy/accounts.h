// accounts.h — named staff accounts in the proxy's SQLite file.
//
// Implemented: [X] add, list, disable, enable, reset password (admin command)
//              [X] sign-in check: Ok / WrongPassword / Disabled / Unknown, same cost for every outcome
//              [X] names: 1–64 bytes, letters, digits, . _ - @ and any non-ASCII (Chinese names)
//              [X] disabling an account or resetting its password ends its sessions
#pragma once

#include <string>
#include <vector>

#include "database.h"

namespace ssproxy {

struct AccountInfo {
  std::string name;
  bool disabled = false;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

enum class SignInResult { Ok, WrongPassword, Disabled, Unknown };

class AccountStore {
 public:
  AccountStore(Database& db, int iterations) : db_(db), iterations_(iterations) {}
  static bool valid_name(const std::string& name);
  // Each returns an empty string on success, else a Chinese message.
  std::string add(const std::string& name, const std::string& password);
  std::string set_disabled(const std::string& name, bool disabled);
  std::string reset_password(const std::string& name, const std::string& password);
  std::vector<AccountInfo> list();
  bool exists(const std::string& name);
  SignInResult check(const std::string& name, const std::string& password);

 private:
  Database& db_;
  int iterations_;
};

}  // namespace ssproxy
