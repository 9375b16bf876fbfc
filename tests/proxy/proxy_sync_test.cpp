// Over real HTTP: a sync run through the proxy — audit rows, token renewal across expiries,
// concurrent staff serialised per table — and the admin commands (--check, setup-tables, --demo).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <memory>
#include <chrono>
#include <thread>

#include "proxy_test_support.h"

using namespace proxytest;

namespace {

json body_of(const httplib::Result& r) { return r ? json::parse(r->body, nullptr, false) : json(); }

json create_records_body(const std::string& prefix, int n) {
  json records = json::array();
  for (int i = 0; i < n; ++i)
    records.push_back({{"fields", {{"用户ID", prefix + std::to_string(i)}, {"课程", "课程A"}, {"学习日期", 1725120000000LL}}}});
  return json{{"records", records}};
}

struct AuditRow {
  std::string account, table, operation, record_ids;
  int64_t run_id = -1, count = 0, code = -1;
};

std::vector<AuditRow> audit_rows(const std::string& db_path) {
  sqlite3* db = nullptr;
  std::vector<AuditRow> rows;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return rows;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT account, table_key, operation, record_ids, COALESCE(run_id,-1), record_count, "
                     "COALESCE(feishu_code,-1) FROM writes ORDER BY id",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    AuditRow r;
    r.account = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    r.table = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    r.operation = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
    r.record_ids = reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    r.run_id = sqlite3_column_int64(st, 4);
    r.count = sqlite3_column_int64(st, 5);
    r.code = sqlite3_column_int64(st, 6);
    rows.push_back(r);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

std::string start_run(Staff& s) {
  json run = {{"file_name", "学员.csv"}, {"file_sha256", std::string(64, 'a')}, {"planned", {{"create", 3}}}};
  auto r = s.post("/api/runs", run.dump());
  return r && r->status == 200 ? body_of(r)["run_id"].get<std::string>() : "";
}

}  // namespace

TEST(ProxyAudit, AuditRowsMatchWhatWasForwarded) {
  Emulator emulator;
  Proxy proxy(emulator);
  proxy.add_user("alice");
  proxy.add_user("bob");
  Staff alice(proxy.port(), "alice");
  Staff bob(proxy.port(), "bob");
  std::string run = start_run(alice);
  ASSERT_FALSE(run.empty());
  httplib::Headers h = {{"X-Sync-Run", run}};
  auto c = alice.post("/api/tables/records/records/batch_create", create_records_body("a-", 3).dump(), h);
  json created = body_of(c);
  ASSERT_EQ(created["code"], 0) << c->body;
  std::vector<std::string> ids;
  for (const auto& r : created["data"]["records"]) ids.push_back(r["record_id"]);
  ASSERT_EQ(ids.size(), 3u);
  json upd = {{"records", {{{"record_id", ids[0]}, {"fields", {{"课程", "课程B"}}}}}}};
  ASSERT_EQ(body_of(alice.post("/api/tables/records/records/batch_update", upd.dump(), h))["code"], 0);
  ASSERT_EQ(body_of(alice.post("/api/tables/records/records/batch_delete", json{{"records", {ids[2]}}}.dump(), h))["code"], 0);
  alice.post("/api/tables/records/records/search", "{}", h);  // reads are not audited
  // A failing write is audited with Feishu's code.
  alice.post("/api/tables/records/records/batch_update", json{{"records", {{{"record_id", "recNope"}, {"fields", {{"课程", "x"}}}}}}}.dump(), h);
  // Bob cannot write into Alice's run, and cannot finish it.
  EXPECT_EQ(bob.post("/api/tables/records/records/batch_delete", json{{"records", {ids[1]}}}.dump(), h)->status, 400);
  EXPECT_EQ(bob.post("/api/runs/" + run + "/finish", json{{"achieved", {{"create", 3}}}}.dump())->status, 404);
  auto fin = alice.post("/api/runs/" + run + "/finish", json{{"achieved", {{"create", 3}}}}.dump());
  EXPECT_EQ(fin->status, 200);

  std::vector<AuditRow> rows = audit_rows(proxy.dir() + "/data/student-sync-proxy.sqlite");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].operation, "batch_create");
  EXPECT_EQ(rows[0].account, "alice");
  EXPECT_EQ(rows[0].table, "records");
  EXPECT_EQ(rows[0].count, 3);
  EXPECT_EQ(rows[0].code, 0);
  EXPECT_EQ(rows[0].run_id, std::stoll(run));
  EXPECT_EQ(json::parse(rows[0].record_ids), json(ids));
  EXPECT_EQ(json::parse(rows[1].record_ids), json({ids[0]}));
  EXPECT_EQ(rows[2].operation, "batch_delete");
  EXPECT_EQ(json::parse(rows[2].record_ids), json({ids[2]}));
  EXPECT_NE(rows[3].code, 0);
  EXPECT_EQ(json::parse(rows[3].record_ids), json::array());

  auto list = body_of(alice.get("/api/runs"));
  ASSERT_EQ(list["runs"].size(), 1u);
  EXPECT_EQ(list["runs"][0]["run_id"], run);
  EXPECT_EQ(list["runs"][0]["account"], "alice");
  EXPECT_EQ(list["runs"][0]["file_name"], "学员.csv");
  EXPECT_EQ(list["runs"][0]["achieved"]["create"], 3);
  EXPECT_EQ(list["runs"][0]["write_calls"], 4);
  EXPECT_EQ(list["runs"][0]["failed_calls"], 1);
  // The emulator holds exactly what the audit says remains.
  std::string stored = emulator.records(kRecordsId).dump();
  EXPECT_NE(stored.find(ids[0]), std::string::npos);
  EXPECT_NE(stored.find(ids[1]), std::string::npos);
  EXPECT_EQ(stored.find(ids[2]), std::string::npos);
}

