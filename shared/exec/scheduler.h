// scheduler.h — time for the executor: a clock and "call this later", behind an interface, because
// shared/ has no clock or threads of its own (docs/architecture.md).
//
// Implemented:
//   [X] Scheduler: now_ms() + call_after(delay, fn). Implementations: ManualScheduler (here; virtual
//       time, for unit tests and deterministic replays), SteadyScheduler (cli/, real clock + sleep),
//       the page's scheduler (wasm/, emscripten timers).
//   [X] TimerQueue: the ordered timer list both the manual and the native scheduler run on; ties run
//       in the order they were added, so a run is reproducible.
// Missing:
//   [ ] No cancellation of a scheduled call: callers guard their callbacks with a liveness flag.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

namespace ss {

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Milliseconds on a monotonic clock (the origin is arbitrary).
  virtual int64_t now_ms() const = 0;
  // Runs `fn` once, no earlier than `delay_ms` from now, never inside this call (so callers may post
  // from a transport callback without growing the stack).
  virtual void call_after(int64_t delay_ms, std::function<void()> fn) = 0;
};

// Due time → callbacks, ties in insertion order.
class TimerQueue {
 public:
  void add(int64_t due_ms, std::function<void()> fn) { timers_.emplace(Key{due_ms, next_seq_++}, std::move(fn)); }
  bool empty() const { return timers_.empty(); }
  int64_t next_due() const { return timers_.begin()->first.due; }
  // Removes and returns the earliest timer's callback.
  std::function<void()> pop() {
    auto it = timers_.begin();
    std::function<void()> fn = std::move(it->second);
    timers_.erase(it);
    return fn;
  }

 private:
  struct Key {
    int64_t due;
    uint64_t seq;
    bool operator<(const Key& o) const { return due != o.due ? due < o.due : seq < o.seq; }
  };
  std::map<Key, std::function<void()>> timers_;
  uint64_t next_seq_ = 0;
};

// Virtual time: run_until_idle() jumps the clock to each timer's due time, so a test with minutes of
// backoff finishes in microseconds and always in the same order.
class ManualScheduler : public Scheduler {
 public:
  explicit ManualScheduler(int64_t start_ms = 0) : now_(start_ms) {}
  int64_t now_ms() const override { return now_; }
  void call_after(int64_t delay_ms, std::function<void()> fn) override {
    queue_.add(now_ + (delay_ms > 0 ? delay_ms : 0), std::move(fn));
  }
  // Runs timers in due order until none is left (or `max_steps` ran); returns how many ran.
  size_t run_until_idle(size_t max_steps = 10'000'000) {
    size_t steps = 0;
    while (!queue_.empty() && steps < max_steps) {
      if (queue_.next_due() > now_) now_ = queue_.next_due();
      queue_.pop()();
      ++steps;
    }
    return steps;
  }
  bool idle() const { return queue_.empty(); }
  void advance(int64_t ms) { now_ += ms; }

 private:
  int64_t now_;
  TimerQueue queue_;
};

}  // namespace ss
