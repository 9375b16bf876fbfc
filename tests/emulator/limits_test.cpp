// Limits that bite: rate limits, write conflicts, client_token replay/conflict (§ Decisions, §6).
#include "emulator_harness.h"

#include <thread>

namespace emulator_test {
namespace {

json one_record(const std::string& user) { return {{"records", {{{"fields", {{"用户ID", user}}}}}}}; }

TEST(RateLimit, ReadsOverLimitGet429WithHeadersThenRecover) {
  auto o = Emulator::defaults();
  o.read_rps = 3;
  Emulator emu(o);
  emu.token();
  const std::string p = Emulator::table_path(kStudents, "/fields");
  for (int i = 0; i < 3; ++i) ASSERT_EQ(emu.get(p).code(), 0) << i;
  Reply limited = emu.get(p);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.code(), 99991400);
  EXPECT_EQ(limited.body["msg"], "request trigger frequency limit");
  EXPECT_EQ(httplib::detail::get_header_value(limited.headers, "x-ogw-ratelimit-limit", 0, ""), std::string("3"));
  EXPECT_EQ(httplib::detail::get_header_value(limited.headers, "x-ogw-ratelimit-reset", 0, ""), std::string("1"));
  // Limits are per endpoint: search still has its own budget.
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/search"), json::object()).code(), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  EXPECT_EQ(emu.get(p).code(), 0);
}

TEST(RateLimit, WritesHaveTheirOwnLimit) {
  auto o = Emulator::defaults();
  o.write_rps = 2;
  Emulator emu(o);
  const std::string p = Emulator::table_path(kStudents, "/records/batch_create");
  EXPECT_EQ(emu.post(p, one_record("a")).code(), 0);
  EXPECT_EQ(emu.post(p, one_record("b")).code(), 0);
  Reply r = emu.post(p, one_record("c"));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.code(), 99991400);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 2u);
}

TEST(RateLimit, TwentyReadsPassAndTheTwentyFirstWithinASecondIsLimited) {
  auto o = Emulator::defaults();
  o.read_rps = 20;  // the documented read limit (§6.2) and the emulator's default
  Emulator emu(o);
  emu.token();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(emu.get(Emulator::table_path(kStudents, "/fields")).code(), 0) << i;
  const long code = emu.get(Emulator::table_path(kStudents, "/fields")).code();
  // Only meaningful if the machine kept the 21 calls inside one second (it does unless badly overloaded).
  if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(900)) {
    EXPECT_EQ(code, 99991400);
  }
}

TEST(WriteConflict, OverlappingWritesToOneTableGet1254291) {
  auto o = Emulator::defaults();
  o.latency_ms = 400;
  Emulator emu(o);
  emu.token();
  Reply first;
  std::thread a([&] { first = emu.post(Emulator::table_path(kStudents, "/records/batch_create"), one_record("a")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Reply second = emu.post(Emulator::table_path(kStudents, "/records/batch_create"), one_record("b"));
  Reply other_table = emu.post(Emulator::table_path(kRecords, "/records/batch_create"), one_record("c"));
  a.join();
  EXPECT_EQ(first.code(), 0);
  EXPECT_EQ(second.code(), 1254291);
  EXPECT_EQ(second.status, 400);
  EXPECT_EQ(other_table.code(), 0);  // different tables may be written at the same time
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
  // Once the first write is over, the next one goes through.
  EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_create"), one_record("d")).code(), 0);
}

TEST(WriteConflict, SequentialWritesWithLatencyDoNotConflict) {
  auto o = Emulator::defaults();
  o.latency_ms = 50;
  o.jitter_ms = 20;
  Emulator emu(o);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_create"), one_record("u")).code(), 0);
}

const std::string kUuid = "fe599b60-450f-46ff-b2ef-9f6675625b97";

TEST(ClientToken, ReplaySameBodyReturnsFirstResultWithoutCreating) {
  Emulator emu;
  const std::string p = Emulator::table_path(kStudents, "/records/batch_create?client_token=" + kUuid);
  Reply a = emu.post(p, one_record("u1"));
  Reply b = emu.post(p, one_record("u1"));
  ASSERT_EQ(a.code(), 0);
  EXPECT_EQ(b.code(), 0);
  EXPECT_EQ(a.data()["records"][0]["record_id"], b.data()["records"][0]["record_id"]);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
  Reply other = emu.post(p, one_record("u2"));
  EXPECT_EQ(other.code(), 1255006);
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
}

TEST(ClientToken, ConflictModeRefusesAnyReuse) {
  auto o = Emulator::defaults();
  o.client_token_mode = feishu_emulator::ClientTokenMode::kConflict;
  Emulator emu(o);
  const std::string p = Emulator::table_path(kStudents, "/records/batch_create?client_token=" + kUuid);
  EXPECT_EQ(emu.post(p, one_record("u1")).code(), 0);
  EXPECT_EQ(emu.post(p, one_record("u1")).code(), 1255006);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 1u);
}

TEST(ClientToken, MalformedTokenGives1254037) {
  Emulator emu;
  for (const std::string bad : {"", "not-a-uuid", "fe599b60-450f-16ff-b2ef-9f6675625b97", "fe599b60450f46ffb2ef9f6675625b97"}) {
    Reply r = emu.post(Emulator::table_path(kStudents, "/records/batch_create?client_token=" + bad), one_record("u"));
    EXPECT_EQ(r.code(), 1254037) << bad;
    EXPECT_EQ(r.status, 400);
  }
  Reply single = emu.post(Emulator::table_path(kStudents, "/records?client_token=x"), {{"fields", json::object()}});
  EXPECT_EQ(single.code(), 1254037);
  EXPECT_EQ(emu.admin_records(kStudents)["records"].size(), 0u);
}

TEST(ClientToken, FailedCallIsNotRememberedAndInFlightReuseGets1254608) {
  auto o = Emulator::defaults();
  o.latency_ms = 300;
  Emulator emu(o);
  emu.token();
  const std::string p = Emulator::table_path(kStudents, "/records/batch_create?client_token=" + kUuid);
  EXPECT_EQ(emu.post(p, {{"records", {{{"fields", {{"手机号", "bad"}}}}}}}).code(), 1254072);
  Reply first;
  std::thread a([&] { first = emu.post(p, one_record("u1")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Reply again = emu.post(p, one_record("u1"));
  a.join();
  EXPECT_EQ(first.code(), 0);
  EXPECT_EQ(again.code(), 1254608);
  EXPECT_EQ(again.status, 403);
}

}  // namespace
}  // namespace emulator_test