TEST(ProxyTokens, RenewsTheTokenAcrossExpiriesMidRun) {
  Emulator emulator({"--token-ttl", "1", "--token-renew-below", "1"});
  Proxy proxy(emulator);
  proxy.add_user("alice");
  Staff alice(proxy.port(), "alice");
  auto start = std::chrono::steady_clock::now();
  int calls = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(3500)) {
    auto r = alice.post("/api/tables/records/records/batch_create", create_records_body("t-" + std::to_string(calls) + "-", 2).dump());
    ASSERT_TRUE(r);
    ASSERT_EQ(body_of(r)["code"], 0) << r->body;
    auto s = alice.get("/api/tables/records/fields");
    ASSERT_EQ(body_of(s)["code"], 0) << s->body;
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  EXPECT_GE(calls, 5);
  std::string stats = emulator.stats().dump();
  // More than one token was issued: the run crossed at least one expiry without a failed call.
  json s = emulator.stats()["stats"];
  int64_t token_calls = s["calls"].value("token", static_cast<int64_t>(0));
  EXPECT_GE(token_calls, 3) << stats;
}

TEST(ProxyTokens, RenewsAndRetriesOnceWhenFeishuRejectsTheCachedToken) {
  // A restarted emulator has forgotten every token it issued: the proxy's cached one now gets 99991663.
  auto first = std::make_unique<Emulator>();
  int port = first->port();
  Proxy proxy(*first);
  proxy.add_user("alice");
  Staff alice(proxy.port(), "alice");
  ASSERT_EQ(body_of(alice.get("/api/tables/students/fields"))["code"], 0);
  first.reset();
  Emulator second({"--port", std::to_string(port)});
  ASSERT_EQ(second.port(), port);
  auto r = alice.get("/api/tables/students/fields");
  ASSERT_TRUE(r);
  EXPECT_EQ(body_of(r)["code"], 0) << r->body;
  json stats = second.stats()["stats"];
  EXPECT_EQ(stats["calls"].value("token", 0), 1) << stats.dump();
  EXPECT_NE(stats["outcomes"].dump().find("99991663"), std::string::npos) << stats.dump();
}

