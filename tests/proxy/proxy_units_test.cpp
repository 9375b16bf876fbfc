// Unit-level tests of the proxy's small pieces (no network): .env parsing, config validation,
// password hashing, path safety, cookies, the token cache, the write queue, the login limiter.
#include <gtest/gtest.h>
#include <httplib.h>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "crypto_util.h"
#include "env_file.h"
#include "feishu_upstream.h"
#include "login_limiter.h"
#include "password_hash.h"
#include "proxy_config.h"
#include "proxy_test_support.h"
#include "sessions.h"
#include "slow_client_guard.h"
#include "static_files.h"
#include "token_manager.h"

using namespace ssproxy;
using proxytest::TempDir;
using proxytest::write_file;

TEST(EnvFile, ParsesQuotesCommentsAndExport) {
  auto v = parse_env_text("# c\nexport FEISHU_APP_ID=cli_1\nFEISHU_APP_SECRET=\"a b#c\"\nX='y' \nZ=1 # note\nbad\n");
  EXPECT_EQ(v["FEISHU_APP_ID"], "cli_1");
  EXPECT_EQ(v["FEISHU_APP_SECRET"], "a b#c");
  EXPECT_EQ(v["X"], "y");
  EXPECT_EQ(v["Z"], "1");
  EXPECT_EQ(v.count("bad"), 0u);
}

TEST(EnvFile, MissingCredentialsAreExplainedWithoutEchoingValues) {
  TempDir tmp;
  const std::string& dir = tmp.path;
  write_file(dir + "/.env", "FEISHU_APP_ID=cli_only_id\n");
  unsetenv("FEISHU_APP_ID");
  unsetenv("FEISHU_APP_SECRET");
  CredentialsLoad c = load_credentials(dir + "/.env");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_NE(c.problems[0].find("FEISHU_APP_SECRET"), std::string::npos);
  EXPECT_EQ(c.problems[0].find("cli_only_id"), std::string::npos);
  EXPECT_FALSE(c.warnings.empty());  // written with the default umask: readable by others
}

