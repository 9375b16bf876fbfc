// token_manager.cpp — see token_manager.h.
#include "token_manager.h"

#include <algorithm>

namespace ssproxy {

TokenResult TokenManager::get() {
  std::unique_lock<std::mutex> lk(mutex_);
  if (!token_.empty() && Clock::now() < renew_at_) {
    TokenResult cached;
    cached.ok = true;
    cached.token = token_;
    return cached;
  }
  if (fetching_) {
    uint64_t seen = generation_;
    done_.wait(lk, [&] { return generation_ != seen; });
    return last_;
  }
  fetching_ = true;
  lk.unlock();
  TokenResult r;
  try {
    r = fetch_();
  } catch (...) {
    r = TokenResult{};
    r.code = -500;
    r.msg = "token fetch failed";
  }
  lk.lock();
  fetching_ = false;
  ++generation_;
  ++fetches_;
  last_ = r;
  if (r.ok) {
    // Go SDK: expiryDelta = 3 min. Lifetimes under 30 min only happen with the emulator's --token-ttl.
    int64_t margin = std::min<int64_t>(180, r.expire_seconds / 10);
    token_ = r.token;
    renew_at_ = Clock::now() + std::chrono::milliseconds((r.expire_seconds - margin) * 1000);
  } else {
    token_.clear();
  }
  done_.notify_all();
  return r;
}

void TokenManager::invalidate(const std::string& token) {
  std::lock_guard<std::mutex> lk(mutex_);
  if (token_ == token) token_.clear();
}

int TokenManager::fetch_count() const {
  std::lock_guard<std::mutex> lk(mutex_);
  return fetches_;
}

}  // namespace ssproxy
