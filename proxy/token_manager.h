// token_manager.h — the tenant_access_token: fetched with App ID/Secret, cached, renewed before expiry.
//
// Implemented: [X] POST /open-apis/auth/v3/tenant_access_token/internal (HTTP 200 even on failure:
//                  success is code == 0 with a token, per Feishu §1.2 of docs/feishu-bitable-api.md)
//              [X] cache until expire − 3 min, like the Go SDK's expiryDelta; for very short lifetimes
//                  (the emulator's --token-ttl) the margin shrinks to a tenth of the lifetime
//              [X] single-flight: while one fetch runs, other callers wait for its result instead of
//                  asking again (a burst of calls costs one token request)
//              [X] invalidate(token) drops the cached token only if it is still the one that failed,
//                  so a burst of 99991663 answers causes one renewal, not one each
// Missing:     [ ] proactive background refresh (renewal happens on the first call after the margin)
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

namespace ssproxy {

struct TokenResult {
  bool ok = false;
  std::string token;         // never logged, never sent to the page
  int64_t expire_seconds = 0;
  int64_t code = 0;          // Feishu code from the token endpoint (10003, 10014, …), or -502 unreachable
  std::string msg;
  int http_status = 0;
};

class TokenManager {
 public:
  using Clock = std::chrono::steady_clock;
  using Fetcher = std::function<TokenResult()>;
  explicit TokenManager(Fetcher fetch) : fetch_(std::move(fetch)) {}
  TokenResult get();
  void invalidate(const std::string& token);
  int fetch_count() const;

 private:
  Fetcher fetch_;
  mutable std::mutex mutex_;
  std::condition_variable done_;
  bool fetching_ = false;
  uint64_t generation_ = 0;
  TokenResult last_;
  std::string token_;
  Clock::time_point renew_at_{};
  int fetches_ = 0;
};

}  // namespace ssproxy
