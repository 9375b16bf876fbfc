// steady_scheduler.h — ss::Scheduler on std::chrono::steady_clock for native runs: call_after queues,
// run_one() sleeps until the earliest timer is due and runs it. Single-threaded; with the blocking
// HttplibTransport every answer arrives inside send(), so "queue empty" means "nothing left to do".
#pragma once

#include <chrono>

#include "exec/scheduler.h"

namespace ss {

class SteadyScheduler : public Scheduler {
 public:
  int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
  void call_after(int64_t delay_ms, std::function<void()> fn) override {
    queue_.add(now_ms() + (delay_ms > 0 ? delay_ms : 0), std::move(fn));
  }
  // Runs the next timer (sleeping until it is due); false when there is none.
  bool run_one();
  void run_until_idle() {
    while (run_one()) {
    }
  }

 private:
  TimerQueue queue_;
};

}  // namespace ss
