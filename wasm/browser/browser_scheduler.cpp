#include "browser/browser_scheduler.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <utility>

namespace ss::app {
namespace {

void run_and_delete(void* arg) {
  auto* fn = static_cast<std::function<void()>*>(arg);
  (*fn)();
  delete fn;
}

}  // namespace

int64_t BrowserScheduler::now_ms() const { return static_cast<int64_t>(emscripten_get_now()); }

void BrowserScheduler::call_after(int64_t delay_ms, std::function<void()> fn) {
  emscripten_set_timeout(run_and_delete, static_cast<double>(delay_ms > 0 ? delay_ms : 0),
                         new std::function<void()>(std::move(fn)));
}

}  // namespace ss::app
