// retry_policy_test.cpp — classification by JSON code (not HTTP status), routes, UUIDs.
#include <set>

#include <gtest/gtest.h>

#include "exec/bitable_routes.h"
#include "exec/random.h"
#include "exec/retry_policy.h"

namespace ss {
namespace {

HttpResponse answer(int status, const std::string& body, std::vector<HttpHeader> h = {}) {
  HttpResponse r;
  r.status = status;
  r.body = body;
  r.headers = std::move(h);
  return r;
}

TEST(RetryPolicy, DecidesByTheJsonCodeNotTheHttpStatus) {
  EXPECT_EQ(classify_response(answer(200, R"({"code":0,"data":{"x":1}})")).verdict, Verdict::kSuccess);
  EXPECT_EQ(classify_response(answer(200, R"({"code":0,"data":{"x":1}})")).data["x"], 1);
  EXPECT_EQ(classify_response(answer(200, R"({"code":1254045,"msg":"FieldNameNotFound"})")).verdict, Verdict::kFail);
  EXPECT_EQ(classify_response(answer(400, R"({"code":1254291,"msg":"Write conflict"})")).verdict, Verdict::kRetry);
  EXPECT_EQ(classify_response(answer(500, R"({"code":1254045,"msg":"x"})")).verdict, Verdict::kFail);
  EXPECT_EQ(classify_response(answer(400, R"({"code":99991663,"msg":"x"})")).verdict, Verdict::kRenewToken);
  EXPECT_EQ(classify_response(answer(400, R"({"code":99991661,"msg":"x"})")).verdict, Verdict::kRenewToken);
  EXPECT_EQ(classify_response(answer(400, R"({"code":1255006,"msg":"x"})")).verdict, Verdict::kClientTokenConflict);
  EXPECT_EQ(classify_response(answer(403, R"({"code":1254302,"msg":"x"})")).verdict, Verdict::kFail);
}

TEST(RetryPolicy, RetryableCodesAreTheDocumentedOnes) {
  for (int c : {99991400, 1254290, 1254291, 1254607, 1255001, 1255002, 1255003, 1255004, 1255005, 1255040}) {
    EXPECT_TRUE(is_retryable_code(c)) << c;
  }
  for (int c : {0, 1254000, 1254045, 1254072, 1254104, 1254302, 1255006, 10003}) EXPECT_FALSE(is_retryable_code(c)) << c;
}

TEST(RetryPolicy, NoAnswerAndPlainText5xxAreRetriedAndMayHaveBeenApplied) {
  HttpResponse none;
  none.transport_error = "Connection refused";
  const Classified a = classify_response(none);
  EXPECT_EQ(a.verdict, Verdict::kRetry);
  EXPECT_EQ(a.code, kErrNoAnswer);
  EXPECT_TRUE(a.maybe_applied);
  EXPECT_NE(a.message.find("Connection refused"), std::string::npos);
  const Classified b = classify_response(answer(502, "<html>Bad Gateway</html>"));
  EXPECT_EQ(b.verdict, Verdict::kRetry);
  EXPECT_EQ(b.code, kErrHttpStatus);
  EXPECT_EQ(classify_response(answer(404, "404 page not found")).verdict, Verdict::kFail);
  EXPECT_FALSE(classify_response(answer(400, R"({"code":1254291,"msg":"x"})")).maybe_applied);
  EXPECT_EQ(classify_response(answer(502, R"({"code":-502,"msg":"飞书无法连接"})")).verdict, Verdict::kRetry);
  EXPECT_EQ(classify_response(answer(401, R"({"code":-401,"msg":"未登录"})")).verdict, Verdict::kFail);
}

TEST(RetryPolicy, ReadsTheRateLimitResetHeader) {
  const Classified c = classify_response(answer(429, R"({"code":99991400,"msg":"limit"})", {{"X-Ogw-Ratelimit-Reset", "2"}}));
  EXPECT_EQ(c.verdict, Verdict::kRetry);
  EXPECT_EQ(c.retry_after_ms, 2000);
  Rng rng(1);
  RetryPolicy p;
  const int64_t d = backoff_delay_ms(p, 1, c.retry_after_ms, rng);
  EXPECT_GE(d, 2000);
  EXPECT_LE(d, 2000 + p.initial_delay_ms / 4 + 1);
}

TEST(RetryPolicy, BackoffDoublesUpToTheCapWithEqualJitter) {
  Rng rng(9);
  RetryPolicy p;
  p.initial_delay_ms = 100;
  p.max_delay_ms = 1000;
  for (int attempt = 1; attempt <= 8; ++attempt) {
    const int64_t full = std::min<int64_t>(100LL << (attempt - 1), 1000);
    for (int i = 0; i < 50; ++i) {
      const int64_t d = backoff_delay_ms(p, attempt, -1, rng);
      EXPECT_GE(d, full / 2);
      EXPECT_LE(d, full);
    }
  }
}

TEST(Random, UuidV4IsWellFormedUniqueAndSeeded) {
  Rng a(5), b(5);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string u = make_uuid_v4(a);
    ASSERT_EQ(u.size(), 36u);
    EXPECT_EQ(u[8], '-');
    EXPECT_EQ(u[13], '-');
    EXPECT_EQ(u[14], '4');
    EXPECT_EQ(u[18], '-');
    EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
    EXPECT_EQ(u[23], '-');
    EXPECT_EQ(u, make_uuid_v4(b));
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(BitableRoutes, ProxyAndDirectPaths) {
  ProxyRoutes proxy;
  EXPECT_EQ(proxy.path(TableKind::kStudents, BitableOp::kSearch, "?page_size=500"),
            "/api/tables/students/records/search?page_size=500");
  EXPECT_EQ(proxy.path(TableKind::kRecords, BitableOp::kBatchCreate, "?client_token=x"),
            "/api/tables/records/records/batch_create?client_token=x");
  EXPECT_EQ(proxy.path(TableKind::kStudents, BitableOp::kListFields), "/api/tables/students/fields");
  DirectRoutes direct("bascnX", "tblS", "tblR");
  EXPECT_EQ(direct.path(TableKind::kRecords, BitableOp::kBatchUpdate),
            "/open-apis/bitable/v1/apps/bascnX/tables/tblR/records/batch_update");
  EXPECT_EQ(direct.path(TableKind::kStudents, BitableOp::kSearch, "?page_size=1"),
            "/open-apis/bitable/v1/apps/bascnX/tables/tblS/records/search?page_size=1");
}

}  // namespace
}  // namespace ss
