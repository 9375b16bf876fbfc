// Tests for report/sync_report: counts, per-line outcomes, and the Excel-safe CSV export.
#include "report/sync_report.h"

#include <gtest/gtest.h>

#include "csv/csv_reader.h"
#include "plan_test_support.h"

namespace ss {
namespace {

Plan sample_plan() {
  ImportRows rows;
  rows.rows = {test::make_row(2, "u1", "=HYPERLINK(\"x\")", "", "课A", {2024, 1, 15}),
               test::make_row(3, "u1", "", "", "课A", {2024, 1, 15}),
               test::make_row(4, "u2", "李四", "", "课, B", {2024, 1, 16})};
  rows.rejected = {{5, "", "用户ID为空"}};
  Snapshot snap;
  snap.students = {test::make_student("recS2", "u2", "旧", "")};
  return make_plan(rows, snap, SyncSchema{});
}

TEST(SyncReport, PreviewCountsWhatThePlanWillDo) {
  SyncReport r = build_report(sample_plan());
  EXPECT_EQ(r.summary(), "新增1位学员，更新1位，新增2条学习记录，跳过1条重复，失败1条");
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0].line, 2);
  EXPECT_EQ(r.rows[0].result, RowResult::kPlanned);
  EXPECT_EQ(r.rows[0].student, "新增学员");
  EXPECT_EQ(r.rows[1].result, RowResult::kSkipped);
  EXPECT_NE(r.rows[1].detail.find("与第2行重复"), std::string::npos);
  EXPECT_EQ(r.rows[2].student, "更新学员（昵称）");
  EXPECT_EQ(r.rows[3].result, RowResult::kFailed);
  EXPECT_EQ(r.rows[3].detail, "用户ID为空");
}

TEST(SyncReport, ExecutionOutcomesCarryFeishuCodes) {
  Plan p = sample_plan();
  ExecutionStatus s;
  s.student_creates = {{ItemState::kFailed, 1254045, "FieldNameNotFound"}};
  s.student_updates = {{ItemState::kDone, 0, ""}};
  s.record_creates = {{ItemState::kPending, 0, ""}, {ItemState::kDone, 0, ""}};
  SyncReport r = build_report(p, &s);
  EXPECT_EQ(r.counts.students_created, 0u);
  EXPECT_EQ(r.counts.students_updated, 1u);
  EXPECT_EQ(r.counts.records_created, 1u);
  EXPECT_EQ(r.rows[0].result, RowResult::kFailed);  // its student could not be created
  EXPECT_EQ(r.rows[0].feishu_code, 1254045);
  EXPECT_EQ(r.rows[2].result, RowResult::kCreated);
  EXPECT_EQ(r.summary(), "新增0位学员，更新1位，新增1条学习记录，跳过1条重复，失败2条");
}

TEST(SyncReport, CsvIsUtf8WithBomQuotedAndFormulaSafe) {
  Plan p = sample_plan();
  p.record_creates[0].set_user_id("=1+2");
  std::string csv = report_to_csv(build_report(p));
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("\r\n"), std::string::npos);
  auto table = parse_csv(std::string_view(csv).substr(3));
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->cell(0, 0), "行号");
  EXPECT_EQ(table->cell(1, 1), "'=1+2");  // guarded against formula injection
  EXPECT_EQ(table->cell(3, 2), "课, B");   // comma kept inside quotes
  EXPECT_EQ(table->cell(4, 6), "用户ID为空");
  EXPECT_EQ(guard_formula("+86"), "'+86");
  EXPECT_EQ(guard_formula("@SUM"), "'@SUM");
  EXPECT_EQ(guard_formula("-1"), "'-1");
  EXPECT_EQ(guard_formula("张三"), "张三");
}

}  // namespace
}  // namespace ss
