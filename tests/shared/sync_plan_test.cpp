// Tests for plan/sync_plan: creates, exact updates, skips, conflicts, links, call bound.
#include "plan/sync_plan.h"

#include <gtest/gtest.h>

#include "pipeline/import_file.h"
#include "plan_test_support.h"

namespace ss {
namespace {

using test::make_record;
using test::make_row;
using test::make_student;

ImportRows rows_of(std::vector<ImportRow> rows) {
  ImportRows r;
  r.rows = std::move(rows);
  r.data_row_count = r.rows.size();
  return r;
}

TEST(SyncPlan, NewStudentsAreCreatedAndRecordsLinkToThemByPlanIndex) {
  Plan p = make_plan(rows_of({make_row(2, "u1", "张三", "13800138000", "课A", {2024, 1, 15}),
                              make_row(3, "u2", "李四", "", "课A", {2024, 1, 15}),
                              make_row(4, "u1", "", "", "课B", {2024, 2, 1})}),
                     Snapshot{}, SyncSchema{});
  ASSERT_EQ(p.student_creates.size(), 2u);
  EXPECT_EQ(p.student_creates[0].user_id(), "u1");
  EXPECT_EQ(p.student_creates[0].nickname(), "张三");
  EXPECT_EQ(p.student_creates[0].line, 2);
  ASSERT_EQ(p.record_creates.size(), 3u);
  EXPECT_EQ(p.record_creates[0].student.planned_student(), 0);
  EXPECT_EQ(p.record_creates[1].student.planned_student(), 1);
  EXPECT_EQ(p.record_creates[2].student.planned_student(), 0);
  EXPECT_TRUE(p.record_creates[2].student.record_id().empty());
  EXPECT_EQ(p.record_creates[2].day, days_from_civil(2024, 2, 1));  // written as its midnight (write_request_test)
}

// Course numbers are cached by length and first and last eight bytes: names alike in all of those are
// still different courses, and an evicted or shared cache slot never merges them.
TEST(SyncPlan, CoursesThatDifferOnlyInTheMiddleStayApart) {
  std::vector<ImportRow> rows;
  for (int round = 0; round < 3; ++round) {
    for (char middle = 'A'; middle <= 'Z'; ++middle) {
      rows.push_back(make_row(2 + static_cast<int>(rows.size()), "u1", "", "", std::string("NVC伴侣关系课") + middle + "（第3期）",
                              {2024, 1, 15}));
    }
  }
  for (int i = 0; i < 100; ++i) {  // more courses than cache slots
    rows.push_back(make_row(2 + static_cast<int>(rows.size()), "u1", "", "", "课程" + std::to_string(i), {2024, 1, 15}));
  }
  const Plan p = make_plan(rows_of(rows), Snapshot{}, SyncSchema{});
  ASSERT_EQ(p.record_creates.size(), 26u + 100u);
  ASSERT_EQ(p.skipped.size(), 2u * 26u);
  for (size_t i = 0; i < p.skipped.size(); ++i) {
    EXPECT_EQ(p.skipped[i].reason, SkipReason::kDuplicateInFile);
    EXPECT_EQ(p.skipped[i].first_line, 2 + static_cast<int>(i % 26)) << p.skipped[i].course();
  }
}

TEST(SyncPlan, ExistingStudentGetsOnlyTheCellsThatChange) {
  Snapshot snap;
  snap.students = {make_student("recS1", "u1", "旧名", "13800138000")};
  Plan p = make_plan(rows_of({make_row(2, "u1", "新名", "13800138000", "课A", {2024, 1, 15})}), snap, SyncSchema{});
  EXPECT_TRUE(p.student_creates.empty());
  ASSERT_EQ(p.student_updates.size(), 1u);
  const StudentUpdate& u = p.student_updates[0];
  EXPECT_EQ(u.record_id, "recS1");
  ASSERT_EQ(u.changes.size(), 1u);
  EXPECT_EQ(u.changes[0].field, "昵称");
  EXPECT_EQ(u.changes[0].old_value, "旧名");
  EXPECT_EQ(u.changes[0].new_value, "新名");
  ASSERT_EQ(p.record_creates.size(), 1u);
  EXPECT_EQ(p.record_creates[0].student.record_id(), "recS1");
  EXPECT_FALSE(p.record_creates[0].student.is_planned());
}

TEST(SyncPlan, EmptyValuesNeverEraseAndEqualValuesAreNoUpdate) {
  Snapshot snap;
  snap.students = {make_student("recS1", "u1", "名字", "13800138000")};
  Plan p = make_plan(rows_of({make_row(2, "u1", "", "", "课A", {2024, 1, 15}),
                              make_row(3, "u1", "名字", "13800138000", "课B", {2024, 1, 15})}),
                     snap, SyncSchema{});
  EXPECT_TRUE(p.student_updates.empty());
  EXPECT_EQ(p.unchanged_students, 1u);
}

TEST(SyncPlan, FillingAnEmptyCellRecordsNullAsOldValue) {
  Snapshot snap;
  snap.students = {make_student("recS1", "u1", "名字", "")};
  Plan p = make_plan(rows_of({make_row(2, "u1", "", "13800138000", "课A", {2024, 1, 15})}), snap, SyncSchema{});
  ASSERT_EQ(p.student_updates.size(), 1u);
  EXPECT_TRUE(p.student_updates[0].changes[0].old_value.is_null());
  EXPECT_EQ(p.student_updates[0].changes[0].new_value, "13800138000");
}

TEST(SyncPlan, SkipsRecordsAlreadyInBitableAndRepeatsInTheFile) {
  Snapshot snap;
  snap.students = {make_student("recS1", "u1")};
  snap.records = {make_record("recR1", "u1", "课A", {2024, 1, 15}, "recS1")};
  Plan p = make_plan(rows_of({make_row(2, "u1", "", "", "课A", {2024, 1, 15}),
                              make_row(3, "u1", "", "", "课B", {2024, 1, 15}),
                              make_row(4, "u1", "", "", "课B", {2024, 1, 15}),
                              make_row(5, "u1", "", "", "课B", {2024, 1, 16})}),
                     snap, SyncSchema{});
  ASSERT_EQ(p.skipped.size(), 2u);
  EXPECT_EQ(p.skipped[0].line, 2);
  EXPECT_EQ(p.skipped[0].reason, SkipReason::kAlreadyInBitable);
  EXPECT_EQ(p.skipped[0].existing_record_id(), "recR1");
  EXPECT_EQ(p.skipped[1].line, 4);
  EXPECT_EQ(p.skipped[1].reason, SkipReason::kDuplicateInFile);
  EXPECT_EQ(p.skipped[1].first_line, 3);
  ASSERT_EQ(p.record_creates.size(), 2u);
  EXPECT_EQ(p.record_creates[0].line, 3);
  EXPECT_EQ(p.record_creates[1].line, 5);
}

TEST(SyncPlan, StoredDateWithATimeStillMatchesTheCalendarDay) {
  Snapshot snap;
  snap.students = {make_student("recS1", "u1")};
  RecordSnapshot r = make_record("recR1", "u1", "课A", {2024, 1, 15}, "recS1");
  *r.date_ms += 15 * 3600000LL;  // 15:00 local, same day
  snap.records = {r};
  Plan p = make_plan(rows_of({make_row(2, "u1", "", "", "课A", {2024, 1, 15})}), snap, SyncSchema{});
  EXPECT_TRUE(p.record_creates.empty());
  EXPECT_EQ(p.skipped.size(), 1u);
}

TEST(SyncPlan, RecordWithoutUserIdIsMatchedThroughItsLinkedStudent) {
  Snapshot snap;
  snap.students = {make_student("recS1", "u1")};
  snap.records = {make_record("recR1", "", "课A", {2024, 1, 15}, "recS1")};
  Plan p = make_plan(rows_of({make_row(2, "u1", "", "", "课A", {2024, 1, 15})}), snap, SyncSchema{});
  EXPECT_TRUE(p.record_creates.empty());
}

TEST(SyncPlan, LatestDateWinsConflictTiesGoToTheLaterLine) {
  Plan p = make_plan(rows_of({make_row(2, "u1", "A", "13800000001", "课1", {2024, 3, 1}),
                              make_row(3, "u1", "B", "13800000002", "课2", {2024, 1, 1}),
                              make_row(4, "u1", "C", "", "课3", {2024, 3, 1})}),
                     Snapshot{}, SyncSchema{});
  ASSERT_EQ(p.student_creates.size(), 1u);
  EXPECT_EQ(p.student_creates[0].nickname(), "C");       // ties with line 2 on date, later line
  EXPECT_EQ(p.student_creates[0].phone(), "13800000001");  // latest date among non-empty phones
  ASSERT_EQ(p.conflicts.size(), 2u);
  EXPECT_EQ(p.conflicts[0].field, "昵称");
  EXPECT_EQ(p.conflicts[0].chosen.value, "C");
  EXPECT_EQ(p.conflicts[0].chosen.line, 4);
  ASSERT_EQ(p.conflicts[0].others.size(), 2u);
  EXPECT_EQ(p.conflicts[0].others[0].value, "A");
  EXPECT_EQ(p.conflicts[0].others[1].line, 3);
  EXPECT_EQ(p.conflicts[1].field, "手机号");
  EXPECT_EQ(p.conflicts[1].chosen.line, 2);
}

// A conflict with exactly one value besides the chosen one.
void expect_conflict(const FieldConflict& c, const std::string& user_id, const std::string& field,
                     const ConflictValue& chosen, const ConflictValue& other) {
  EXPECT_EQ(c.user_id, user_id);
  EXPECT_EQ(c.field, field);
  EXPECT_EQ(c.chosen.value, chosen.value);
  EXPECT_EQ(c.chosen.line, chosen.line);
  ASSERT_EQ(c.others.size(), 1u);
  EXPECT_EQ(c.others[0].value, other.value);
  EXPECT_EQ(c.others[0].line, other.line);
}

// Conflicts are listed by user (in order of first appearance), then nickname, phone, student extras;
// each with its distinct values in order of first appearance, at the line where each first appears.
TEST(SyncPlan, ConflictsAreListedByUserThenFieldWithEveryDistinctValue) {
  ImportRows rows = rows_of({make_row(2, "u2", "甲", "", "课1", {2024, 1, 1}),
                             make_row(3, "u1", "", "13800000001", "课1", {2024, 1, 1}),
                             make_row(4, "u1", "", "13800000001", "课2", {2024, 1, 1}),
                             make_row(5, "u2", "甲", "", "课2", {2024, 1, 1}),
                             make_row(6, "u1", "", "13800000002", "课3", {2024, 1, 1}),
                             make_row(7, "u2", "乙", "", "课3", {2024, 2, 1}),
                             make_row(8, "u1", "", "13800000001", "课4", {2024, 1, 1}),
                             make_row(9, "u2", "甲", "", "课4", {2024, 1, 1})});
  rows.columns.extras = {{5, {"城市", TableKind::kStudents, "城市", kFieldText}},
                         {6, {"职业", TableKind::kStudents, "职业", kFieldText}}};
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    // u1 disagrees on 城市 (line 6), so u1's extra fields are looked at; on 职业 nobody disagrees.
    test::set_extras(rows, r, {{0, r == 4 ? "北京" : "深圳"}, {1, "老师"}});
  }
  const Plan p = make_plan(rows, Snapshot{}, SyncSchema{});
  ASSERT_EQ(p.conflicts.size(), 3u);
  // u2 first seen on line 2; its nickname from the latest date.
  ASSERT_NO_FATAL_FAILURE(expect_conflict(p.conflicts[0], "u2", "昵称", {7, "乙"}, {2, "甲"}));
  // Same date: the later line, 8.
  ASSERT_NO_FATAL_FAILURE(expect_conflict(p.conflicts[1], "u1", "手机号", {8, "13800000001"}, {6, "13800000002"}));
  ASSERT_NO_FATAL_FAILURE(expect_conflict(p.conflicts[2], "u1", "城市", {8, "深圳"}, {6, "北京"}));
}

TEST(SyncPlan, SameValueRepeatedIsNoConflict) {
  Plan p = make_plan(rows_of({make_row(2, "u1", "A", "", "课1", {2024, 3, 1}), make_row(3, "u1", "A", "", "课2", {2024, 1, 1})}),
                     Snapshot{}, SyncSchema{});
  EXPECT_TRUE(p.conflicts.empty());
}

TEST(SyncPlan, DuplicateStudentsInBitableUseTheFirstAndSayIt) {
  Snapshot snap;
  snap.students = {make_student("recA", "u1", "x"), make_student("recB", "u1", "y")};
  Plan p = make_plan(rows_of({make_row(2, "u1", "", "", "课1", {2024, 3, 1})}), snap, SyncSchema{});
  ASSERT_EQ(p.record_creates.size(), 1u);
  EXPECT_EQ(p.record_creates[0].student.record_id(), "recA");
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_NE(p.notes[0].find("recA、recB"), std::string::npos);
}

TEST(SyncPlan, StudentExtrasFollowTheSameRules) {
  ImportRows rows = rows_of({make_row(2, "u1", "", "", "课1", {2024, 3, 1}), make_row(3, "u2", "", "", "课1", {2024, 3, 1})});
  rows.columns.extras = {{3, {"城市", TableKind::kStudents, "城市", kFieldText}},
                         {4, {"金额", TableKind::kRecords, "金额", kFieldNumber}}};
  test::set_extras(rows, 0, {{0, "深圳"}, {1, 99.0}});
  test::set_extras(rows, 1, {{0, "北京"}});
  Snapshot snap;
  snap.students = {make_student("recS1", "u1")};
  snap.students[0].extras = {{"城市", "深圳"}};
  Plan p = make_plan(rows, snap, SyncSchema{});
  EXPECT_TRUE(p.student_updates.empty());  // same city
  ASSERT_EQ(p.student_creates.size(), 1u);
  ASSERT_EQ(p.extras(p.student_creates[0]).size(), 1u);
  EXPECT_EQ(p.extras(p.student_creates[0])[0].value, "北京");
  ASSERT_EQ(p.extras(p.record_creates[0]).size(), 1u);
  EXPECT_EQ(p.extras(p.record_creates[0])[0].field, "金额");
}

TEST(SyncPlan, RejectedRowsAreCarriedIntoThePlan) {
  ImportRows rows = rows_of({});
  rows.rejected = {{5, "u9", "用户ID为空"}};
  Plan p = make_plan(rows, Snapshot{}, SyncSchema{});
  ASSERT_EQ(p.rejected.size(), 1u);
  EXPECT_EQ(plan_summary(p), "新增0位学员，更新0位，新增0条学习记录，跳过0条重复，失败1条");
}

TEST(SyncPlan, CallLowerBoundIsCeilPerKind) {
  std::vector<ImportRow> rows;
  for (int i = 0; i < 1001; ++i) rows.push_back(make_row(i + 2, "u" + std::to_string(i), "n", "", "课", {2024, 1, 1}));
  Snapshot snap;
  for (int i = 0; i < 501; ++i) snap.students.push_back(make_student("rec" + std::to_string(i), "u" + std::to_string(i), "old"));
  Plan p = make_plan(rows_of(rows), snap, SyncSchema{});
  EXPECT_EQ(p.student_creates.size(), 500u);
  EXPECT_EQ(p.student_updates.size(), 501u);
  EXPECT_EQ(p.lower_bound.student_creates, 1u);
  EXPECT_EQ(p.lower_bound.student_updates, 2u);
  EXPECT_EQ(p.lower_bound.record_creates, 3u);
  EXPECT_EQ(p.lower_bound.total(), 6u);
  EXPECT_EQ(write_call_lower_bound(p, 1000).total(), 4u);
}

TEST(SyncPlan, IsDeterministic) {
  std::vector<ImportRow> rows;
  for (int i = 0; i < 300; ++i) {
    rows.push_back(make_row(i + 2, "u" + std::to_string(i % 37), "n" + std::to_string(i % 5), "", "课" + std::to_string(i % 3),
                            {2024, 1, 1 + i % 20}));
  }
  Plan a = make_plan(rows_of(rows), Snapshot{}, SyncSchema{});
  Plan b = make_plan(rows_of(rows), Snapshot{}, SyncSchema{});
  ASSERT_EQ(a.student_creates.size(), b.student_creates.size());
  for (size_t i = 0; i < a.student_creates.size(); ++i) EXPECT_EQ(a.student_creates[i].user_id(), b.student_creates[i].user_id());
  ASSERT_EQ(a.conflicts.size(), b.conflicts.size());
  for (size_t i = 0; i < a.conflicts.size(); ++i) EXPECT_EQ(a.conflicts[i].user_id, b.conflicts[i].user_id);
}

}  // namespace
}  // namespace ss

