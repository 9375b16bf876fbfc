// snapshot_fetch_test.cpp — the cheapest read: the probe doubles as the first page of a scan; big
// tables and a few users → filtered search; big tables and many users → continue the scan.
#include <gtest/gtest.h>

#include "exec_test_support.h"

namespace ss::test {
namespace {

void fill(FakeBitable& fake, size_t students, size_t records_per_student) {
  for (size_t i = 0; i < students; ++i) {
    char uid[16];
    std::snprintf(uid, sizeof uid, "x%05zu", i);
    const auto st = fake.add(kStudentsTable, {{"用户ID", uid}, {"昵称", "n"}});
    for (size_t k = 0; k < records_per_student; ++k) {
      fake.add(kRecordsTable, {{"用户ID", uid}, {"课程", "C" + std::to_string(k)}, {"学习日期", 1704038400000LL},
                               {"关联到学员总表", json::array({st.id})}});
    }
  }
}

TEST(SnapshotFetch, ReadsNothingForAFileWithoutRows) {
  ManualScheduler s;
  FakeBitable fake(&s);
  auto r = fetch_now(fake, s, ImportRows{}, SyncSchema{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stats.calls, 0u);
  EXPECT_TRUE(fake.requests.empty());
}

TEST(SnapshotFetch, SmallTablesAreReadByTheProbeAlone) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fill(fake, 100, 3);
  auto r = fetch_now(fake, s, rows_from_csv(users_csv(5)), SyncSchema{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stats.calls, 2u);
  EXPECT_EQ(fake.requests.size(), 2u);
  EXPECT_EQ(r->snapshot.students.size(), 100u);
  EXPECT_EQ(r->snapshot.records.size(), 300u);
  EXPECT_EQ(r->stats.students, ReadStrategy::kNone);
  // Projected to the fields planning needs, page_size 500.
  const json body = json::parse(fake.requests[0].body);
  EXPECT_EQ(body["field_names"], json::array({"用户ID", "昵称", "手机号"}));
  EXPECT_NE(fake.requests[0].path.find("page_size=500"), std::string::npos);
}

TEST(SnapshotFetch, FewUsersInBigTablesUseFilteredSearch) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fill(fake, 3000, 2);  // 3000 students (6 pages), 6000 records (12 pages)
  const ImportRows rows = rows_from_csv("用户ID,课程,学习日期\nx00001,C9,2024-01-01\nx00002,C9,2024-01-01\nnew1,C9,2024-01-01\n");
  auto r = fetch_now(fake, s, rows, SyncSchema{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stats.students, ReadStrategy::kFilteredSearch);
  EXPECT_EQ(r->stats.records, ReadStrategy::kFilteredSearch);
  EXPECT_EQ(r->stats.calls, 4u);
  EXPECT_EQ(r->stats.calls, r->stats.estimated_calls);
  EXPECT_EQ(r->snapshot.students.size(), 2u);
  EXPECT_EQ(r->snapshot.records.size(), 4u);
  const json filter = json::parse(fake.requests[2].body)["filter"];
  EXPECT_EQ(filter["conjunction"], "or");
  EXPECT_EQ(filter["conditions"].size(), 3u);
}

TEST(SnapshotFetch, ManyUsersContinueTheScanFromTheProbesPageToken) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fill(fake, 1200, 1);  // 3 pages each
  auto r = fetch_now(fake, s, rows_from_csv(users_csv(400)), SyncSchema{});  // 8 chunks > 2 pages left
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stats.students, ReadStrategy::kFullScan);
  EXPECT_EQ(r->stats.calls, 6u);
  EXPECT_EQ(r->snapshot.students.size(), 1200u);
  EXPECT_EQ(r->snapshot.records.size(), 1200u);
  EXPECT_NE(fake.requests[2].path.find("page_token=p500"), std::string::npos);
}

TEST(SnapshotFetch, RetriesReadsAndFailsWithTheFeishuCode) {
  ManualScheduler s;
  FakeBitable fake(&s);
  fake.faults[1] = code_fault(99991400, 429, {{"x-ogw-ratelimit-reset", "1"}});
  auto ok = fetch_now(fake, s, rows_from_csv(users_csv(2)), SyncSchema{});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(fake.requests.size(), 3u);
  FakeBitable bad(&s);
  bad.faults[2] = code_fault(1254045);
  auto r = fetch_now(bad, s, rows_from_csv(users_csv(2)), SyncSchema{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1254045);
}

}  // namespace
}  // namespace ss::test
