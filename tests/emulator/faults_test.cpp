// Seeded fault injection (issue 3 item 5): each kind's shape, and reproducibility from a seed.
#include "emulator_harness.h"

namespace emulator_test {
namespace {

EmulatorOptions with_faults(double rate, uint64_t seed, const std::string& kinds) {
  auto o = Emulator::defaults();
  o.fault_rate = rate;
  o.fault_seed = seed;
  o.fault_kinds = *feishu_emulator::parse_fault_kinds(kinds);
  return o;
}

// The outcome of `n` sequential searches, e.g. "0 0 99991400 dropped 0 http500 …".
std::vector<std::string> outcomes(Emulator& emu, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    Reply r = emu.post(Emulator::table_path(kStudents, "/records/search"), json::object());
    out.push_back(r.status == 0 ? "dropped" : r.body.is_discarded() ? "http" + std::to_string(r.status)
                                                                    : std::to_string(r.code()));
  }
  return out;
}

TEST(Faults, SameSeedGivesSameSequence) {
  Emulator a(with_faults(0.5, 42, "all"));
  Emulator b(with_faults(0.5, 42, "all"));
  Emulator c(with_faults(0.5, 43, "all"));
  const auto sa = outcomes(a, 30), sb = outcomes(b, 30), sc = outcomes(c, 30);
  EXPECT_EQ(sa, sb);
  EXPECT_NE(sa, sc);
  const long ok = std::count(sa.begin(), sa.end(), "0");
  EXPECT_GT(ok, 5);
  EXPECT_LT(ok, 25);
  // The admin log lists the same injected faults.
  httplib::Client cli("127.0.0.1", a.port);
  json stats = json::parse(cli.Get("/__admin/stats")->body);
  EXPECT_EQ(stats["faults"]["log"].size(), static_cast<size_t>(30 - ok));
}

TEST(Faults, EachKindHasItsShape) {
  struct Case {
    const char* kind;
    int status;
    long code;
  };
  for (const Case& c : {Case{"rate_limit", 429, 99991400}, Case{"write_conflict", 400, 1254291},
                        Case{"data_not_ready", 400, 1254607}, Case{"internal", 500, 1255001},
                        Case{"http500", 500, -1}, Case{"drop", 0, -1}}) {
    Emulator emu(with_faults(1.0, 7, c.kind));
    Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_create"), {{"records", {{{"fields", json::object()}}}}});
    EXPECT_EQ(r.status, c.status) << c.kind;
    EXPECT_EQ(r.code(), c.code) << c.kind;
    if (c.code == 99991400) {
      EXPECT_TRUE(r.headers.count("x-ogw-ratelimit-reset"));
    }
    EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 0u) << c.kind << ": nothing applied";
  }
}

TEST(Faults, LostResponseAppliesTheWriteButDropsTheAnswer) {
  Emulator emu(with_faults(1.0, 7, "lost_response"));
  Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_create"), {{"records", {{{"fields", {{"用户ID", "x"}}}}}}});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
}

TEST(Faults, LostResponseRetriedWithClientTokenDoesNotDuplicate) {
  // Seed chosen so the first call is faulted and the second is not; checked by the test itself.
  for (uint64_t seed = 1; seed < 200; ++seed) {
    Emulator emu(with_faults(0.5, seed, "lost_response"));
    const std::string p = Emulator::table_path(kStudents, "/records/batch_create?client_token=fe599b60-450f-46ff-b2ef-9f6675625b97");
    const json body = {{"records", {{{"fields", {{"用户ID", "x"}}}}}}};
    Reply first = emu.post(p, body);
    if (first.status != 0) continue;
    Reply retry = emu.post(p, body);
    if (retry.status == 0) continue;
    EXPECT_EQ(retry.code(), 0);
    EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
    return;
  }
  FAIL() << "no seed below 200 gave fault-then-success";
}

TEST(Faults, TokenEndpointAndAdminAreNeverFaulted) {
  Emulator emu(with_faults(1.0, 7, "all"));
  EXPECT_FALSE(emu.token().empty());
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 0u);
}

}  // namespace
}  // namespace emulator_test
