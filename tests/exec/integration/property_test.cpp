// property_test.cpp — random rows → plan → execute against the emulator → the tables equal the model
// (plan/plan_model.h apply_plan) → planning again finds nothing to write. Two files per seed, the second
// overlapping the first, so updates, skips and links to existing students are exercised too.
#include <gtest/gtest.h>

#include "emulator_process.h"
#include "exec/random.h"

namespace ss::itest {
namespace {

// A 小鹅通-like file: users from a small pool (so users repeat and collide with the tables), nicknames
// that sometimes change between rows (conflicts), phones in several styles or missing, a few courses,
// dates in two styles, exact repeats.
std::string random_csv(Rng& rng, size_t rows, size_t pool) {
  static const char* kCourses[] = {"基础课", "进阶课", "工作坊", "练习营"};
  static const char* kNames[] = {"张三", "李四🌱", "Grace, NVC", "说\"谢谢\"的人", "王小明", "ＡＢＣ"};
  std::string csv = "用户ID,昵称,手机号,课程,学习日期\n";
  std::string last;
  for (size_t i = 0; i < rows; ++i) {
    if (!last.empty() && rng.below(10) == 0) {  // exact repeat of the previous line
      csv += last;
      continue;
    }
    const uint64_t u = rng.below(pool);
    const std::string user = "u_prop_" + std::to_string(u);
    std::string nick = rng.below(4) == 0 ? std::string(kNames[rng.below(6)]) : std::string(kNames[u % 6]);
    if (nick.find_first_of(",\"") != std::string::npos) {
      std::string q = "\"";
      for (char c : nick) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      nick = q + "\"";
    }
    std::string phone;
    switch (rng.below(4)) {
      case 0: break;
      case 1: phone = "139" + std::to_string(10000000 + u); break;
      case 2: phone = "+86 138-" + std::to_string(1000 + u % 9000) + "-" + std::to_string(1000 + rng.below(9000)); break;
      default: phone = "137" + std::to_string(20000000 + u); break;
    }
    const uint64_t day = 1 + rng.below(28);
    const std::string date = rng.below(2) ? "2024-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day)
                                          : "2024/3/" + std::to_string(day);
    last = user + "," + nick + "," + phone + "," + kCourses[rng.below(4)] + "," + date + "\n";
    csv += last;
  }
  return csv;
}

TEST(SyncProperty, TablesEqualTheModelAndReplanningIsEmpty) {
  EmulatorProcess emu({"--latency-ms", "1"});
  DirectClient client(emu);
  SyncSchema schema;
  schema.batch_size = 30;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Rng rng(seed * 0x9e3779b97f4a7c15ULL);
    const ImportRows rows = import_csv(random_csv(rng, 40 + rng.below(120), 10 + rng.below(60)), schema);
    SyncRound r = sync_round(client, rows, schema, seed);
    ASSERT_TRUE(r.exec.summary.complete);
    EXPECT_EQ(r.exec.summary.failed, 0u);
    std::string links;
    EXPECT_TRUE(read_tables(emu, &links) == content_of(apply_plan(r.before, r.plan, schema)));
    EXPECT_EQ(links, "");
    EXPECT_FALSE(plan_round(client, rows, schema, seed + 100).plan.has_writes());
  }
}

}  // namespace
}  // namespace ss::itest
