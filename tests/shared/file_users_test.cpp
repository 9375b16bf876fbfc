// FileUsers: the file's users, their winning rows and conflicts, built once by import_file and used by
// every plan of the same rows — and never by a plan of other rows.
#include <gtest/gtest.h>

#include "pipeline/import_file.h"
#include "plan/file_users.h"
#include "plan/sync_plan.h"

namespace ss {
namespace {

constexpr const char* kCsv =
    "用户ID,昵称,手机号,课程,学习日期\n"
    "u1,小明,13800000001,基础课,2024-01-05\n"   // line 2
    "u2,小红,,基础课,2024-01-06\n"              // line 3
    "u1,明明,,进阶课,2024-02-01\n"              // line 4: later date, other nickname
    "u1,,13800000009,基础课,2023-12-31\n"      // line 5: earlier date, other phone
    "u3,阿三,13800000003,进阶课,2024-01-01\n";  // line 6

ImportedFile import(const std::string& csv) {
  auto f = import_file(csv, ColumnMapping{}, SyncSchema{});
  EXPECT_TRUE(f.ok()) << f.error().message;
  return std::move(f).value();
}

TEST(FileUsers, ImportNumbersUsersAndCoursesAndPicksTheLatestValues) {
  const ImportedFile f = import(kCsv);
  const FileUsers& users = f.users;
  ASSERT_TRUE(users.describes(f.rows));
  ASSERT_EQ(users.user_count(), 3u);
  EXPECT_EQ(users.user_of_row(0), 0u);
  EXPECT_EQ(users.user_of_row(1), 1u);
  EXPECT_EQ(users.user_of_row(2), 0u);
  EXPECT_EQ(users.user_of_row(4), 2u);
  EXPECT_EQ(users.course_of_row(0), users.course_of_row(1));
  EXPECT_NE(users.course_of_row(0), users.course_of_row(2));
  EXPECT_EQ(users.find_course("进阶课"), users.course_of_row(2));
  EXPECT_EQ(users.find_course("没有的课"), FlatIndex::kAbsent);

  const FileUsers::User& u1 = users.user(0);
  EXPECT_EQ(u1.first_row, 0u);
  EXPECT_EQ(u1.nickname_row, 2);  // 2024-02-01 beats 2024-01-05
  EXPECT_EQ(u1.phone_row, 0);     // 2024-01-05 beats 2023-12-31, though line 5 comes later
  EXPECT_TRUE(u1.nickname_conflict);
  EXPECT_TRUE(u1.phone_conflict);
  EXPECT_FALSE(users.user(1).any_conflict());
  EXPECT_EQ(users.user(1).phone_row, FileUsers::kNone);  // no row has one

  const FileUsers::UserLookup lookup = users.user_lookup(f.rows);
  EXPECT_EQ(lookup.find("u3"), 2);
  EXPECT_EQ(lookup.find("u4"), FlatIndex::kAbsent);
}

// A plan given the import's FileUsers is the plan make_plan computes on its own; given FileUsers of
// other rows (or of a copy, whose rows live elsewhere), make_plan does not trust them.
TEST(FileUsers, PlansUseThemOnlyForTheRowsTheyDescribe) {
  const ImportedFile f = import(kCsv);
  const ImportedFile other = import("用户ID,昵称,课程,学习日期\nu9,九,基础课,2024-03-01\nu1,一,其他课,2024-03-02\n");
  const SyncSchema schema;
  const auto fingerprint = [](const Plan& p) {
    std::string s = plan_summary(p);
    for (const auto& c : p.student_creates) s += "|" + std::string(c.user_id()) + "," + std::string(c.nickname()) + "," + std::string(c.phone());
    for (const auto& c : p.record_creates) s += "|" + std::string(c.course()) + std::to_string(c.student.planned_student());
    for (const auto& c : p.conflicts) s += "|" + c.user_id + c.field + c.chosen.value + std::to_string(c.others.size());
    return s;
  };
  const std::string alone = fingerprint(make_plan(f.rows, Snapshot{}, schema));
  EXPECT_EQ(fingerprint(make_plan(f.rows, Snapshot{}, schema, &f.users)), alone);
  EXPECT_EQ(fingerprint(make_plan(f.rows, Snapshot{}, schema, &other.users)), alone);
  EXPECT_FALSE(other.users.describes(f.rows));

  const ImportRows copy = f.rows;
  EXPECT_FALSE(f.users.describes(copy));
  EXPECT_EQ(fingerprint(make_plan(copy, Snapshot{}, schema, &f.users)), alone);
  EXPECT_FALSE(FileUsers().describes(ImportRows{}));
}

}  // namespace
}  // namespace ss