TEST(ProxyTokens, ABurstOfCallsAsksForOneToken) {
  Emulator emulator({"--latency-ms", "50"});
  Proxy proxy(emulator);
  proxy.add_user("alice");
  Staff alice(proxy.port(), "alice");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      Staff s(proxy.port(), "alice");
      if (body_of(s.get("/api/tables/students/fields")).value("code", -1) == 0) ++ok;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(emulator.stats()["stats"]["calls"].value("token", 0), 1);
}

TEST(ProxyForwarding, RateLimitAnswersKeepFeishuStatusCodeAndHeaders) {
  Emulator emulator({"--write-rps", "1"});
  Proxy proxy(emulator);
  proxy.add_user("alice");
  Staff alice(proxy.port(), "alice");
  bool limited = false;
  for (int i = 0; i < 4 && !limited; ++i) {
    auto r = alice.post("/api/tables/records/records/batch_create", create_records_body("rl-" + std::to_string(i), 1).dump());
    ASSERT_TRUE(r);
    if (body_of(r)["code"] == 99991400) {
      limited = true;
      EXPECT_EQ(r->status, 429);
      EXPECT_FALSE(r->get_header_value("x-ogw-ratelimit-reset").empty());
    }
  }
  EXPECT_TRUE(limited);
}

TEST(ProxyConcurrency, ConcurrentStaffWritesAreSerialisedPerTable) {
  Emulator emulator({"--latency-ms", "120"});
  Proxy proxy(emulator);
  proxy.add_user("alice");
  proxy.add_user("bob");
  Staff alice(proxy.port(), "alice");
  Staff bob(proxy.port(), "bob");
  std::atomic<int> ok{0}, conflicts{0}, other{0};
  auto writer = [&](Staff* who, const std::string& prefix) {
    Staff s(proxy.port(), who == &alice ? "alice" : "bob");  // own connection per thread
    for (int i = 0; i < 3; ++i) {
      auto r = s.post("/api/tables/records/records/batch_create", create_records_body(prefix + std::to_string(i) + "-", 5).dump());
      int64_t code = r ? body_of(r).value("code", -1) : -1;
      if (code == 0) ++ok;
      else if (code == 1254291) ++conflicts;
      else ++other;
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(writer, t % 2 ? &alice : &bob, "c" + std::to_string(t) + "-");
  for (auto& t : threads) t.join();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(conflicts.load(), 0);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(ok.load(), 12);
  // Serialised: 12 writes × 120 ms cannot finish in less than ~1.4 s.
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 12 * 120);
}

TEST(ProxyAdmin, CheckCommandExplainsEachProblemInChinese) {
  TempDir tmp;
  const std::string& dir = tmp.path;
  write_file(dir + "/bad.json", R"({"app_secret":"leak","feishu_base_url":"http://example.com","listen_port":99999})");
  std::string out, err;
  int rc = run_command({proxy_binary(), "--check", "--config", dir + "/bad.json"}, {}, &out, &err);
  EXPECT_NE(rc, 0);
  for (const char* needle : {"App Secret 只能放在环境变量或 .env", "明文", "缺少 app_token", "listen_port", "FEISHU_APP_ID"})
    EXPECT_NE(out.find(needle), std::string::npos) << needle << "\n" << out;
  EXPECT_EQ((out + err).find("leak"), std::string::npos);
  rc = run_command({proxy_binary(), "--check", "--config", dir + "/missing.json"}, {}, &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("找不到配置文件"), std::string::npos);
}

TEST(ProxyAdmin, CheckPassesAgainstAGoodBaseAndExplainsAWrongSecret) {
  Emulator emulator;
  Proxy good(emulator);
  std::string out, err;
  int rc = run_command({proxy_binary(), "--check", "--config", good.config_path()}, {}, &out, &err);
  EXPECT_EQ(rc, 0) << out << err;
  EXPECT_NE(out.find("连接检查通过"), std::string::npos) << out;

  ProxyOptions wrong;
  wrong.secret = "not-the-secret";
  Proxy bad(emulator, wrong);
  rc = run_command({proxy_binary(), "--check", "--config", bad.config_path()}, {}, &out, &err);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("App ID 或 App Secret 不正确"), std::string::npos) << out;
  EXPECT_EQ(out.find("not-the-secret"), std::string::npos);
  // The same report over HTTP.
  bad.add_user("alice");
  Staff alice(bad.port(), "alice");
  auto r = alice.get("/api/check");
  ASSERT_TRUE(r);
  EXPECT_EQ(body_of(r)["ok"], false);
  EXPECT_NE(r->body.find("App ID 或 App Secret 不正确"), std::string::npos);
  // Forwarded calls carry the token endpoint's code.
  EXPECT_NE(body_of(alice.get("/api/tables/students/fields"))["code"], 0);
}

TEST(ProxyAdmin, CheckFindsAWronglyTypedField) {
  json base = demo_base();
  base["tables"][0]["fields"][2]["type"] = 2;  // 手机号 as a number
  Emulator emulator({}, base);
  Proxy proxy(emulator);
  proxy.add_user("alice");
  Staff alice(proxy.port(), "alice");
  json report = body_of(alice.get("/api/check"));
  EXPECT_EQ(report["ok"], false);
  EXPECT_NE(report.dump(-1, ' ', false).find("手机号"), std::string::npos);
}

TEST(ProxyAdmin, SetupTablesCreatesBothTablesAndTheDuplexLink) {
  json empty_base = {{"app_token", kAppToken}, {"name", "空白"}, {"tables", json::array()}};
  Emulator emulator({}, empty_base);
  ProxyOptions options;
  options.with_table_ids = false;
  Proxy proxy(emulator, options);
  std::string out, err;
  int rc = run_command({proxy_binary(), "setup-tables", "--config", proxy.config_path()}, {}, &out, &err);
  EXPECT_EQ(rc, 0) << out << err;
  json config = json::parse(read_file(proxy.config_path()));
  std::string sid = config["tables"]["students"]["table_id"], rid = config["tables"]["records"]["table_id"];
  EXPECT_EQ(sid.rfind("tbl", 0), 0u);
  EXPECT_EQ(rid.rfind("tbl", 0), 0u);
  EXPECT_EQ(config["listen_port"], 0);  // other keys kept
  rc = run_command({proxy_binary(), "--check", "--config", proxy.config_path()}, {}, &out, &err);
  EXPECT_EQ(rc, 0) << out;
  // Running it again changes nothing.
  rc = run_command({proxy_binary(), "setup-tables", "--config", proxy.config_path()}, {}, &out, &err);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out.find("已创建"), std::string::npos) << out;
}

