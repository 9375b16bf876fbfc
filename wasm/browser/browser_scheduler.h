// browser_scheduler.h — ss::Scheduler on the browser's clock and timers (performance.now, setTimeout),
// so the engine's retries and backoff wait without blocking the page.
#pragma once

#include "exec/scheduler.h"

namespace ss::app {

class BrowserScheduler : public Scheduler {
 public:
  int64_t now_ms() const override;
  void call_after(int64_t delay_ms, std::function<void()> fn) override;
};

}  // namespace ss::app
