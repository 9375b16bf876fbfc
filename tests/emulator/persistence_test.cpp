// --db survives a restart; --base creates tables, fields, records and links; admin stats count calls.
#include "emulator_harness.h"

#include <cstdio>

namespace emulator_test {
namespace {

TEST(Persistence, StateSurvivesRestart) {
  const std::string db = ::testing::TempDir() + "emulator_persist.db";
  std::remove(db.c_str());
  auto o = Emulator::defaults();
  o.db_file = db;
  std::vector<std::string> s, r;
  {
    Emulator emu(o);
    s = emu.create(kStudents, {{{"用户ID", "u1"}, {"手机号", "+86138"}}, {{"用户ID", "u2"}}});
    r = emu.create(kRecords, {{{"用户ID", "u1"}, {"学习日期", 1725120000000LL}, {"关联到学员总表", {s[0]}}}});
    ASSERT_EQ(emu.post(Emulator::table_path(kStudents, "/records/batch_delete"), {{"records", {s[1]}}}).code(), 0);
    ASSERT_EQ(emu.post(Emulator::table_path(kStudents, "/fields"), {{"field_name", "备注"}, {"type", 1}}).code(), 0);
  }
  Emulator again(o);
  const json students = again.admin_records(kStudents);
  ASSERT_EQ(students["records"].size(), 1u);
  EXPECT_EQ(students["records"][0]["record_id"], s[0]);
  EXPECT_EQ(students["records"][0]["fields"]["学习记录"], json({r[0]}));
  EXPECT_EQ(students["fields"].back()["field_name"], "备注");
  EXPECT_EQ(again.admin_records(kRecords)["records"][0]["fields"]["学习日期"], 1725120000000LL);
  // New records keep coming after the old ones.
  again.create(kStudents, {{{"用户ID", "u3"}}});
  EXPECT_EQ(again.admin_records(kStudents)["records"][1]["fields"]["用户ID"], "u3");
  std::remove(db.c_str());
}

TEST(BaseFile, CreatesRecordsAndLinksAcrossTables) {
  const std::string base = temp_file("base_with_records.json", R"({
    "apps": [{"app_token": "bascnOther", "tables": [
      {"table_id": "tblA", "name": "A", "fields": [{"field_name": "名", "type": 1}],
       "records": [{"record_id": "recA1", "fields": {"名": "甲"}}]},
      {"table_id": "tblB", "name": "B", "fields": [
         {"field_name": "名", "type": 1},
         {"field_name": "到A", "type": 21, "property": {"table_id": "tblA", "back_field_name": "来自B"}}],
       "records": [{"fields": {"名": "乙", "到A": ["recA1"]}}]}]}]})");
  auto o = Emulator::defaults();
  o.base_file = base;
  Emulator emu(o);
  httplib::Client cli("127.0.0.1", emu.port);
  json a = json::parse(cli.Get("/__admin/apps/bascnOther/tables/tblA/records")->body);
  ASSERT_EQ(a["records"].size(), 1u);
  EXPECT_EQ(a["records"][0]["record_id"], "recA1");
  EXPECT_EQ(a["records"][0]["fields"]["来自B"].size(), 1u);
  json list = json::parse(cli.Get("/__admin/apps/bascnOther/tables")->body);
  EXPECT_EQ(list["tables"].size(), 2u);
  EXPECT_EQ(list["tables"][1]["record_count"], 1);
}

TEST(BaseFile, BadFileStopsStartup) {
  auto o = Emulator::defaults();
  o.base_file = temp_file("bad_base.json", R"({"app_token": "x", "tables": [{"name": "A", "fields": [{"field_name": "a", "type": 99}]}]})");
  feishu_emulator::EmulatorServer server(o);
  auto r = server.start();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1254012);
}

TEST(AdminStats, CountsCallsPerEndpointAndOutcome) {
  Emulator emu;
  emu.token();
  emu.get(Emulator::table_path(kStudents, "/fields"));
  emu.post(Emulator::table_path(kStudents, "/records/search"), json::object());
  emu.post(Emulator::table_path(kStudents, "/records/search"), {{"field_names", {"nope"}}});
  httplib::Client cli("127.0.0.1", emu.port);
  json stats = json::parse(cli.Get("/__admin/stats")->body)["stats"];
  EXPECT_EQ(stats["calls"]["records.search"], 2);
  EXPECT_EQ(stats["calls"]["fields.list"], 1);
  EXPECT_EQ(stats["calls"]["token"], 1);
  EXPECT_EQ(stats["outcomes"]["records.search"]["1254045"], 1);
  EXPECT_EQ(stats["total_calls"], 4);
  ASSERT_TRUE(cli.Post("/__admin/stats/reset"));
  EXPECT_EQ(json::parse(cli.Get("/__admin/stats")->body)["stats"]["total_calls"], 0);
  EXPECT_EQ(cli.Get("/__admin/apps/bascnNope/tables")->status, 400);
}

}  // namespace
}  // namespace emulator_test

namespace emulator_test {
namespace {

TEST(Startup, UnknownTimeZoneIsRefused) {
  auto o = Emulator::defaults();
  o.time_zone = "Mars/Olympus";
  feishu_emulator::EmulatorServer server(o);
  EXPECT_FALSE(server.start().ok());
}

}  // namespace
}  // namespace emulator_test
