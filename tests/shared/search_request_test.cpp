// Tests for feishu/search_request: read strategy and call counts, search bodies.
#include "feishu/search_request.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

TEST(SearchRequest, SmallFileAgainstBigTablesUsesFilteredSearch) {
  SnapshotReadPlan p = choose_read_plan(30, 20000, 60000);
  EXPECT_EQ(p.students.strategy, ReadStrategy::kFilteredSearch);
  EXPECT_EQ(p.students.calls, 1u);
  EXPECT_EQ(p.records.strategy, ReadStrategy::kFilteredSearch);
  EXPECT_EQ(p.records.calls, 1u);
  EXPECT_EQ(p.total_calls(), 4u);  // two probes + one per table
}

TEST(SearchRequest, BigFileUsesProjectedFullScan) {
  SnapshotReadPlan p = choose_read_plan(30000, 20000, 60000);
  EXPECT_EQ(p.students.strategy, ReadStrategy::kFullScan);
  EXPECT_EQ(p.students.calls, 40u);
  EXPECT_EQ(p.records.strategy, ReadStrategy::kFullScan);
  EXPECT_EQ(p.records.calls, 120u);
}

TEST(SearchRequest, EmptyTablesNeedOnlyTheProbes) {
  SnapshotReadPlan p = choose_read_plan(500, 0, 0);
  EXPECT_EQ(p.students.strategy, ReadStrategy::kNone);
  EXPECT_EQ(p.total_calls(), 2u);
}

TEST(SearchRequest, StrategyPerTableIsTheCheaper) {
  // 200 users: 4 filtered calls; 1,000 students: 2 scan calls → scan. 100,000 records: 200 scan pages,
  // filtered ~4 chunks × ceil(50×100/500)=10 pages = 40 → filtered.
  SnapshotReadPlan p = choose_read_plan(200, 1000, 100000);
  EXPECT_EQ(p.students.strategy, ReadStrategy::kFullScan);
  EXPECT_EQ(p.students.calls, 2u);
  EXPECT_EQ(p.records.strategy, ReadStrategy::kFilteredSearch);
  EXPECT_EQ(p.records.calls, 40u);
}

TEST(SearchRequest, FilteredBodiesHaveAtMostFiftyOrConditionsWithOneValueEach) {
  std::vector<std::string> ids;
  for (int i = 0; i < 120; ++i) ids.push_back("u_" + std::to_string(i));
  auto bodies = filtered_search_bodies(TableKind::kRecords, ids, SyncSchema{}, {});
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[0]["filter"]["conjunction"], "or");
  EXPECT_EQ(bodies[0]["filter"]["conditions"].size(), 50u);
  EXPECT_EQ(bodies[2]["filter"]["conditions"].size(), 20u);
  const auto& c = bodies[1]["filter"]["conditions"][0];
  EXPECT_EQ(c["field_name"], "用户ID");
  EXPECT_EQ(c["operator"], "is");
  EXPECT_EQ(c["value"], nlohmann::json::array({"u_50"}));
  EXPECT_EQ(bodies[0]["field_names"], nlohmann::json::parse(R"(["用户ID","课程","学习日期","关联到学员总表"])"));
}

TEST(SearchRequest, FullScanProjectsKeyAndExtraFields) {
  std::vector<ExtraColumn> extras{{"城 市", TableKind::kStudents, "城市", kFieldText},
                                  {"金额", TableKind::kRecords, "金额", kFieldNumber}};
  auto body = full_scan_body(TableKind::kStudents, SyncSchema{}, extras);
  EXPECT_EQ(body["field_names"], nlohmann::json::parse(R"(["用户ID","昵称","手机号","城市"])"));
  EXPECT_FALSE(body.contains("filter"));
  EXPECT_EQ(probe_search_body(TableKind::kRecords, SyncSchema{})["field_names"], nlohmann::json::array({"用户ID"}));
}

TEST(SearchRequest, QueryCarriesPageSizeAndEncodedToken) {
  EXPECT_EQ(search_query(500), "?page_size=500");
  EXPECT_EQ(search_query(500, "a+b/c="), "?page_size=500&page_token=a%2Bb%2Fc%3D");
}

}  // namespace
}  // namespace ss
