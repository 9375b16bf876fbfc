// Tenant token rules (feishu-bitable-api.md §1) over HTTP.
#include "emulator_harness.h"

namespace emulator_test {
namespace {

const json kGood = {{"app_id", "cli_demo_student_sync"}, {"app_secret", "demo_secret_not_for_production"}};

TEST(Token, IssuesTenantTokenWithoutDataWrapper) {
  Emulator emu;
  Reply r = emu.raw_token(kGood);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.code(), 0);
  EXPECT_EQ(r.body["msg"], "ok");
  EXPECT_FALSE(r.body.contains("data"));
  EXPECT_EQ(r.body["tenant_access_token"].get<std::string>().rfind("t-", 0), 0u);
  EXPECT_EQ(r.body["expire"], 7200);
}

TEST(Token, ReturnsSameTokenWithRemainingSecondsWhileAtLeastHalfHourLeft) {
  Emulator emu;
  Reply first = emu.raw_token(kGood);
  emu.advance_seconds(5000);  // 2200 s left
  Reply second = emu.raw_token(kGood);
  EXPECT_EQ(second.body["tenant_access_token"], first.body["tenant_access_token"]);
  EXPECT_EQ(second.body["expire"], 2200);
}

TEST(Token, IssuesNewTokenWhenLessThanHalfHourLeftAndOldOneStaysValid) {
  Emulator emu;
  Reply first = emu.raw_token(kGood);
  emu.advance_seconds(5500);  // 1700 s left < 1800
  Reply second = emu.raw_token(kGood);
  EXPECT_NE(second.body["tenant_access_token"], first.body["tenant_access_token"]);
  EXPECT_EQ(second.body["expire"], 7200);
  const std::string old_auth = "Bearer " + first.body["tenant_access_token"].get<std::string>();
  EXPECT_EQ(emu.call("GET", Emulator::table_path(kStudents, "/fields"), nullptr, old_auth).code(), 0);
}

TEST(Token, ExpiredTokenIsRefusedWith99991663) {
  auto o = Emulator::defaults();
  o.token_ttl_s = 60;
  Emulator emu(o);
  const std::string auth = "Bearer " + emu.token();
  EXPECT_EQ(emu.call("GET", Emulator::table_path(kStudents, "/fields"), nullptr, auth).code(), 0);
  emu.advance_seconds(61);
  Reply r = emu.call("GET", Emulator::table_path(kStudents, "/fields"), nullptr, auth);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), 99991663);
  EXPECT_TRUE(r.body["error"].contains("log_id"));
}

TEST(Token, BadParametersGive10003WithHttp200) {
  Emulator emu;
  for (const json& body : {json::object(), json{{"app_id", ""}, {"app_secret", "x"}},
                           json{{"app_id", "not-an-app"}, {"app_secret", "x"}}, json{{"app_id", 5}}}) {
    Reply r = emu.raw_token(body);
    EXPECT_EQ(r.status, 200) << body;
    EXPECT_EQ(r.code(), 10003) << body;
    EXPECT_EQ(r.body["msg"], "invalid param");
    EXPECT_EQ(r.body["data"], json::object());
  }
  Reply garbage = emu.call("POST", "/open-apis/auth/v3/tenant_access_token/internal", nullptr, "");
  EXPECT_EQ(garbage.code(), 10003);
}

TEST(Token, UnknownAppAndWrongSecretGive10014) {
  Emulator emu;
  Reply unknown = emu.raw_token({{"app_id", "cli_nobody"}, {"app_secret", "x"}});
  EXPECT_EQ(unknown.code(), 10014);
  EXPECT_EQ(unknown.body["msg"], "app id not exists");
  Reply wrong = emu.raw_token({{"app_id", "cli_demo_student_sync"}, {"app_secret", "nope"}});
  EXPECT_EQ(wrong.code(), 10014);
  EXPECT_EQ(wrong.status, 200);
}

TEST(Token, MissingOrPrefixlessAuthorizationGives99991661) {
  Emulator emu;
  Reply none = emu.call("GET", Emulator::table_path(kStudents, "/fields"), nullptr, "");
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(none.code(), 99991661);
  Reply bare = emu.call("GET", Emulator::table_path(kStudents, "/fields"), nullptr, emu.token());
  EXPECT_EQ(bare.code(), 99991661);
}

TEST(Token, ForgedTokenGives99991663EvenOnUnknownApp) {
  Emulator emu;
  // Authentication is checked before the app_token is looked at (PROBE P15).
  Reply r = emu.call("POST", "/open-apis/bitable/v1/apps/bascnNope/tables/tblNope/records/search", json::object(),
                     "Bearer t-forged");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.code(), 99991663);
}

TEST(Token, ShortLifetimeIsConfigurable) {
  auto o = Emulator::defaults();
  o.token_ttl_s = 5;
  Emulator emu(o);
  Reply r = emu.raw_token(kGood);
  EXPECT_EQ(r.body["expire"], 5);
}

}  // namespace
}  // namespace emulator_test
