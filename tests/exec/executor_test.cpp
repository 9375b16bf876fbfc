// executor_test.cpp — the executor against the scripted in-memory Bitable (fake_bitable.h), in virtual
// time: batching, ordering and links, every retryable code, client_token reuse, 1255006, failures
// reported with their code, cancel/resume, progress events.
#include <set>

#include <gtest/gtest.h>

#include "exec_test_support.h"

namespace ss::test {
namespace {

std::string token_of(const HttpRequest& r) {
  const auto p = r.path.find("client_token=");
  return p == std::string::npos ? std::string() : r.path.substr(p + 13);
}

size_t count_records(const json& body) { return body.contains("records") ? body["records"].size() : 0; }

TEST(Executor, CreatesStudentsThenRecordsThenUpdatesInBatchesOfTheSchemaSize) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  schema.batch_size = 4;
  fake.add(kStudentsTable, {{"用户ID", "u00000"}, {"昵称", "旧名"}});
  fake.add(kStudentsTable, {{"用户ID", "u00001"}, {"昵称", "旧名"}});
  const ImportRows rows = rows_from_csv(users_csv(10));
  const Plan plan = plan_now(fake, s, rows, schema);
  ASSERT_EQ(plan.student_creates.size(), 8u);
  ASSERT_EQ(plan.student_updates.size(), 2u);
  ASSERT_EQ(plan.record_creates.size(), 10u);
  fake.requests.clear();

  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.finished);
  EXPECT_TRUE(run.summary.complete);
  EXPECT_EQ(run.summary.failed, 0u);
  std::vector<std::string> kinds;
  for (const auto& r : fake.requests) {
    const json b = json::parse(r.body);
    EXPECT_LE(count_records(b), 4u);
    kinds.push_back(r.path.find(kStudentsTable) != std::string::npos
                        ? (r.path.find("batch_update") != std::string::npos ? "U" : "S")
                        : "R");
  }
  // 8 students → 2 batches, 10 records → 3 batches, 2 updates → 1 batch, in that order.
  EXPECT_EQ(kinds, (std::vector<std::string>{"S", "S", "R", "R", "R", "U"}));
  EXPECT_EQ(run.summary.calls.write_calls, plan.lower_bound.total());
  EXPECT_EQ(fake.students().size(), 10u);
  EXPECT_EQ(fake.records().size(), 10u);
  EXPECT_EQ(fake.students()[0].fields["昵称"], "昵称0");
}

TEST(Executor, LinksRecordsToTheRecordIdsTheStudentsBatchReturned) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const ImportRows rows = rows_from_csv(users_csv(3, 2));
  const Plan plan = plan_now(fake, s, rows, schema);
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.summary.complete);
  std::map<std::string, std::string> id_of;
  for (const auto& st : fake.students()) id_of[st.fields["用户ID"]] = st.id;
  ASSERT_EQ(fake.records().size(), 6u);
  for (const auto& r : fake.records()) {
    EXPECT_EQ(r.fields["关联到学员总表"], json::array({id_of[r.fields["用户ID"]]})) << r.fields.dump();
  }
}

TEST(Executor, EachCreateBatchHasItsOwnUuidV4ClientToken) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  schema.batch_size = 2;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(6)), schema);
  fake.requests.clear();
  execute_now(plan, fake, s, schema);
  std::set<std::string> tokens;
  for (const auto& r : fake.requests_to("batch_create")) {
    const std::string t = token_of(r);
    ASSERT_EQ(t.size(), 36u);
    EXPECT_EQ(t[14], '4');
    EXPECT_NE(std::string("89ab").find(t[19]), std::string::npos);
    tokens.insert(t);
  }
  EXPECT_EQ(tokens.size(), 6u);
  EXPECT_TRUE(fake.requests_to("batch_update").empty());
}

struct RetryCase {
  const char* name;
  Fault fault;
};

class ExecutorRetries : public ::testing::TestWithParam<RetryCase> {};

