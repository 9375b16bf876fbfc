// Over real HTTP: student-sync-proxy in front of feishu-emulator. What staff may do, what nobody may do,
// and that the secret stays inside.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "proxy_test_support.h"

using namespace proxytest;

namespace {

class ProxyHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    emulator_ = new Emulator();
    proxy_ = new Proxy(*emulator_);
    proxy_->add_user("alice");
    proxy_->add_user("bob");
    proxy_->add_user("mallory");
    std::string page = proxy_->static_root();
    write_file(page + "/index.html", "<!doctype html><script src=\"app.js\"></script>" + std::string(2000, ' '));
    write_file(page + "/app.js", "console.log('student sync');\n" + std::string(4000, '/'));
    write_file(page + "/app.wasm", std::string("\0asm\x01\0\0\0", 8) + std::string(3000, '\0'));
    write_file(page + "/assets/app.3f9a2c1d.js", "let x = 1;");
    write_file(page + "/sub/x.txt", "x");
    write_file(proxy_->dir() + "/outside.txt", "OUTSIDE-THE-ROOT");
  }
  static void TearDownTestSuite() {
    delete proxy_;
    delete emulator_;
  }
  static Emulator* emulator_;
  static Proxy* proxy_;
  int port() { return proxy_->port(); }
};
Emulator* ProxyHttp::emulator_ = nullptr;
Proxy* ProxyHttp::proxy_ = nullptr;

json body_of(const httplib::Result& r) { return r ? json::parse(r->body, nullptr, false) : json(); }

}  // namespace

TEST_F(ProxyHttp, HealthNeedsNoSessionAndCarriesSecurityHeaders) {
  httplib::Client c("127.0.0.1", port());
  auto r = c.Get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_of(r), json({{"ok", true}}));
  std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
}

TEST_F(ProxyHttp, LoginSetsAStrictHttpOnlyCookieAndSessionReturnsTheCsrfToken) {
  Staff alice(port(), "alice");
  ASSERT_TRUE(alice.signed_in());
  for (const char* part : {"HttpOnly", "SameSite=Strict", "Path=/", "Max-Age="})
    EXPECT_NE(alice.set_cookie.find(part), std::string::npos) << part;
  EXPECT_EQ(alice.cookie.size(), std::string("ss_session=").size() + 64);
  auto r = alice.get("/api/session");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_of(r)["user"]["name"], "alice");
  EXPECT_EQ(body_of(r)["csrf_token"], alice.csrf);
  auto cfg = alice.get("/api/config");
  EXPECT_EQ(body_of(cfg)["tables"]["records"]["fields"]["student_link"], "关联到学员总表");
  EXPECT_EQ(body_of(cfg)["time_zone"], "Asia/Shanghai");
}

TEST_F(ProxyHttp, WrongPasswordAndUnknownAccountGetTheSameAnswer) {
  Staff wrong(port(), "bob", "not-the-password");
  Staff nobody(port(), "nobody-here", "not-the-password");
  EXPECT_FALSE(wrong.signed_in());
  EXPECT_FALSE(nobody.signed_in());
  httplib::Client c("127.0.0.1", port());
  auto a = c.Post("/api/login", R"({"username":"bob","password":"not-the-password"})", "application/json");
  auto b = c.Post("/api/login", R"({"username":"nobody-here","password":"x"})", "application/json");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->status, 401);
  EXPECT_EQ(a->body, b->body);
  auto form = c.Post("/api/login", "username=bob&password=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(form->status, 415);
}

