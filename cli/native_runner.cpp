// native_runner.cpp — see native_runner.h.
#include "native_runner.h"

#include <optional>
#include <random>

#include "steady_scheduler.h"

namespace ss {

uint64_t fresh_seed() {
  std::random_device rd;
  return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

Result<NativeFetch> fetch_snapshot_blocking(Transport& transport, const BitableRoutes& routes, const SyncSchema& schema,
                                            const ImportRows& rows, RetryPolicy policy, uint64_t seed) {
  SteadyScheduler scheduler;
  Rng rng(seed);
  CallStats stats;
  CallRunner runner(transport, scheduler, policy, rng, stats);
  std::vector<ExtraColumn> extras;
  for (const auto& e : rows.columns.extras) extras.push_back(e.spec);
  SnapshotFetcher fetcher(runner, routes, schema, extras);
  std::optional<Result<FetchedSnapshot>> out;
  fetcher.fetch(distinct_user_ids(rows), [&](Result<FetchedSnapshot> r) { out.emplace(std::move(r)); });
  scheduler.run_until_idle();
  if (!out) return Error{kErrNoAnswer, "读取表格没有完成"};
  if (!out->ok()) return out->error();
  return NativeFetch{std::move(out->value()), stats};
}

NativeExecution execute_blocking(const Plan& plan, const SyncSchema& schema, const BitableRoutes& routes,
                                 Transport& transport, ExecutorOptions options,
                                 std::function<void(const ExecProgress&)> on_progress, const std::atomic<bool>* stop) {
  SteadyScheduler scheduler;
  Executor executor(plan, schema, routes, transport, scheduler, std::move(options));
  if (on_progress) executor.set_progress_handler(std::move(on_progress));
  NativeExecution out;
  bool cancel_sent = false;
  executor.start([&](const ExecSummary& s) { out.summary = s; });
  while (scheduler.run_one()) {
    if (stop && stop->load() && !cancel_sent) {
      cancel_sent = true;
      executor.cancel();
    }
  }
  out.status = executor.status();
  return out;
}

}  // namespace ss
