// steady_scheduler.cpp — see steady_scheduler.h.
#include "steady_scheduler.h"

#include <thread>

namespace ss {

bool SteadyScheduler::run_one() {
  if (queue_.empty()) return false;
  const int64_t wait = queue_.next_due() - now_ms();
  if (wait > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  queue_.pop()();
  return true;
}

}  // namespace ss