TEST_P(ExecutorRetries, RetriesWithTheSameClientTokenAndSucceeds) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(2)), schema);
  fake.requests.clear();
  fake.faults[1] = GetParam().fault;  // the students' batch_create, first attempt
  fake.faults[3] = GetParam().fault;  // the records' batch_create, first attempt
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.summary.complete);
  EXPECT_EQ(run.summary.failed, 0u);
  ASSERT_EQ(fake.requests.size(), 4u);
  EXPECT_EQ(token_of(fake.requests[0]), token_of(fake.requests[1]));
  EXPECT_EQ(fake.requests[0].body, fake.requests[1].body);
  EXPECT_EQ(token_of(fake.requests[2]), token_of(fake.requests[3]));
  EXPECT_NE(token_of(fake.requests[0]), token_of(fake.requests[2]));
  EXPECT_EQ(run.summary.calls.retries, 2u);
  // Applied-but-lost answers must not duplicate: the replayed token returns the first result.
  EXPECT_EQ(fake.students().size(), 2u);
  EXPECT_EQ(fake.records().size(), 2u);
}

std::vector<RetryCase> retry_cases() {
  std::vector<RetryCase> v = {
      {"RateLimit", code_fault(99991400, 429, {{"x-ogw-ratelimit-reset", "1"}})},
      {"TooManyRequest", code_fault(1254290)},
      {"WriteConflict", code_fault(1254291)},
      {"DataNotReady", code_fault(1254607)},
      {"Internal1255001", code_fault(1255001, 200)},
      {"Rpc1255002", code_fault(1255002, 500)},
      {"Marshal1255003", code_fault(1255003, 500)},
      {"Unmarshal1255004", code_fault(1255004, 500)},
      {"Conv1255005", code_fault(1255005, 500)},
      {"Timeout1255040", code_fault(1255040, 504)},
      {"TokenExpired", code_fault(99991663)},
      {"TokenMissing", code_fault(99991661)},
      {"Http500PlainText", Fault{FaultMode::kAnswer, 500, json("500 Internal Server Error"), {}}},
      {"Http502Gateway", Fault{FaultMode::kAnswer, 502, json("<html>bad gateway</html>"), {}}},
      {"Dropped", Fault{FaultMode::kDropBefore, 0, {}, {}}},
      {"AppliedButLost", Fault{FaultMode::kLostAfterApply, 0, {}, {}}},
  };
  return v;
}

INSTANTIATE_TEST_SUITE_P(AllRetryable, ExecutorRetries, ::testing::ValuesIn(retry_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Executor, HonoursRateLimitResetSeconds) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(1)), schema);
  fake.requests.clear();
  std::vector<int64_t> at;
  fake.fault_fn = [&](const HttpRequest&, size_t call) -> std::optional<Fault> {
    at.push_back(s.now_ms());
    if (call == 1) return code_fault(99991400, 429, {{"x-ogw-ratelimit-reset", "3"}});
    return std::nullopt;
  };
  execute_now(plan, fake, s, schema);
  ASSERT_GE(at.size(), 2u);
  EXPECT_GE(at[1] - at[0], 3000);
  EXPECT_LT(at[1] - at[0], 3100);
}

TEST(Executor, BackoffGrowsAndIsReproducibleFromTheSeed) {
  auto delays = [](uint64_t seed) {
    ManualScheduler s;
    FakeBitable fake(&s);
    SyncSchema schema;
    const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(1)), schema);
    fake.requests.clear();
    std::vector<int64_t> at;
    fake.fault_fn = [&](const HttpRequest&, size_t call) -> std::optional<Fault> {
      at.push_back(s.now_ms());
      return call <= 5 ? std::optional<Fault>(code_fault(1254291)) : std::nullopt;
    };
    execute_now(plan, fake, s, schema, seed);
    std::vector<int64_t> d;
    for (size_t i = 1; i < at.size() && i < 6; ++i) d.push_back(at[i] - at[i - 1]);
    return d;
  };
  const auto a = delays(42), b = delays(42);
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.size(), 5u);
  for (size_t i = 0; i < a.size(); ++i) {
    const int64_t full = std::min<int64_t>(100 << i, 2000);
    EXPECT_GE(a[i], full / 2) << i;
    EXPECT_LE(a[i], full) << i;
  }
}