namespace ss {
namespace {

// The Plan's views point into the imported file's text and into its own copies of snapshot record_ids:
// it must stay readable after the file's rows and the snapshot are gone (the page replaces both while a
// plan is shown; ASan in the test command catches a dangling view here).
TEST(SyncPlanLifetime, PlanOutlivesItsRowsAndSnapshot) {
  Plan plan;
  {
    std::string csv = "用户ID,昵称,手机号,课程,学习日期\nu_new,新人,13800000001,课A,2024-01-15\n"
                      "u_old,\"老\"\"学员\",,课B,2024-01-16\nu_old,老学员,,课A,2024-01-15\n";
    auto imported = import_file(std::move(csv), ColumnMapping{}, SyncSchema{});
    ASSERT_TRUE(imported) << imported.error().message;
    Snapshot snap;
    snap.students.push_back(test::make_student("rec_student_old_0001", "u_old"));
    snap.records.push_back(test::make_record("rec_record_old_0001", "u_old", "课A", {2024, 1, 15}, "rec_student_old_0001"));
    plan = make_plan(imported->rows, snap, SyncSchema{});
  }  // rows, their arena handle and the snapshot are destroyed here
  ASSERT_EQ(plan.student_creates.size(), 1u);
  EXPECT_EQ(plan.student_creates[0].user_id(), "u_new");
  EXPECT_EQ(plan.student_creates[0].nickname(), "新人");
  ASSERT_EQ(plan.record_creates.size(), 2u);
  EXPECT_EQ(plan.record_creates[1].course(), "课B");
  EXPECT_EQ(plan.record_creates[1].student.record_id(), "rec_student_old_0001");
  ASSERT_EQ(plan.skipped.size(), 1u);
  EXPECT_EQ(plan.skipped[0].existing_record_id(), "rec_record_old_0001");
  ASSERT_EQ(plan.student_updates.size(), 1u);  // the unescaped nickname, copied into the arena
  EXPECT_EQ(plan.student_updates[0].changes[0].new_value, "老\"学员");
}

}  // namespace
}  // namespace ss
