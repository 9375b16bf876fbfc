// rate_limiter.h: per-app, per-endpoint request rate limits (feishu-bitable-api.md §6.2).
//
// Implemented:
//  [X] A sliding one-second window per key (app_id + endpoint); over the limit the caller answers
//      429 + 99991400 with x-ogw-ratelimit-limit and x-ogw-ratelimit-reset (seconds to wait, ≥ 1).
//  [X] Limit 0 disables limiting (handy for benchmarks that measure the client, not the limiter).
// Missing:
//  [ ] Per-minute (QPM) tiers and per-tenant accounting: Bitable endpoints are per-second tiers.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace feishu_emulator {

class RateLimiter {
 public:
  struct Verdict {
    bool allowed = true;
    int limit = 0;
    int reset_s = 0;
  };
  Verdict admit(const std::string& key, int limit_per_second);

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> windows_;
};

}  // namespace feishu_emulator