TEST_F(ProxyHttp, ForwardsFieldsUnchanged) {
  Staff alice(port(), "alice");
  auto via_proxy = alice.get("/api/tables/students/fields?page_size=100");
  ASSERT_TRUE(via_proxy);
  EXPECT_EQ(via_proxy->status, 200);
  // The same call made directly against the emulator gives the same JSON.
  httplib::Client direct("127.0.0.1", emulator_->port());
  auto tok = direct.Post("/open-apis/auth/v3/tenant_access_token/internal",
                         json{{"app_id", kAppId}, {"app_secret", kSecret}}.dump(), "application/json");
  std::string token = json::parse(tok->body)["tenant_access_token"];
  auto d = direct.Get(("/open-apis/bitable/v1/apps/" + std::string(kAppToken) + "/tables/" + kStudentsId +
                       "/fields?page_size=100").c_str(),
                      {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(body_of(via_proxy), body_of(d));
  EXPECT_EQ(body_of(via_proxy)["code"], 0);
  EXPECT_GE(body_of(via_proxy)["data"]["items"].size(), 4u);  // 3 + the back field 学习记录
}

TEST_F(ProxyHttp, ForwardsSearchAndTheThreeBatchWrites) {
  Staff alice(port(), "alice");
  json create = {{"records",
                  {{{"fields", {{"用户ID", "u-forward-1"}, {"昵称", "张三"}, {"手机号", "13800138000"}}}},
                   {{"fields", {{"用户ID", "u-forward-2"}, {"昵称", "李四"}}}}}}};
  auto c = alice.post("/api/tables/students/records/batch_create?client_token=3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b",
                      create.dump());
  ASSERT_TRUE(c);
  ASSERT_EQ(c->status, 200) << c->body;
  json created = body_of(c);
  ASSERT_EQ(created["code"], 0);
  ASSERT_EQ(created["data"]["records"].size(), 2u);
  std::string id1 = created["data"]["records"][0]["record_id"], id2 = created["data"]["records"][1]["record_id"];

  json search = {{"filter",
                  {{"conjunction", "and"},
                   {"conditions", {{{"field_name", "用户ID"}, {"operator", "is"}, {"value", {"u-forward-1"}}}}}}}};
  auto s = alice.post("/api/tables/students/records/search?page_size=10", search.dump());
  ASSERT_TRUE(s);
  EXPECT_EQ(body_of(s)["code"], 0);
  ASSERT_EQ(body_of(s)["data"]["items"].size(), 1u);
  EXPECT_EQ(body_of(s)["data"]["items"][0]["record_id"], id1);

  json update = {{"records", {{{"record_id", id1}, {"fields", {{"昵称", "张三丰"}}}}}}};
  auto u = alice.post("/api/tables/students/records/batch_update", update.dump());
  ASSERT_TRUE(u);
  EXPECT_EQ(body_of(u)["code"], 0) << u->body;

  auto del = alice.post("/api/tables/students/records/batch_delete", json{{"records", {id2}}}.dump());
  ASSERT_TRUE(del);
  EXPECT_EQ(body_of(del)["code"], 0) << del->body;
  auto after = alice.post("/api/tables/students/records/search", "{}");
  std::string all = after->body;
  EXPECT_EQ(all.find(id2), std::string::npos);
  EXPECT_NE(all.find("张三丰"), std::string::npos);
}

TEST_F(ProxyHttp, FeishuErrorsComeBackWithTheirCodeAndStatus) {
  Staff alice(port(), "alice");
  json bad = {{"records", {{{"fields", {{"没有这个字段", "x"}}}}}}};
  auto r = alice.post("/api/tables/records/records/batch_create", bad.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(body_of(r)["code"], 1254045);
  EXPECT_GE(r->status, 400);
}

TEST_F(ProxyHttp, RefusesWithoutSession) {
  httplib::Client c("127.0.0.1", port());
  for (const char* path : {"/api/tables/students/fields", "/api/runs", "/api/check", "/api/config"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << path;
  }
  // "Am I signed in?" is a question the page asks on every load, not an access attempt.
  auto session = c.Get("/api/session");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->status, 200);
  EXPECT_TRUE(json::parse(session->body)["user"].is_null());
  EXPECT_EQ(json::parse(session->body).count("csrf_token"), 0u);
  auto p = c.Post("/api/tables/students/records/search", "{}", "application/json");
  EXPECT_EQ(p->status, 401);
}

TEST_F(ProxyHttp, RefusesWritesWithoutTheRightCsrfToken) {
  Staff alice(port(), "alice");
  auto missing = alice.post("/api/tables/students/records/search", "{}", {}, false);
  EXPECT_EQ(missing->status, 403);
  auto wrong = alice.post("/api/tables/students/records/search", "{}", {{"X-CSRF-Token", std::string(64, 'a')}}, false);
  EXPECT_EQ(wrong->status, 403);
  Staff bob(port(), "bob");
  auto others = alice.post("/api/tables/students/records/search", "{}", {{"X-CSRF-Token", bob.csrf}}, false);
  EXPECT_EQ(others->status, 403);
  auto cross_origin =
      alice.post("/api/tables/students/records/search", "{}", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross_origin->status, 403);
  auto logout = alice.post("/api/logout", "{}", {}, false);
  EXPECT_EQ(logout->status, 403);
}

TEST_F(ProxyHttp, RefusesOtherTablesPathsAndMethods) {
  Staff alice(port(), "alice");
  struct Case {
    const char* method;
    std::string path;
  };
  std::vector<Case> cases = {
      {"GET", "/api/tables/teachers/fields"},
      {"GET", std::string("/api/tables/") + kOtherId + "/fields"},
      {"GET", std::string("/api/tables/") + kStudentsId + "/fields"},
      {"POST", "/api/tables/students/records/batch_get"},
      {"POST", "/api/tables/students/records"},
      {"GET", "/api/tables/students/records"},
      {"GET", "/api/tables"},
      {"GET", std::string("/open-apis/bitable/v1/apps/") + kAppToken + "/tables"},
      {"POST", std::string("/open-apis/bitable/v1/apps/") + kAppToken + "/tables"},
      {"POST", "/open-apis/auth/v3/tenant_access_token/internal"},
      {"POST", "/api/tables/students/fields"},
      {"GET", "/api/tables/students/records/search"},
      {"GET", "/api/nothing"},
  };
  for (const auto& c : cases) {
    auto r = std::string(c.method) == "GET" ? alice.get(c.path) : alice.post(c.path, "{}");
    ASSERT_TRUE(r) << c.path;
    EXPECT_TRUE(r->status == 404 || r->status == 403 || r->status == 405) << c.method << " " << c.path << " → "
                                                                        << r->status;
    EXPECT_EQ(r->body.find("\"data\""), std::string::npos) << c.path;
  }
  for (const char* m : {"PUT", "DELETE", "PATCH"}) {
    httplib::Request req;
    req.method = m;
    req.path = "/api/tables/students/records/batch_delete";
    req.headers = {{"Cookie", alice.cookie}, {"X-CSRF-Token", alice.csrf}};
    req.body = "{}";
    auto r = alice.client.send(req);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->status == 404 || r->status == 405 || r->status == 400) << m << " " << r->status;
  }
  // Nothing reached the table that is not configured.
  json other = emulator_->records(kOtherId);
  EXPECT_EQ(other.dump().find("\"record_id\""), std::string::npos) << other.dump();
}

TEST_F(ProxyHttp, RefusesUnknownQueryParametersAndMalformedValues) {
  Staff alice(port(), "alice");
  EXPECT_EQ(alice.post("/api/tables/students/records/search?user_id_type=open_id", "{}")->status, 400);
  EXPECT_EQ(alice.post("/api/tables/students/records/search?page_size=5000", "{}")->status, 400);
  EXPECT_EQ(alice.post("/api/tables/students/records/search?page_size=1&page_size=2", "{}")->status, 400);
  EXPECT_EQ(alice.post("/api/tables/students/records/batch_delete?client_token=abc", "{\"records\":[]}")->status, 400);
  EXPECT_EQ(alice.post("/api/tables/students/records/batch_create?client_token=a%26b", "{\"records\":[]}")->status,
            400);
}

TEST_F(ProxyHttp, RefusesOversizedAndNonObjectBodies) {
  Staff alice(port(), "alice");
  std::string big = "{\"records\":[\"" + std::string(5 * 1024 * 1024, 'x') + "\"]}";
  auto r = alice.post("/api/tables/students/records/batch_delete", big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  for (const char* body : {"not json", "[1,2]", "\"text\"", "", "{\"a\":"}) {
    auto n = alice.post("/api/tables/students/records/batch_create", body);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->status, 400) << body;
    EXPECT_EQ(body_of(n)["code"], -400);
  }
}

TEST_F(ProxyHttp, DisabledAccountLosesItsSessionAndCannotSignIn) {
  Staff mallory(port(), "mallory");
  ASSERT_TRUE(mallory.signed_in());
  EXPECT_EQ(json::parse(mallory.get("/api/session")->body)["user"]["name"], "mallory");
  ASSERT_EQ(proxy_->user_command({"disable", "mallory"}), 0);
  EXPECT_TRUE(json::parse(mallory.get("/api/session")->body)["user"].is_null());
  EXPECT_EQ(mallory.post("/api/tables/students/records/search", "{}")->status, 401);
  httplib::Client c("127.0.0.1", port());
  auto r = c.Post("/api/login", R"({"username":"mallory","password":"correct-horse-battery"})", "application/json");
  EXPECT_EQ(r->status, 403);
  ASSERT_EQ(proxy_->user_command({"enable", "mallory"}), 0);
  EXPECT_TRUE(Staff(port(), "mallory").signed_in());
}

TEST_F(ProxyHttp, LogoutEndsTheSession) {
  Staff bob(port(), "bob");
  ASSERT_TRUE(bob.signed_in());
  auto r = bob.post("/api/logout", "{}");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_TRUE(json::parse(bob.get("/api/session")->body)["user"].is_null());
  EXPECT_EQ(bob.get("/api/runs")->status, 401);
}

TEST_F(ProxyHttp, ServesThePageWithTypesCompressionAndCaching) {
  httplib::Client c("127.0.0.1", port());
  auto index = c.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  EXPECT_NE(index->body.find("<!doctype html>"), std::string::npos);

  auto wasm = c.Get("/app.wasm");
  EXPECT_EQ(wasm->get_header_value("Content-Type"), "application/wasm");
  EXPECT_EQ(wasm->body.size(), 3008u);

  auto hashed = c.Get("/assets/app.3f9a2c1d.js");
  EXPECT_NE(hashed->get_header_value("Cache-Control").find("immutable"), std::string::npos);

  // gzip: the client library decompresses; the header proves it was compressed exactly once.
  httplib::Client gz("127.0.0.1", port());
  auto js = gz.Get("/app.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(js->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(js->body, read_file(proxy_->static_root() + "/app.js"));
  RawResponse raw_js = raw_get(port(), "/app.js");
  EXPECT_EQ(raw_js.body, read_file(proxy_->static_root() + "/app.js"));  // no Accept-Encoding → plain

  std::string etag = index->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.Get("/", {{"If-None-Match", etag}});
  EXPECT_EQ(again->status, 304);
}

TEST_F(ProxyHttp, RefusesTraversalAndDirectoryListing) {
  for (const char* target : {"/../outside.txt", "/%2e%2e/outside.txt", "/%2E%2E%2Foutside.txt", "/..%2foutside.txt",
                             "/sub/..%2f..%2foutside.txt", "/sub/%2e%2e/%2e%2e/outside.txt", "/.env", "/%2eenv",
                             "/sub/", "/sub", "/data/student-sync-proxy.sqlite", "/..%5coutside.txt",
                             "/%252e%252e/outside.txt", "/proxy.json"}) {
    RawResponse r = raw_get(port(), target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " → " << r.status;
    EXPECT_EQ(r.body.find("OUTSIDE-THE-ROOT"), std::string::npos) << target;
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << target;
    EXPECT_EQ(r.body.find("x.txt"), std::string::npos) << target;
  }
  EXPECT_EQ(raw_get(port(), "/sub/x.txt").status, 200);
}

TEST_F(ProxyHttp, LoginAttemptsAreRateLimitedPerAccount) {
  proxy_->add_user("carol");
  httplib::Client c("127.0.0.1", port());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(c.Post("/api/login", R"({"username":"carol","password":"wrong-password"})", "application/json")->status,
              401);
  auto locked = c.Post("/api/login", R"({"username":"carol","password":"correct-horse-battery"})", "application/json");
  EXPECT_EQ(locked->status, 429);
  EXPECT_FALSE(locked->get_header_value("Retry-After").empty());
}

// Self-contained (ctest runs each test in its own process); within one run it also sees the log
// lines of every test before it.
TEST_F(ProxyHttp, ZzSecretTokensAndPhoneNumbersAppearNowhere) {
  Staff alice(port(), "alice");
  json create = {{"records",
                  {{{"fields", {{"用户ID", "u-secret-1"}, {"手机号", "13800138000"}}}},
                   {{"fields", {{"用户ID", "u-secret-2"}, {"手机号", "+8613900139000"}}}}}}};
  ASSERT_EQ(json::parse(alice.post("/api/tables/students/records/batch_create?client_token=0f1d2c4b-5a6e-4f70-8a9b-"
                                   "0c1d2e3f4a5b", create.dump())->body)["code"], 0);
  Staff(port(), "alice", "wrong-password-123");
  std::vector<std::string> bodies;
  for (const char* p : {"/api/health", "/api/session", "/api/config", "/api/check", "/api/runs",
                        "/api/tables/students/fields", "/", "/app.js", "/app.wasm"})
    bodies.push_back(alice.get(p)->body);
  bodies.push_back(alice.post("/api/tables/students/records/search", "{}")->body);
  for (const auto& b : bodies) EXPECT_EQ(b.find(kSecret), std::string::npos);
  std::string log = proxy_->log();
  EXPECT_FALSE(log.empty());
  EXPECT_EQ(log.find(kSecret), std::string::npos);
  EXPECT_EQ(log.find("13800138000"), std::string::npos);
  EXPECT_EQ(log.find("13900139000"), std::string::npos);
  EXPECT_EQ(log.find("wrong-password-123"), std::string::npos);
  EXPECT_EQ(log.find("correct-horse-battery"), std::string::npos);
  EXPECT_EQ(log.find("Bearer"), std::string::npos);
  EXPECT_EQ(log.find(" t-"), std::string::npos);
  EXPECT_EQ(log.find("ss_session"), std::string::npos);
  EXPECT_EQ(log.find("client_token"), std::string::npos);
  EXPECT_NE(log.find("POST /api/tables/students/records/batch_create 200 code=0 records=2"), std::string::npos) << log;
  // The page assets on disk do not carry it either.
  for (const char* f : {"/index.html", "/app.js", "/app.wasm"})
    EXPECT_EQ(read_file(proxy_->static_root() + f).find(kSecret), std::string::npos);
}
