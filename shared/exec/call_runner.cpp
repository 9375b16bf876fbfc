// call_runner.cpp — see call_runner.h.
#include "exec/call_runner.h"

namespace ss {

CallRunner::CallRunner(Transport& transport, Scheduler& scheduler, RetryPolicy policy, Rng& rng, CallStats& stats,
                       std::vector<HttpHeader> extra_headers)
    : transport_(transport),
      scheduler_(scheduler),
      policy_(policy),
      rng_(rng),
      stats_(stats),
      extra_headers_(std::move(extra_headers)),
      alive_(std::make_shared<bool>(true)) {}

CallRunner::~CallRunner() { *alive_ = false; }

void CallRunner::run(HttpRequest request, bool is_write, std::function<void(CallResult)> done) {
  request_ = std::move(request);
  for (const auto& h : extra_headers_) request_.headers.push_back(h);
  is_write_ = is_write;
  done_ = std::move(done);
  busy_ = true;
  waiting_ = false;
  attempts_ = 0;
  renewals_ = 0;
  maybe_applied_ = false;
  started_ms_ = scheduler_.now_ms();
  attempt();
}

void CallRunner::attempt() {
  waiting_ = false;
  ++attempts_;
  ++stats_.calls;
  (is_write_ ? stats_.write_calls : stats_.read_calls) += 1;
  if (attempts_ > 1) ++stats_.retries;
  std::weak_ptr<bool> alive = alive_;
  transport_.send(request_, [this, alive](HttpResponse response) {
    auto a = alive.lock();
    if (!a || !*a) return;
    // A fresh turn: the transport may be calling us from inside send().
    scheduler_.call_after(0, [this, alive, r = std::move(response)]() mutable {
      auto a2 = alive.lock();
      if (a2 && *a2) on_answer(std::move(r));
    });
  });
}

void CallRunner::on_answer(HttpResponse response) {
  CallResult result;
  result.last = classify_response(response);
  result.response = std::move(response);
  result.attempts = attempts_;
  maybe_applied_ = maybe_applied_ || result.last.maybe_applied;
  const Verdict v = result.last.verdict;
  if (v != Verdict::kRetry && v != Verdict::kRenewToken) return finish(std::move(result));

  if (v == Verdict::kRenewToken) ++renewals_;
  const int64_t elapsed = scheduler_.now_ms() - started_ms_;
  const bool out_of_renewals = v == Verdict::kRenewToken && renewals_ > policy_.max_token_renewals;
  int64_t delay = v == Verdict::kRenewToken ? 0 : backoff_delay_ms(policy_, attempts_, result.last.retry_after_ms, rng_);
  if (out_of_renewals || attempts_ >= policy_.max_attempts || elapsed + delay > policy_.max_elapsed_ms) {
    result.exhausted = true;
    return finish(std::move(result));
  }
  waiting_ = true;
  const uint64_t generation = ++wait_generation_;
  std::weak_ptr<bool> alive = alive_;
  scheduler_.call_after(delay, [this, alive, generation] {
    auto a = alive.lock();
    if (!a || !*a || !waiting_ || generation != wait_generation_) return;
    attempt();
  });
}

void CallRunner::cancel() {
  if (!busy_ || !waiting_) return;  // on the wire: its answer still counts
  ++wait_generation_;
  waiting_ = false;
  CallResult result;
  result.cancelled = true;
  result.attempts = attempts_;
  result.last.verdict = Verdict::kFail;
  result.last.code = kErrCancelled;
  result.last.message = "同步已取消";
  std::weak_ptr<bool> alive = alive_;
  scheduler_.call_after(0, [this, alive, r = std::move(result)]() mutable {
    auto a = alive.lock();
    if (a && *a) finish(std::move(r));
  });
}

void CallRunner::finish(CallResult result) {
  result.maybe_applied = maybe_applied_;
  busy_ = false;
  waiting_ = false;
  auto done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(result));
}

}  // namespace ss