TEST(Executor, NonRetryableCodeFailsTheBatchWithItsCodeAndTheLinkedRecords) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  schema.batch_size = 2;
  fake.add(kStudentsTable, {{"用户ID", "u00003"}});
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(4)), schema);
  ASSERT_EQ(plan.student_creates.size(), 3u);
  fake.requests.clear();
  fake.faults[1] = Fault{FaultMode::kAnswer, 400,
                         json{{"code", 1254045}, {"msg", "FieldNameNotFound"}, {"error", {{"message", "昵称 not found"}}}}, {}};
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.finished);
  EXPECT_TRUE(run.summary.complete);
  ASSERT_EQ(run.status.student_creates.size(), 3u);
  for (size_t i : {0u, 1u}) {
    EXPECT_EQ(run.status.student_creates[i].state, ItemState::kFailed);
    EXPECT_EQ(run.status.student_creates[i].code, 1254045);
    EXPECT_NE(run.status.student_creates[i].message.find("FieldNameNotFound"), std::string::npos);
  }
  EXPECT_EQ(run.status.student_creates[2].state, ItemState::kDone);
  // Records of the two failed students carry the student's code; the others are written.
  size_t failed = 0;
  for (size_t i = 0; i < plan.record_creates.size(); ++i) {
    const auto& st = run.status.record_creates[i];
    const auto& link = plan.record_creates[i].student;
    if (link.is_planned() && link.planned_student() < 2) {
      ++failed;
      EXPECT_EQ(st.state, ItemState::kFailed);
      EXPECT_EQ(st.code, 1254045);
    } else {
      EXPECT_EQ(st.state, ItemState::kDone);
    }
  }
  EXPECT_EQ(failed, 2u);
  EXPECT_EQ(fake.records().size(), 2u);
  EXPECT_EQ(run.summary.failed, 4u);
  const SyncReport report = build_report(plan, &run.status);
  EXPECT_EQ(report.counts.failed, 2u);
}

TEST(Executor, GivesUpAfterMaxAttemptsWithTheLastCode) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(2)), schema);
  fake.requests.clear();
  fake.fault_fn = [](const HttpRequest&, size_t) -> std::optional<Fault> { return code_fault(1254291); };
  RetryPolicy p = fast_policy();
  p.max_attempts = 4;
  ExecRun run = execute_now(plan, fake, s, schema, 1, p);
  EXPECT_EQ(fake.requests.size(), 4u);  // students: 4 attempts; records: blocked, never sent
  for (const auto& st : run.status.student_creates) {
    EXPECT_EQ(st.state, ItemState::kFailed);
    EXPECT_EQ(st.code, 1254291);
  }
  for (const auto& st : run.status.record_creates) EXPECT_EQ(st.code, 1254291);
}

TEST(Executor, GivesUpWhenTheTimeBudgetIsSpent) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(1)), schema);
  fake.fault_fn = [](const HttpRequest&, size_t) -> std::optional<Fault> { return Fault{FaultMode::kDropBefore, 0, {}, {}}; };
  RetryPolicy p = fast_policy();
  p.max_attempts = 1000;
  p.max_elapsed_ms = 10'000;
  const int64_t t0 = s.now_ms();
  ExecRun run = execute_now(plan, fake, s, schema, 1, p);
  EXPECT_LE(s.now_ms() - t0, 10'000);
  EXPECT_EQ(run.status.student_creates[0].code, kErrNoAnswer);
}

