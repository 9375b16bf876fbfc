// exec_test_support.h — shared helpers for the executor's unit tests: rows from CSV text, a plan over
// the fake Bitable, and running fetch/execute to completion on a ManualScheduler (virtual time).
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "exec/executor.h"
#include "exec/snapshot_fetch.h"
#include "fake_bitable.h"
#include "pipeline/import_file.h"
#include "plan/sync_plan.h"

namespace ss::test {

inline ImportRows rows_from_csv(const std::string& csv, const SyncSchema& schema = {}) {
  auto f = import_file(csv, ColumnMapping{}, schema);
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
  return f.ok() ? f->rows : ImportRows{};
}

// "用户ID,昵称,手机号,课程,学习日期" + one row per user (u0001…), course C, date 2024-01-(1+i%28).
inline std::string users_csv(size_t users, size_t rows_per_user = 1, const std::string& course = "课程A") {
  std::string csv = "用户ID,昵称,手机号,课程,学习日期\n";
  for (size_t i = 0; i < users; ++i) {
    for (size_t k = 0; k < rows_per_user; ++k) {
      char line[160];
      std::snprintf(line, sizeof line, "u%05zu,昵称%zu,139%08zu,%s,2024-01-%02zu\n", i, i, i, course.c_str(), 1 + k % 28);
      csv += line;
    }
  }
  return csv;
}

inline DirectRoutes fake_routes() { return DirectRoutes(kApp, kStudentsTable, kRecordsTable); }

inline RetryPolicy fast_policy() {
  RetryPolicy p;
  p.initial_delay_ms = 100;
  p.max_delay_ms = 2000;
  return p;
}

inline Result<FetchedSnapshot> fetch_now(Transport& t, ManualScheduler& s, const ImportRows& rows,
                                         const SyncSchema& schema, CallStats* stats_out = nullptr) {
  DirectRoutes routes = fake_routes();
  Rng rng(7);
  CallStats stats;
  CallRunner runner(t, s, fast_policy(), rng, stats);
  SnapshotFetcher fetcher(runner, routes, schema);
  std::optional<Result<FetchedSnapshot>> out;
  fetcher.fetch(distinct_user_ids(rows), [&](Result<FetchedSnapshot> r) { out.emplace(std::move(r)); });
  s.run_until_idle();
  if (stats_out) *stats_out = stats;
  if (!out) return Error{-99, "fetch did not finish"};
  return std::move(*out);
}

struct ExecRun {
  ExecSummary summary;
  ExecutionStatus status;
  std::vector<ExecProgress> progress;
  bool finished = false;
};

inline ExecRun execute_now(const Plan& plan, Transport& t, ManualScheduler& s, const SyncSchema& schema,
                           uint64_t seed = 1, RetryPolicy policy = fast_policy()) {
  DirectRoutes routes = fake_routes();
  ExecutorOptions o;
  o.retry = policy;
  o.seed = seed;
  Executor ex(plan, schema, routes, t, s, o);
  ExecRun run;
  ex.set_progress_handler([&](const ExecProgress& p) { run.progress.push_back(p); });
  ex.start([&](const ExecSummary& sum) {
    run.summary = sum;
    run.finished = true;
  });
  s.run_until_idle();
  run.status = ex.status();
  return run;
}

// Fetch + plan against the fake's current tables.
inline Plan plan_now(FakeBitable& fake, ManualScheduler& s, const ImportRows& rows, const SyncSchema& schema) {
  auto snap = fetch_now(fake, s, rows, schema);
  EXPECT_TRUE(snap.ok()) << (snap.ok() ? "" : snap.error().message);
  return make_plan(rows, snap.ok() ? snap->snapshot : Snapshot{}, schema);
}

}  // namespace ss::test
