// executor.h — runs a Plan against Bitable: a resumable, asynchronous state machine driven by
// Transport answers and Scheduler turns (issue 4, item 7).
//
// Implemented:
//   [X] Order: students (batch_create) → learning records (batch_create, the link to the student in the
//       same call; planned students resolved to the record_ids their batch returned) → student updates
//       (batch_update). Batches of ≤ schema.batch_size.
//   [X] Strictly one call at a time: never two writes to one table at once (1254291, §6.3), and reads
//       never overlap writes.
//   [X] Retries (retry_policy.h) with backoff + seeded jitter; x-ogw-ratelimit-reset honoured; token
//       renewal answers (99991663/99991661) re-sent; a cap on attempts and time per call.
//   [X] A UUIDv4 client_token per create batch (seeded Rng), the same on every retry of that batch.
//   [X] 1255006 (token conflict): the batch may have been applied by an attempt whose answer was lost,
//       so the executor re-reads the batch's 用户IDs, marks what exists as done (students: their record_ids
//       feed the links) and sends only the missing items, under a new token.
//   [X] Failures are values: a non-retryable answer, or retries used up, marks each item of the batch
//       failed with the Feishu code and message; records whose planned student failed are failed with
//       kErrStudentNotCreated and the student's code. Nothing is dropped silently.
//   [X] cancel(): no new call after the one on the wire; a waiting retry ends at once. start() again
//       resumes (same batches, same client_tokens). After any interruption, fetching the snapshot
//       again, planning again and executing the new plan completes the job without duplicates.
//   [X] Progress events (phase, done, total) and the ExecutionStatus for the report.
// Missing:
//   [ ] No parallel calls to different tables (possible per §6.3, not needed at ≤ 500 per call).
//   [ ] An update's old values are not re-checked before writing (the plan is trusted).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/sync_schema.h"
#include "exec/bitable_routes.h"
#include "exec/call_runner.h"
#include "exec/random.h"
#include "exec/scheduler.h"
#include "exec/table_reader.h"
#include "plan/sync_plan.h"
#include "report/sync_report.h"
#include "transport/transport.h"

namespace ss {

enum class ExecPhase { kStudents, kRecords, kUpdates, kDone };

// "新增学员", "新增学习记录", "更新学员", "完成".
const char* exec_phase_name(ExecPhase phase);

struct ExecProgress {
  ExecPhase phase = ExecPhase::kStudents;
  size_t done = 0;    // items of this phase finished (written or failed)
  size_t total = 0;   // items of this phase
  size_t failed = 0;  // of `done`
  size_t calls = 0;   // API calls so far, retries and re-reads included
};

struct ExecutorOptions {
  RetryPolicy retry;
  uint64_t seed = 0;                // jitter and client_tokens; the CLI and the page use fresh entropy
  std::vector<HttpHeader> headers;  // added to every call (e.g. X-Sync-Run through the proxy)
};

struct ExecSummary {
  bool complete = false;   // every item written or failed
  bool cancelled = false;
  size_t written = 0;      // items done
  size_t failed = 0;
  size_t pending = 0;
  CallStats calls;
  size_t write_batches = 0;  // batches answered with success
  size_t reconciles = 0;     // 1255006 re-reads
};

class Executor {
 public:
  // `plan`, `schema`, `routes`, `transport` and `scheduler` must outlive the executor.
  Executor(const Plan& plan, const SyncSchema& schema, const BitableRoutes& routes, Transport& transport,
           Scheduler& scheduler, ExecutorOptions options = {});
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  void set_progress_handler(std::function<void(const ExecProgress&)> handler) { on_progress_ = std::move(handler); }
  // Starts, or resumes after cancel(). `on_finished` runs once per start, on a scheduler turn.
  void start(std::function<void(const ExecSummary&)> on_finished);
  void cancel();

  bool running() const { return running_; }
  ExecPhase phase() const { return phase_; }
  const ExecutionStatus& status() const { return status_; }
  const std::vector<std::string>& created_student_ids() const { return created_ids_; }
  ExecSummary summary() const;

 private:
  struct Batch {
    std::vector<size_t> items;
    std::string client_token;  // creates only
    int reconciles = 0;
  };

  void post_step();
  void step();
  void enter_phase(ExecPhase phase);
  void send_batch();
  void on_batch_answer(CallResult result);
  void reconcile(CallResult conflict);
  void on_reconciled(const std::vector<std::string>& existing, const CallResult& conflict);
  void fail_batch(const Batch& batch, int code, const std::string& message);
  std::vector<ItemStatus>& phase_items();
  void emit_progress();
  void finish(bool cancelled);

  const Plan& plan_;
  const SyncSchema& schema_;
  const BitableRoutes& routes_;
  Scheduler& scheduler_;
  ExecutorOptions options_;
  Rng rng_;
  CallStats stats_;
  CallRunner runner_;
  TableReader reader_;
  std::shared_ptr<bool> alive_;

  ExecutionStatus status_;
  std::vector<std::string> created_ids_;
  ExecPhase phase_ = ExecPhase::kStudents;
  bool phase_entered_ = false;
  std::deque<Batch> batches_;
  bool running_ = false;
  bool cancel_requested_ = false;
  size_t write_batches_ = 0;
  size_t reconciles_ = 0;
  std::function<void(const ExecProgress&)> on_progress_;
  std::function<void(const ExecSummary&)> on_finished_;
};

}  // namespace ss
