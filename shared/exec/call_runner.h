// call_runner.h — one Bitable call, sent and re-sent until it has a final answer: success, a
// non-retryable error, a client-token conflict (for the executor to resolve), retries exhausted, or
// cancelled. Every attempt is counted (CallStats), so the sync can report its API calls.
//
// Implemented:
//   [X] Retries per retry_policy.h: backoff with jitter, x-ogw-ratelimit-reset honoured, token renewals
//       bounded, attempts and elapsed time bounded per call.
//   [X] The same HttpRequest is re-sent unchanged, so a batch_create keeps its client_token on every retry
//       (feishu-bitable-api.md §9.8).
//   [X] Answers are handled on a fresh scheduler turn, never inside Transport::send, so a blocking transport
//       (answers before send returns) and an asynchronous one (answers later) behave the same.
//   [X] cancel() ends a call that is waiting for its next attempt at once; a call on the wire finishes first.
// Missing:
//   [ ] One call at a time per runner (the executor never needs more; one write per table, §6.3).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "exec/retry_policy.h"
#include "exec/scheduler.h"
#include "transport/transport.h"

namespace ss {

struct CallStats {
  size_t calls = 0;        // HTTP requests sent, every attempt counted
  size_t read_calls = 0;   // search
  size_t write_calls = 0;  // batch_create / batch_update
  size_t retries = 0;      // attempts after the first
};

struct CallResult {
  Classified last;          // the final answer; verdict kRetry/kRenewToken here means "gave up"
  HttpResponse response;    // the final raw answer
  int attempts = 0;
  bool exhausted = false;   // retries used up (last.code says why)
  bool cancelled = false;
  bool maybe_applied = false;  // some attempt may have changed the table
  bool ok() const { return last.verdict == Verdict::kSuccess; }
};

class CallRunner {
 public:
  CallRunner(Transport& transport, Scheduler& scheduler, RetryPolicy policy, Rng& rng, CallStats& stats,
             std::vector<HttpHeader> extra_headers = {});
  ~CallRunner();
  CallRunner(const CallRunner&) = delete;
  CallRunner& operator=(const CallRunner&) = delete;

  // Starts a call; `done` runs once, on a scheduler turn. Only one call at a time.
  void run(HttpRequest request, bool is_write, std::function<void(CallResult)> done);
  void cancel();
  bool busy() const { return busy_; }
  const RetryPolicy& policy() const { return policy_; }

 private:
  void attempt();
  void on_answer(HttpResponse response);
  void finish(CallResult result);

  Transport& transport_;
  Scheduler& scheduler_;
  RetryPolicy policy_;
  Rng& rng_;
  CallStats& stats_;
  std::vector<HttpHeader> extra_headers_;
  std::shared_ptr<bool> alive_;

  HttpRequest request_;
  bool is_write_ = false;
  std::function<void(CallResult)> done_;
  bool busy_ = false;
  bool waiting_ = false;      // between attempts
  uint64_t wait_generation_ = 0;
  int attempts_ = 0;
  int renewals_ = 0;
  bool maybe_applied_ = false;
  int64_t started_ms_ = 0;
};

}  // namespace ss