TEST(Executor, ClientTokenConflictAfterAnAppliedAttemptReReadsAndDoesNotDuplicate) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fake.conflict_mode = true;
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(3, 2)), schema);
  fake.requests.clear();
  fake.faults[1] = Fault{FaultMode::kLostAfterApply, 0, {}, {}};  // students applied, answer lost
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.summary.complete);
  EXPECT_EQ(run.summary.failed, 0u);
  EXPECT_EQ(run.summary.reconciles, 1u);
  EXPECT_EQ(fake.students().size(), 3u);
  ASSERT_EQ(fake.records().size(), 6u);
  // Call 2 was the retry (→ 1255006), call 3 the re-read, then the records' batch.
  EXPECT_NE(fake.requests[2].path.find("records/search"), std::string::npos);
  std::map<std::string, std::string> id_of;
  for (const auto& st : fake.students()) id_of[st.fields["用户ID"]] = st.id;
  for (const auto& r : fake.records()) EXPECT_EQ(r.fields["关联到学员总表"][0], id_of[r.fields["用户ID"]]);
}

TEST(Executor, ClientTokenConflictWithNothingAppliedResendsOnlyTheMissingUnderANewToken) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(3)), schema);
  fake.requests.clear();
  fake.faults[1] = code_fault(1255006);
  // Someone else created u00001 meanwhile: the re-read finds it, only two are sent.
  fake.add(kStudentsTable, {{"用户ID", "u00001"}});
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.summary.complete);
  EXPECT_EQ(fake.students().size(), 3u);
  const auto creates = fake.requests_to(std::string(kStudentsTable) + "/records/batch_create");
  ASSERT_EQ(creates.size(), 2u);
  EXPECT_NE(token_of(creates[0]), token_of(creates[1]));
  EXPECT_EQ(json::parse(creates[1].body)["records"].size(), 2u);
  EXPECT_EQ(fake.records().size(), 3u);
}

TEST(Executor, RecordsBatchConflictMatchesByUserCourseAndDay) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fake.conflict_mode = true;
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(2, 3)), schema);
  fake.requests.clear();
  fake.faults[2] = Fault{FaultMode::kLostAfterApply, 0, {}, {}};  // records applied, answer lost
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_TRUE(run.summary.complete);
  EXPECT_EQ(run.summary.failed, 0u);
  EXPECT_EQ(fake.records().size(), 6u);
}

TEST(Executor, CancelStopsAfterTheCurrentBatchAndStartResumes) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fake.async_delay_ms = 50;
  SyncSchema schema;
  schema.batch_size = 2;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(6)), schema);
  fake.requests.clear();
  DirectRoutes routes = fake_routes();
  Executor ex(plan, schema, routes, fake, s, ExecutorOptions{fast_policy(), 3, {}});
  std::vector<ExecSummary> ends;
  ex.set_progress_handler([&](const ExecProgress& p) {
    if (p.phase == ExecPhase::kStudents && p.done == 2) ex.cancel();
  });
  ex.start([&](const ExecSummary& sum) { ends.push_back(sum); });
  s.run_until_idle();
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_TRUE(ends[0].cancelled);
  EXPECT_FALSE(ends[0].complete);
  EXPECT_EQ(fake.requests.size(), 1u);
  EXPECT_EQ(fake.students().size(), 2u);
  ex.start([&](const ExecSummary& sum) { ends.push_back(sum); });
  s.run_until_idle();
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_TRUE(ends[1].complete);
  EXPECT_EQ(fake.students().size(), 6u);
  EXPECT_EQ(fake.records().size(), 6u);
}

TEST(Executor, CancelDuringBackoffEndsAtOnceAndKeepsTheToken) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(2)), schema);
  fake.requests.clear();
  fake.faults[1] = code_fault(99991400, 429, {{"x-ogw-ratelimit-reset", "60"}});
  DirectRoutes routes = fake_routes();
  Executor ex(plan, schema, routes, fake, s, ExecutorOptions{fast_policy(), 3, {}});
  bool ended = false;
  ex.start([&](const ExecSummary& sum) {
    ended = true;
    EXPECT_TRUE(sum.cancelled);
  });
  s.run_until_idle(2);  // step (sends; answered inside send), the answer: now waiting 60 s
  ex.cancel();
  s.run_until_idle();
  EXPECT_TRUE(ended);
  EXPECT_LT(s.now_ms(), 60'000 + 1000);
  EXPECT_EQ(fake.requests.size(), 1u);
  ex.start([](const ExecSummary&) {});
  s.run_until_idle();
  ASSERT_GE(fake.requests.size(), 2u);
  EXPECT_EQ(token_of(fake.requests[0]), token_of(fake.requests[1]));
  EXPECT_EQ(fake.students().size(), 2u);
}

