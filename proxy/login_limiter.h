// login_limiter.h — slows password guessing: failed sign-ins counted per account and per client IP.
//
// Implemented: [X] sliding window (15 min): 5 failures lock the account name, 20 lock the IP, until
//                  the oldest failure leaves the window; a success clears the account's failures
//              [X] in memory, behind a lock (handlers run on a thread pool); bounded size
// Missing:     [ ] persistence across restarts (a restart resets the counters)
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace ssproxy {

class LoginLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  LoginLimiter(int per_account = 5, int per_ip = 20, std::chrono::seconds window = std::chrono::minutes(15))
      : per_account_(per_account), per_ip_(per_ip), window_(window) {}
  // Seconds to wait before trying again, 0 when allowed.
  int64_t retry_after(const std::string& account, const std::string& ip);
  void record_failure(const std::string& account, const std::string& ip);
  void record_success(const std::string& account);

 private:
  int64_t wait_for(std::deque<Clock::time_point>& q, int limit, Clock::time_point now);
  std::mutex mutex_;
  int per_account_, per_ip_;
  std::chrono::seconds window_;
  std::map<std::string, std::deque<Clock::time_point>> accounts_, ips_;
};

}  // namespace ssproxy
