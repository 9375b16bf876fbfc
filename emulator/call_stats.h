// call_stats.h: counts of calls per endpoint and per answered code, for GET /__admin/stats.
//
// Implemented:
//  [X] Every Feishu-route call counted on arrival (including refused ones), and its answer counted by
//      JSON code ("0", "99991400", …, "http500", "dropped"), so benchmarks can count API calls.
// Missing:
//  [ ] Latency histograms.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <string>

namespace feishu_emulator {

class CallStats {
 public:
  void arrived(const std::string& endpoint) {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_[endpoint];
  }
  void answered(const std::string& endpoint, const std::string& outcome) {
    std::lock_guard<std::mutex> lock(mu_);
    ++outcomes_[endpoint][outcome];
  }
  nlohmann::json snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    long total = 0;
    for (const auto& [k, v] : calls_) total += v;
    return {{"total_calls", total}, {"calls", calls_}, {"outcomes", outcomes_}};
  }
  void reset() {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.clear();
    outcomes_.clear();
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, long> calls_;
  std::map<std::string, std::map<std::string, long>> outcomes_;
};

}  // namespace feishu_emulator
