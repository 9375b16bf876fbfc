// token_issuer.h: tenant_access_token issuing and checking (feishu-bitable-api.md §1).
//
// Implemented:
//  [X] POST body {"app_id","app_secret"} → {"code":0,"msg":"ok","tenant_access_token":"t-…","expire":N}
//      with no `data` wrapper, always HTTP 200 (§1.1, §1.2).
//  [X] Reuse rule: the same token while ≥ renew_below (1800 s) remain, `expire` = seconds remaining;
//      a new token when less remains, the old one staying valid until it expires (§1.2).
//  [X] Errors: 10003 "invalid param" (+ "data":{}) for missing/empty/malformed values (app_id must
//      look like cli_…), 10014 "app id not exists" for an unknown app_id, 10014 "app secret invalid"
//      for a wrong secret (UNVERIFIED in the spec, §1.3 / §10).
//  [X] Business-call check: 99991661 when Authorization is missing or lacks "Bearer ", 99991663 when
//      the token is unknown or expired (§1.5).
// Missing:
//  [ ] app_access_token, user_access_token (99991668), 99991671 token-prefix checks: the sync uses
//      tenant tokens only.
#pragma once

#include "api_error.h"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>

namespace feishu_emulator {

struct TokenOptions {
  std::string app_id;
  std::string app_secret;
  int64_t ttl_s = 7200;
  int64_t renew_below_s = 1800;
  std::function<int64_t()> now_ms;
};

class TokenIssuer {
 public:
  explicit TokenIssuer(TokenOptions options);
  // The whole response body for the token endpoint (HTTP 200 in every case).
  json issue(const std::string& request_body);
  // Checks the Authorization header of a business call; returns the app_id the token belongs to.
  Expected<std::string> check(const std::string& authorization) const;

 private:
  struct Issued {
    std::string app_id;
    int64_t expires_ms = 0;
  };
  TokenOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, Issued> tokens_;
  std::string current_;
  std::mt19937_64 rng_;
};

}  // namespace feishu_emulator
