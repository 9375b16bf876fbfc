// rate_limiter.cpp: see rate_limiter.h for the capability list.
#include "rate_limiter.h"

namespace feishu_emulator {

RateLimiter::Verdict RateLimiter::admit(const std::string& key, int limit) {
  if (limit <= 0) return Verdict{true, 0, 0};
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto& window = windows_[key];
  while (!window.empty() && now - window.front() >= std::chrono::seconds(1)) window.pop_front();
  if (static_cast<int>(window.size()) >= limit) {
    // Rejected calls do not count against the window, so a client that waits `reset` gets through.
    return Verdict{false, limit, 1};
  }
  window.push_back(now);
  return Verdict{true, limit, 0};
}

}  // namespace feishu_emulator
