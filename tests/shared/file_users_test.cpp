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

TEST(FileUsers, NicknameConflictsAtEveryPlaceOfEveryLength) {
  // A user's first nickname is held whole up to a size, and compared through its row past it: for each
  // length around that size (1..40 bytes), one user whose second row differs at each place, and one
  // whose rows all agree. Only the first kind has a conflict.
  std::string csv = "用户ID,昵称,课程,学习日期\n";
  std::vector<bool> expected;  // per user, in order of first appearance
  int user = 0;
  for (size_t length = 1; length <= 40; ++length) {
    std::string name;
    for (size_t k = 0; k < length; ++k) name += static_cast<char>('a' + (k * 7 + length) % 26);
    for (size_t at = 0; at < length; ++at) {
      std::string other = name;
      other[at] = other[at] == 'z' ? 'y' : 'z';
      const std::string id = "u" + std::to_string(user++);
      csv += id + "," + name + ",课,2024-01-01\n" + id + "," + other + ",课,2024-01-02\n";
      expected.push_back(true);
    }
    const std::string id = "u" + std::to_string(user++);
    csv += id + "," + name + ",课,2024-01-01\n" + id + "," + name + ",课,2024-01-02\n" + id + "," + name + ",课,2024-01-03\n";
    expected.push_back(false);
  }
  const ImportedFile f = import(csv);
  ASSERT_EQ(f.users.user_count(), expected.size());
  for (size_t u = 0; u < expected.size(); ++u) {
    EXPECT_EQ(f.users.user(static_cast<uint32_t>(u)).nickname_conflict, expected[u]) << "user " << u;
    EXPECT_EQ(f.users.user(static_cast<uint32_t>(u)).nickname_row, static_cast<int32_t>(f.users.user(static_cast<uint32_t>(u)).first_row) + (expected[u] ? 1 : 2));
  }
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
    for (const auto& c : p.conflicts) s += "|" + std::string(c.user_id) + c.field + std::string(c.chosen.value) + std::to_string(c.others.size());
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
