// Property tests: random rows → plan → apply the plan to an in-memory model of the tables → plan again
// must be empty (no creates, no updates; every row skipped as already present or repeated).
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "plan/plan_model.h"
#include "plan/sync_plan.h"
#include "plan_test_support.h"

namespace ss {
namespace {

ImportRows random_rows(std::mt19937& rng, size_t n, size_t users, size_t courses) {
  ImportRows out;
  std::uniform_int_distribution<size_t> pick_user(0, users - 1), pick_course(0, courses - 1);
  std::uniform_int_distribution<int> day(1, 28), month(1, 12), coin(0, 9);
  for (size_t i = 0; i < n; ++i) {
    const size_t u = pick_user(rng);
    std::string nick = coin(rng) < 2 ? "" : "昵称" + std::to_string(u) + (coin(rng) == 0 ? "改" : "");
    std::string phone = coin(rng) < 3 ? "" : "138" + std::to_string(10000000 + u * 7 + (coin(rng) == 0 ? 1 : 0));
    out.rows.push_back(test::make_row(static_cast<int>(i) + 2, "u_" + std::to_string(u), nick, phone,
                                      "课" + std::to_string(pick_course(rng)), {2024, month(rng), day(rng)}));
  }
  out.data_row_count = n;
  return out;
}

Snapshot random_snapshot(std::mt19937& rng, size_t users, size_t courses) {
  Snapshot s;
  std::uniform_int_distribution<int> coin(0, 3), day(1, 28), month(1, 12);
  for (size_t u = 0; u < users; ++u) {
    if (coin(rng) != 0) continue;
    s.students.push_back(test::make_student("recS" + std::to_string(u), "u_" + std::to_string(u),
                                            coin(rng) == 0 ? "" : "旧" + std::to_string(u), coin(rng) == 0 ? "13900000000" : ""));
    if (coin(rng) < 2) {
      s.records.push_back(test::make_record("recR" + std::to_string(u), "u_" + std::to_string(u),
                                            "课" + std::to_string(u % courses), {2024, month(rng), day(rng)},
                                            "recS" + std::to_string(u)));
    }
  }
  return s;
}

TEST(PlanProperty, PlanningAgainAfterApplyingChangesNothing) {
  for (unsigned seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    const size_t users = 1 + seed * 3, courses = 1 + seed % 5;
    ImportRows rows = random_rows(rng, 20 + seed * 10, users, courses);
    Snapshot before = random_snapshot(rng, users, courses);
    const SyncSchema schema;
    Plan first = make_plan(rows, before, schema);
    Snapshot after = apply_plan(before, first, schema);
    Plan second = make_plan(rows, after, schema);
    EXPECT_FALSE(second.has_writes()) << "seed " << seed << ": " << plan_summary(second);
    EXPECT_EQ(second.skipped.size(), rows.rows.size()) << "seed " << seed;
    // Every record created in the model links to a student that exists, with the same 用户ID.
    for (const auto& r : after.records) {
      ASSERT_EQ(r.student_ids.size(), 1u);
      bool linked = false;
      for (const auto& s : after.students) linked = linked || (s.record_id == r.student_ids[0] && s.user_id == r.user_id);
      EXPECT_TRUE(linked) << "seed " << seed << " record " << r.record_id;
    }
    // No 用户ID appears twice among students, and the file's winning values are stored.
    std::set<std::string> seen;
    for (const auto& s : after.students) EXPECT_TRUE(seen.insert(s.user_id).second) << s.user_id;
  }
}

TEST(PlanProperty, CountsAddUp) {
  for (unsigned seed = 100; seed < 130; ++seed) {
    std::mt19937 rng(seed);
    ImportRows rows = random_rows(rng, 200, 40, 4);
    Snapshot snap = random_snapshot(rng, 40, 4);
    Plan p = make_plan(rows, snap, SyncSchema{});
    EXPECT_EQ(p.record_creates.size() + p.skipped.size(), rows.rows.size());
    std::set<std::string> users;
    for (const auto& r : rows.rows) users.emplace(r.user_id());
    EXPECT_EQ(p.student_creates.size() + p.student_updates.size() + p.unchanged_students, users.size());
  }
}

}  // namespace
}  // namespace ss