TEST(ProxyConfig, RefusesSecretsAndCleartextRemoteUrls) {
  TempDir tmp;
  const std::string& dir = tmp.path;
  write_file(dir + "/c.json",
             R"({"app_token":"bascnX","app_secret":"zzz","feishu_base_url":"http://open.feishu.cn","colour":1})");
  ConfigLoad load = load_config(dir + "/c.json");
  ASSERT_FALSE(load.ok());
  std::string all;
  for (const auto& p : load.problems) all += p + "\n";
  EXPECT_NE(all.find("app_secret"), std::string::npos);
  EXPECT_NE(all.find("明文"), std::string::npos);
  EXPECT_NE(all.find("colour"), std::string::npos);
  EXPECT_EQ(all.find("zzz"), std::string::npos);
}

TEST(ProxyConfig, DefaultsFieldNamesAndResolvesPathsAgainstTheConfigFile) {
  TempDir tmp;
  const std::string& dir = tmp.path;
  write_file(dir + "/c.json", R"({"app_token":"bascnX","data_dir":"d","tables":{"records":{"fields":{"course":"课"}}}})");
  ConfigLoad load = load_config(dir + "/c.json");
  ASSERT_TRUE(load.ok()) << load.problems[0];
  EXPECT_EQ(load.config.feishu_base_url, "https://open.feishu.cn");
  EXPECT_EQ(load.config.listen_host, "127.0.0.1");
  EXPECT_EQ(load.config.students.field("phone"), "手机号");
  EXPECT_EQ(load.config.records.field("student_link"), "关联到学员总表");
  EXPECT_EQ(load.config.records.field("course"), "课");
  EXPECT_EQ(load.config.data_dir, dir + "/d");
  EXPECT_EQ(table_id_problems(load.config).size(), 2u);
}

TEST(ProxyConfig, WritesTableIdsKeepingOtherKeys) {
  TempDir tmp;
  const std::string& dir = tmp.path;
  write_file(dir + "/c.json", R"({"_comment":"keep me","app_token":"bascnX"})");
  std::string error;
  ASSERT_TRUE(write_table_ids(dir + "/c.json", "tblA", "tblB", &error)) << error;
  ConfigLoad load = load_config(dir + "/c.json");
  EXPECT_EQ(load.config.students.table_id, "tblA");
  EXPECT_EQ(load.config.records.table_id, "tblB");
  EXPECT_NE(proxytest::read_file(dir + "/c.json").find("keep me"), std::string::npos);
}

TEST(PasswordHash, VerifiesOnlyTheRightPasswordAndSaltsEachHash) {
  std::string h1 = hash_password("correct horse", 1000);
  std::string h2 = hash_password("correct horse", 1000);
  EXPECT_NE(h1, h2);
  EXPECT_EQ(h1.rfind("pbkdf2_sha256$1000$", 0), 0u);
  EXPECT_TRUE(verify_password("correct horse", h1));
  EXPECT_FALSE(verify_password("correct horsf", h1));
  EXPECT_FALSE(verify_password("correct horse", "pbkdf2_sha256$1000$bad"));
  EXPECT_EQ(generate_password().size(), 20u);
  EXPECT_NE(generate_password(), generate_password());
}

TEST(PasswordHash, DefaultIterationsMeetTheFloor) { EXPECT_GE(kDefaultPasswordIterations, 200000); }

TEST(StaticPaths, RefusesTraversalDotFilesAndDirectories) {
  std::string rel;
  EXPECT_TRUE(safe_relative_path("/", &rel));
  EXPECT_EQ(rel, "index.html");
  EXPECT_TRUE(safe_relative_path("/assets/app.js", &rel));
  EXPECT_EQ(rel, "assets/app.js");
  for (const char* bad : {"/../etc/passwd", "/a/../../x", "/./x", "/.env", "/a/.git/config", "/a//b", "/sub/",
                          "/a\\..\\b", "relative", "/a\x01"}) {
    EXPECT_FALSE(safe_relative_path(bad, &rel)) << bad;
  }
}

TEST(StaticPaths, MimeTypesIncludeWasm) {
  EXPECT_EQ(mime_type_for("x/app.wasm"), "application/wasm");
  EXPECT_EQ(mime_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(mime_type_for("a.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mime_type_for("noext"), "application/octet-stream");
}

TEST(SessionCookie, FindsOnlyTheSessionCookie) {
  EXPECT_EQ(session_cookie_value("a=1; ss_session=abc; b=2"), "abc");
  EXPECT_EQ(session_cookie_value("xss_session=abc"), "");
  std::string set = session_set_cookie("id", 3600, false);
  for (const char* part : {"HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=3600"})
    EXPECT_NE(set.find(part), std::string::npos) << part;
}

TEST(CryptoUtil, ConstantTimeEqualAndBase64RoundTrip) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  std::string out;
  ASSERT_TRUE(base64_decode(base64_encode(std::string("\x00\x01xyz", 5)), &out));
  EXPECT_EQ(out, std::string("\x00\x01xyz", 5));
  EXPECT_EQ(random_hex(32).size(), 64u);
}

TEST(TokenManager, BurstOfCallersCausesOneFetch) {
  std::atomic<int> fetches{0};
  TokenManager tm([&] {
    ++fetches;
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    TokenResult r;
    r.ok = true;
    r.token = "t-one";
    r.expire_seconds = 7200;
    return r;
  });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&] {
      if (tm.get().token == "t-one") ++ok;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetches.load(), 1);
  EXPECT_EQ(ok.load(), 16);
}

TEST(TokenManager, InvalidateOnlyDropsTheFailedToken) {
  int n = 0;
  TokenManager tm([&] {
    TokenResult r;
    r.ok = true;
    r.token = "t-" + std::to_string(++n);
    r.expire_seconds = 7200;
    return r;
  });
  EXPECT_EQ(tm.get().token, "t-1");
  tm.invalidate("t-1");
  EXPECT_EQ(tm.get().token, "t-2");
  tm.invalidate("t-1");  // a late report about the old token must not cost another fetch
  EXPECT_EQ(tm.get().token, "t-2");
  EXPECT_EQ(tm.fetch_count(), 2);
}

TEST(TokenManager, RenewsBeforeExpiry) {
  int n = 0;
  TokenManager tm([&] {
    TokenResult r;
    r.ok = true;
    r.token = "t-" + std::to_string(++n);
    r.expire_seconds = 1;  // margin 0 s; renewed after 1 s
    return r;
  });
  EXPECT_EQ(tm.get().token, "t-1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(tm.get().token, "t-2");
}

TEST(FeishuUpstream, RenewsTheTokenOnceAndRetriesOn99991663) {
  httplib::Server fake;
  std::atomic<int> token_calls{0}, business_calls{0};
  fake.Post("/open-apis/auth/v3/tenant_access_token/internal", [&](const httplib::Request&, httplib::Response& res) {
    int n = ++token_calls;
    res.set_content("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-" + std::to_string(n) + "\",\"expire\":7200}",
                    "application/json");
  });
  fake.Get("/open-apis/x", [&](const httplib::Request& req, httplib::Response& res) {
    ++business_calls;
    if (req.get_header_value("Authorization") == "Bearer t-1") {
      res.status = 400;
      res.set_content("{\"code\":99991663,\"msg\":\"Invalid access token\"}", "application/json");
    } else {
      res.set_header("x-ogw-ratelimit-limit", "20");
      res.set_content("{\"code\":0,\"msg\":\"success\",\"data\":{}}", "application/json");
    }
  });
  int port = fake.bind_to_any_port("127.0.0.1");
  std::thread t([&] { fake.listen_after_bind(); });
  FeishuUpstream up("http://127.0.0.1:" + std::to_string(port), {"cli", "sec"}, 5);
  UpstreamResponse r = up.call("GET", "/open-apis/x", "");
  fake.stop();
  t.join();
  EXPECT_EQ(r.status, 200);
  ASSERT_TRUE(r.code.has_value());
  EXPECT_EQ(*r.code, 0);
  EXPECT_EQ(token_calls.load(), 2);
  EXPECT_EQ(business_calls.load(), 2);
  bool has_ratelimit = false;
  for (const auto& h : r.headers) has_ratelimit = has_ratelimit || h.first == "x-ogw-ratelimit-limit";
  EXPECT_TRUE(has_ratelimit);
}

TEST(TableWriteQueue, OneWriterAtATimeInArrivalOrder) {
  TableWriteQueue q;
  std::atomic<int> active{0}, max_active{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      auto turn = q.wait_turn("tblA");
      int now = ++active;
      int prev = max_active.load();
      while (now > prev && !max_active.compare_exchange_weak(prev, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      --active;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(max_active.load(), 1);
  auto other = q.wait_turn("tblB");  // another table is not blocked
  SUCCEED();
}

TEST(LoginLimiter, LocksAnAccountAfterFiveFailures) {
  LoginLimiter limiter;
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(limiter.retry_after("alice", "10.0.0.1"), 0);
    limiter.record_failure("alice", "10.0.0.1");
  }
  EXPECT_GT(limiter.retry_after("alice", "10.0.0.2"), 0);
  EXPECT_EQ(limiter.retry_after("bob", "10.0.0.2"), 0);
}

TEST(LoginLimiter, LocksAnAddressTryingManyAccounts) {
  LoginLimiter limiter;
  for (int i = 0; i < 20; ++i) limiter.record_failure("user" + std::to_string(i), "10.0.0.9");
  EXPECT_GT(limiter.retry_after("fresh-name", "10.0.0.9"), 0);
  EXPECT_EQ(limiter.retry_after("fresh-name", "10.0.0.10"), 0);
}

// Regression (slowloris, issue 7.3): a connection whose request is not in by the deadline is shut down;
// one whose request was read is left alone while it is handled, and watched again after its answer.
TEST(SlowClientGuard, ShutsDownOnlyConnectionsStillWaitingForTheirRequest) {
  using namespace std::chrono;
  SlowClientGuard guard(milliseconds(300), milliseconds(0));
  int slow[2], handled[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, slow), 0);
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, handled), 0);
  std::thread slow_worker([&] {
    guard.begin(slow[0], SlowClientGuard::Clock::now());
    char c;
    EXPECT_EQ(read(slow[0], &c, 1), 0);  // shut down: EOF instead of waiting forever
    guard.end();
  });
  std::atomic<bool> handling_done{false};
  std::thread handled_worker([&] {
    guard.begin(handled[0], SlowClientGuard::Clock::now());
    SlowClientGuard::request_read();
    std::this_thread::sleep_for(milliseconds(900));  // a long handler: not cut
    char c = 'x';
    EXPECT_EQ(write(handled[0], &c, 1), 1);
    handling_done = true;
    SlowClientGuard::response_sent();  // now waiting for the next request: cut after the deadline
    EXPECT_EQ(read(handled[0], &c, 1), 0);
    guard.end();
  });
  const auto started = steady_clock::now();
  slow_worker.join();
  EXPECT_LT(steady_clock::now() - started, milliseconds(800));
  handled_worker.join();
  EXPECT_TRUE(handling_done);
  EXPECT_EQ(guard.dropped(), 2u);
  for (int fd : {slow[0], slow[1], handled[0], handled[1]}) close(fd);
}
