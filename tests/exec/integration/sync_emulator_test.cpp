// sync_emulator_test.cpp — the engine over real HTTP against the feishu-emulator binary: the sample
// fixture record by record, a re-sync that writes nothing, faults of every kind with a short token
// life in both client_token modes, and API-call counts for a 1,000-row file. Seeds are printed on
// failure (SCOPED_TRACE) so a run can be replayed.
#include <gtest/gtest.h>

#include "emulator_process.h"

namespace ss::itest {
namespace {

int64_t write_calls(const EmulatorProcess& emu) {
  const json calls = emu.stats()["stats"]["calls"];
  return calls.value("records.batch_create", int64_t{0}) + calls.value("records.batch_update", int64_t{0});
}

TEST(SyncEmulator, SampleFixtureRecordByRecordThenResyncWritesNothing) {
  EmulatorProcess emu;
  DirectClient client(emu);
  SyncSchema schema;
  const ImportRows rows = import_csv(read_file(SHARED_FIXTURES "/sample.csv"), schema);
  SyncRound r = sync_round(client, rows, schema, 1);
  EXPECT_EQ(r.plan.student_creates.size(), 5u);
  EXPECT_EQ(r.plan.record_creates.size(), 6u);
  ASSERT_EQ(r.plan.skipped.size(), 1u);
  EXPECT_EQ(r.plan.skipped[0].reason, SkipReason::kDuplicateInFile);
  EXPECT_EQ(r.plan.skipped[0].line, 8);
  EXPECT_TRUE(r.exec.summary.complete);
  EXPECT_EQ(r.exec.summary.failed, 0u);

  const json students = emu.records(kStudents);
  const json records = emu.records(kRecords);
  ASSERT_EQ(students.size(), 5u);
  ASSERT_EQ(records.size(), 6u);
  std::map<std::string, json> by_user;
  for (const auto& s : students) by_user[text_of(s["fields"], "用户ID")] = s;
  const json& wang = by_user["u_8d9e0f1a2b3c4_AsDfGh3456"];
  EXPECT_EQ(text_of(wang["fields"], "手机号"), "13700137002");
  EXPECT_EQ(text_of(wang["fields"], "昵称"), "王小明");
  EXPECT_EQ(text_of(by_user["u_7c8d9e0f1a2b3_ZxCvBn9012"]["fields"], "昵称"), "Grace, NVC");
  EXPECT_FALSE(by_user["u_7c8d9e0f1a2b3_ZxCvBn9012"]["fields"].contains("手机号"));
  EXPECT_EQ(text_of(by_user["u_9e0f1a2b3c4d5_PoIuYt7890"]["fields"], "昵称"), "说\"谢谢\"的人");
  EXPECT_EQ(text_of(by_user["u_6a7b8c9d0e1f2_QwErTy5678"]["fields"], "昵称"), "李四🌱");
  // Links both ways: each record points at its student, and the student's back field lists it.
  std::map<std::string, std::string> id_to_user;
  for (const auto& s : students) id_to_user[s["record_id"]] = text_of(s["fields"], "用户ID");
  for (const auto& rec : records) {
    const json& f = rec["fields"];
    ASSERT_EQ(f["关联到学员总表"].size(), 1u);
    const std::string sid = f["关联到学员总表"][0];
    EXPECT_EQ(id_to_user[sid], text_of(f, "用户ID"));
    const json& back = by_user[text_of(f, "用户ID")]["fields"]["学习记录"];
    EXPECT_NE(std::find(back.begin(), back.end(), rec["record_id"]), back.end());
  }
  // 2024/1/15 and 2024年4月1日 are Shanghai midnights.
  std::set<int64_t> dates;
  for (const auto& rec : records) dates.insert(rec["fields"]["学习日期"].get<int64_t>());
  EXPECT_TRUE(dates.count(1705248000000LL));  // 2024-01-15 00:00 +08:00
  EXPECT_TRUE(dates.count(1711900800000LL));  // 2024-04-01 00:00 +08:00

  std::string links;
  EXPECT_EQ(read_tables(emu, &links), content_of(apply_plan(Snapshot{}, r.plan, schema)));
  EXPECT_EQ(links, "");

  const int64_t writes_before = write_calls(emu);
  SyncRound again = sync_round(client, rows, schema, 2);
  EXPECT_FALSE(again.plan.has_writes());
  EXPECT_EQ(again.plan.skipped.size(), 7u);
  EXPECT_EQ(again.exec.summary.calls.calls, 0u);
  EXPECT_EQ(write_calls(emu), writes_before);
}

struct FaultCase {
  const char* mode;
  uint64_t seed;
  bool slow_client_clock;  // the client believes its token is younger than it is → 99991663 mid-run
};

class SyncUnderFaults : public ::testing::TestWithParam<FaultCase> {};

TEST_P(SyncUnderFaults, EndsWithExactlyTheExpectedTables) {
  const FaultCase fc = GetParam();
  SCOPED_TRACE(std::string("mode ") + fc.mode + " seed " + std::to_string(fc.seed));
  EmulatorProcess emu({"--latency-ms", "2", "--jitter-ms", "3", "--fault-rate", "0.2", "--fault-seed", std::to_string(fc.seed),
                       "--fault-kinds", "all", "--client-token-mode", fc.mode, "--token-ttl", fc.slow_client_clock ? "1" : "2",
                       "--token-renew-below", "1"});
  std::function<int64_t()> clock;
  if (fc.slow_client_clock) {
    // The client renews at half the token's life by its own clock; running 8× slow, it keeps using
    // expired tokens, so the emulator answers 99991663 and the token layer must renew and re-send.
    const int64_t t0 = SteadyScheduler().now_ms();
    clock = [t0] { return t0 + (SteadyScheduler().now_ms() - t0) / 8; };
  }
  DirectClient client(emu, clock);
  SyncSchema schema;
  schema.batch_size = 25;  // more batches, so faults hit creates of both tables
  const ImportRows rows = import_csv(make_export(300, 120, 5, fc.seed), schema);
  SyncRound first = sync_round(client, rows, schema, fc.seed);
  const TableContent expected = content_of(apply_plan(first.before, first.plan, schema));
  size_t rounds = 1;
  if (!first.exec.summary.complete || first.exec.summary.failed > 0) {
    SyncRound second = sync_round(client, rows, schema, fc.seed + 1000);
    ++rounds;
    EXPECT_EQ(second.exec.summary.failed, 0u);
  }
  std::string links;
  const TableContent actual = read_tables(emu, &links);
  EXPECT_EQ(links, "");
  EXPECT_EQ(actual.student_rows, expected.student_rows) << "duplicate or missing students";
  EXPECT_EQ(actual.records.size(), expected.records.size()) << "duplicate or missing learning records";
  EXPECT_TRUE(actual == expected);
  SyncRound last = plan_round(client, rows, schema, fc.seed + 2000);
  EXPECT_FALSE(last.plan.has_writes());
  const json stats = emu.stats();
  std::printf("[ faults   ] %s seed %llu: %zu round(s), injected %s, outcomes %s\n", fc.mode,
              static_cast<unsigned long long>(fc.seed), rounds, stats["faults"]["injected"].dump().c_str(),
              stats["stats"]["outcomes"].dump().c_str());
  if (fc.slow_client_clock) {
    size_t expired = 0;
    for (const auto& [endpoint, outcomes] : stats["stats"]["outcomes"].items()) expired += outcomes.value("99991663", size_t{0});
    EXPECT_GT(expired, 0u) << "no call crossed a token expiry";
  }
  EXPECT_GT(client.token->token_calls(), 1u) << "the token should have been renewed mid-run";
}

INSTANTIATE_TEST_SUITE_P(BothTokenModes, SyncUnderFaults,
                         ::testing::Values(FaultCase{"replay", 11, false}, FaultCase{"conflict", 12, false},
                                           FaultCase{"replay", 13, true}, FaultCase{"conflict", 14, true},
                                           FaultCase{"replay", 15, false}, FaultCase{"conflict", 16, false}),
                         [](const auto& info) { return std::string(info.param.mode) + "_seed" + std::to_string(info.param.seed); });

TEST(SyncEmulator, ThousandRowsTakeFewCallsNearTheLowerBound) {
  EmulatorProcess emu;
  DirectClient client(emu);
  SyncSchema schema;
  const ImportRows rows = import_csv(make_export(1000, 300, 8, 5), schema);
  ASSERT_GE(rows.data_row_count, 1000u);
  SyncRound r = sync_round(client, rows, schema, 5);
  ASSERT_TRUE(r.exec.summary.complete);
  const size_t bitable_calls = r.snapshot_calls + r.exec.summary.calls.calls;
  const json stats = emu.stats()["stats"]["calls"];
  const size_t seen = stats.value("records.search", size_t{0}) + stats.value("records.batch_create", size_t{0}) +
                      stats.value("records.batch_update", size_t{0});
  EXPECT_EQ(seen, bitable_calls);  // the emulator saw exactly what we counted
  EXPECT_LE(bitable_calls, r.plan.lower_bound.total() + r.snapshot_calls + 2);
  EXPECT_GE(rows.data_row_count, 50 * bitable_calls);
  std::printf("[ calls    ] 1000-row sync: %zu Bitable calls (snapshot %zu + writes %zu; lower bound %zu + snapshot); %zu rows\n",
              bitable_calls, r.snapshot_calls, r.exec.summary.calls.write_calls, r.plan.lower_bound.total(), rows.data_row_count);
  RecordProperty("calls", static_cast<int>(bitable_calls));
  RecordProperty("lower_bound", static_cast<int>(r.plan.lower_bound.total()));

  // A second file touching 40 of those users against the now-filled tables: filtered search wins.
  std::string small = "用户ID,昵称,课程,学习日期\n";
  for (size_t i = 0; i < 40; ++i) small += std::string(r.plan.student_creates[i].user_id()) + ",新昵称" + std::to_string(i) + ",新课程,2024-05-01\n";
  SyncRound s = sync_round(client, import_csv(small, schema), schema, 6);
  EXPECT_TRUE(s.exec.summary.complete);
  EXPECT_EQ(s.plan.student_updates.size(), 40u);
  EXPECT_EQ(s.plan.record_creates.size(), 40u);
  EXPECT_LE(s.snapshot_calls + s.exec.summary.calls.calls, 2u + 2u + 2u);
}

}  // namespace
}  // namespace ss::itest