TEST(Executor, ReportsProgressPerPhaseUpToTheTotal) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  schema.batch_size = 3;
  fake.add(kStudentsTable, {{"用户ID", "u00000"}, {"昵称", "x"}});
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(7)), schema);
  ExecRun run = execute_now(plan, fake, s, schema);
  ASSERT_FALSE(run.progress.empty());
  ExecPhase last = ExecPhase::kStudents;
  size_t last_done = 0;
  std::map<ExecPhase, size_t> final_done;
  for (const auto& p : run.progress) {
    EXPECT_GE(static_cast<int>(p.phase), static_cast<int>(last));
    if (p.phase == last) {
      EXPECT_GE(p.done, last_done);
    }
    last = p.phase;
    last_done = p.done;
    EXPECT_LE(p.done, p.total);
    final_done[p.phase] = p.done;
  }
  EXPECT_EQ(run.progress.back().phase, ExecPhase::kDone);
  EXPECT_EQ(final_done[ExecPhase::kStudents], 6u);
  EXPECT_EQ(final_done[ExecPhase::kRecords], 7u);
  EXPECT_EQ(final_done[ExecPhase::kUpdates], 1u);
}

TEST(Executor, ThousandsOfSynchronousAnswersDoNotGrowTheStack) {
  ManualScheduler s;
  FakeBitable fake(&s);  // answers inside send(), like the blocking native transport
  SyncSchema schema;
  schema.batch_size = 1;
  const Plan plan = plan_now(fake, s, rows_from_csv(users_csv(3000)), schema);
  ExecRun run = execute_now(plan, fake, s, schema);
  EXPECT_TRUE(run.summary.complete);
  EXPECT_EQ(fake.records().size(), 3000u);
}

TEST(Executor, EmptyPlanFinishesWithoutCalls) {
  ManualScheduler s;
  FakeBitable fake(&s);
  SyncSchema schema;
  Plan plan;
  ExecRun run = execute_now(plan, fake, s, schema);
  EXPECT_TRUE(run.finished);
  EXPECT_TRUE(run.summary.complete);
  EXPECT_EQ(run.summary.calls.calls, 0u);
}

TEST(Executor, InterruptedRunCompletesAfterReplanWithoutDuplicates) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    ManualScheduler s;
    FakeBitable fake(&s);
    SyncSchema schema;
    schema.batch_size = 7;
    const ImportRows rows = rows_from_csv(users_csv(30, 2));
    Plan plan = plan_now(fake, s, rows, schema);
    fake.requests.clear();
    // Stop the first run at a random point: every call after call k drops (applied or not).
    Rng pick(seed);
    const size_t k = 1 + pick.below(8);
    fake.fault_fn = [&](const HttpRequest&, size_t call) -> std::optional<Fault> {
      if (call < k) return std::nullopt;
      return Fault{call == k ? FaultMode::kLostAfterApply : FaultMode::kDropBefore, 0, {}, {}};
    };
    RetryPolicy p = fast_policy();
    p.max_attempts = 2;
    execute_now(plan, fake, s, schema, seed, p);
    fake.fault_fn = nullptr;
    for (int round = 0; round < 2; ++round) {
      Plan again = plan_now(fake, s, rows, schema);
      if (!again.has_writes()) break;
      ExecRun r = execute_now(again, fake, s, schema, seed * 100 + round);
      EXPECT_EQ(r.summary.failed, 0u) << "seed " << seed;
    }
    EXPECT_EQ(fake.students().size(), 30u) << "seed " << seed;
    EXPECT_EQ(fake.records().size(), 60u) << "seed " << seed;
    EXPECT_FALSE(plan_now(fake, s, rows, schema).has_writes()) << "seed " << seed;
  }
}

}  // namespace
}  // namespace ss::test
