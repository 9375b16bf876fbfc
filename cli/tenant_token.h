// tenant_token.h — direct mode's token layer: a Transport decorator that adds
// "Authorization: Bearer <tenant_access_token>" to every Bitable call (feishu-bitable-api.md §1).
//
// Implemented:
//   [X] Token from POST /open-apis/auth/v3/tenant_access_token/internal {app_id, app_secret}; the endpoint
//       answers HTTP 200 even on failure, so the JSON code decides (§1.2).
//   [X] Cached; renewed at expire − 3 min like the official Go SDK (§1.2), or at half its life when the
//       token is shorter than that (the emulator's --token-ttl in tests).
//   [X] On 99991663 / 99991661 the token is dropped, renewed and the call re-sent once (the Go SDK's rule,
//       §1.5); a second such answer goes back to the engine, whose retry policy decides.
//   [X] Token endpoint without an answer → status 0 to the caller (retryable); a refused app_id/secret →
//       an HTTP 400 answer carrying the token endpoint's code (10003, 10014…), which is not retryable.
// Missing:
//   [ ] app_access_token / user_access_token flows; Lark's international host needs only --base-url.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "transport/transport.h"

namespace ss {

class TenantTokenTransport : public Transport {
 public:
  // `now_ms`: a monotonic clock in ms (injected so tests can cross an expiry without sleeping).
  TenantTokenTransport(Transport& inner, std::string app_id, std::string app_secret, std::function<int64_t()> now_ms);

  void send(HttpRequest request, Callback on_done) override;

  // Fetches a token now if none is cached; the answer of the token endpoint (or a synthesized one).
  // code 0 = ok. For the CLI's up-front "can we authenticate" check (exit code 3).
  struct Check {
    int code = 0;
    std::string message;
    bool answered = true;
  };
  void check(std::function<void(Check)> done);

  size_t token_calls() const { return token_calls_; }

 private:
  void with_token(std::function<void(const HttpResponse* failure)> then);
  void send_with_token(HttpRequest request, Callback on_done, bool may_renew);

  Transport& inner_;
  std::string app_id_, app_secret_;
  std::function<int64_t()> now_ms_;
  std::string token_;
  int64_t renew_at_ms_ = 0;
  size_t token_calls_ = 0;
};

}  // namespace ss
