// login_limiter.cpp — see login_limiter.h.
#include "login_limiter.h"

namespace ssproxy {

namespace {
constexpr size_t kMaxTrackedKeys = 10000;  // a flood of random names must not grow memory without bound
}

int64_t LoginLimiter::wait_for(std::deque<Clock::time_point>& q, int limit, Clock::time_point now) {
  while (!q.empty() && now - q.front() >= window_) q.pop_front();
  if (static_cast<int>(q.size()) < limit) return 0;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(q.front() + window_ - now).count();
  return wait < 1 ? 1 : wait;
}

int64_t LoginLimiter::retry_after(const std::string& account, const std::string& ip) {
  std::lock_guard<std::mutex> lk(mutex_);
  auto now = Clock::now();
  int64_t a = wait_for(accounts_[account], per_account_, now);
  int64_t b = wait_for(ips_[ip], per_ip_, now);
  return a > b ? a : b;
}

void LoginLimiter::record_failure(const std::string& account, const std::string& ip) {
  std::lock_guard<std::mutex> lk(mutex_);
  auto now = Clock::now();
  for (auto* m : {&accounts_, &ips_}) {
    if (m->size() > kMaxTrackedKeys) {
      for (auto it = m->begin(); it != m->end();) {
        if (it->second.empty() || now - it->second.back() >= window_) it = m->erase(it);
        else ++it;
      }
    }
  }
  accounts_[account].push_back(now);
  ips_[ip].push_back(now);
}

void LoginLimiter::record_success(const std::string& account) {
  std::lock_guard<std::mutex> lk(mutex_);
  accounts_.erase(account);
}

}  // namespace ssproxy
