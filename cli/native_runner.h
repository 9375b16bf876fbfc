// native_runner.h — the engine's asynchronous snapshot fetch and executor, run to completion on the
// native SteadyScheduler (for the CLI and the integration tests).
//
// Implemented:
//   [X] fetch_snapshot_blocking: the cheapest read (exec/snapshot_fetch.h), with its call counts.
//   [X] execute_blocking: the executor until it finishes; progress forwarded; an optional stop flag
//       (set by SIGINT) cancels after the call on the wire.
// Missing:
//   [ ] No parallelism: one call at a time, like the executor itself.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "core/result.h"
#include "exec/executor.h"
#include "exec/snapshot_fetch.h"
#include "normalize/import_rows.h"

namespace ss {

struct NativeFetch {
  FetchedSnapshot fetched;
  CallStats calls;  // every attempt, retries included
};

Result<NativeFetch> fetch_snapshot_blocking(Transport& transport, const BitableRoutes& routes, const SyncSchema& schema,
                                            const ImportRows& rows, RetryPolicy policy, uint64_t seed);

struct NativeExecution {
  ExecSummary summary;
  ExecutionStatus status;
};

NativeExecution execute_blocking(const Plan& plan, const SyncSchema& schema, const BitableRoutes& routes,
                                 Transport& transport, ExecutorOptions options,
                                 std::function<void(const ExecProgress&)> on_progress = {},
                                 const std::atomic<bool>* stop = nullptr);

// 64 bits from std::random_device, for client_tokens that never repeat across runs.
uint64_t fresh_seed();

}  // namespace ss