TEST(ProxyAdmin, UserCommandsAndDemoMode) {
  Emulator emulator;
  Proxy proxy(emulator);
  std::string out;
  ASSERT_EQ(proxy.user_command({"add", "dave"}, &out), 0);
  size_t pos = out.find("：", out.find("密码"));
  ASSERT_NE(pos, std::string::npos) << out;
  std::string generated = out.substr(pos + std::string("：").size(), 20);
  EXPECT_TRUE(Staff(proxy.port(), "dave", generated).signed_in());
  EXPECT_NE(proxy.user_command({"add", "dave"}), 0);  // already exists
  ASSERT_EQ(proxy.user_command({"reset", "dave"}, &out), 0);
  EXPECT_FALSE(Staff(proxy.port(), "dave", generated).signed_in());
  ASSERT_EQ(proxy.user_command({"list"}, &out), 0);
  EXPECT_NE(out.find("dave"), std::string::npos);
  EXPECT_EQ(out.find("pbkdf2"), std::string::npos);
  EXPECT_NE(proxy.user_command({"disable", "nobody"}), 0);

  // --demo prints a working account before the listening line.
  Process demo({proxy_binary(), "--config", proxy.config_path(), "--demo", "--port", "0"}, {}, proxy.dir());
  std::string password = demo.wait_for_line("demo password: ");
  ASSERT_FALSE(password.empty()) << demo.err();
  std::string rest = demo.wait_for_line("student-sync-proxy listening on http://127.0.0.1:");
  ASSERT_FALSE(rest.empty());
  EXPECT_TRUE(Staff(std::atoi(rest.c_str()), "demo", password).signed_in());
  EXPECT_EQ(demo.terminate(), 0);  // graceful SIGTERM
}
