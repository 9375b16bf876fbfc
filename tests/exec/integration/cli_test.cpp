// cli_test.cpp — the student-sync binary against the emulator: exit codes (0 success, 1 partial,
// 2 bad input, 3 unreachable / refused credentials), the report CSV, plan --json.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "emulator_process.h"

namespace ss::itest {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
};

CliRun run_cli(const std::string& args, const std::string& env = "") {
  // Demo credentials first, so `env` (e.g. a wrong secret) overrides them.
  const std::string cmd = "FEISHU_APP_ID=cli_demo_student_sync FEISHU_APP_SECRET=demo_secret_not_for_production " + env +
                          " " STUDENT_SYNC_BIN " " + args + " 2>/dev/null";
  CliRun r;
  std::FILE* p = popen(("env " + cmd).c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string direct_args(const EmulatorProcess& emu) {
  return "--base-url " + emu.base_url() + " --app-token " + kApp + " --students-table " + kStudents + " --records-table " + kRecords;
}

TEST(Cli, SyncsTheSampleWritesTheReportAndResyncsToNothing) {
  EmulatorProcess emu;
  const std::string report = ::testing::TempDir() + "exec_cli_report.csv";
  CliRun plan = run_cli("plan " SHARED_FIXTURES "/sample.csv --json " + direct_args(emu));
  ASSERT_EQ(plan.exit_code, 0) << plan.out;
  const json j = json::parse(plan.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << plan.out;
  EXPECT_EQ(j["students_to_create"].size(), 5u);
  EXPECT_EQ(j["records_to_create"].size(), 6u);
  EXPECT_EQ(j["skipped"].size(), 1u);
  EXPECT_EQ(j["api"]["snapshot_calls"], 2);

  CliRun sync = run_cli("sync " SHARED_FIXTURES "/sample.csv --seed 3 --report " + report + " " + direct_args(emu));
  EXPECT_EQ(sync.exit_code, 0) << sync.out;
  EXPECT_NE(sync.out.find("新增5位学员"), std::string::npos) << sync.out;
  std::ifstream in(report, std::ios::binary);
  std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("u_8d9e0f1a2b3c4_AsDfGh3456"), std::string::npos);
  EXPECT_NE(csv.find("已新增"), std::string::npos);
  EXPECT_EQ(emu.records(kStudents).size(), 5u);
  EXPECT_EQ(emu.records(kRecords).size(), 6u);

  CliRun again = run_cli("sync " SHARED_FIXTURES "/sample.csv --json " + direct_args(emu));
  EXPECT_EQ(again.exit_code, 0);
  const json r = json::parse(again.out, nullptr, false);
  ASSERT_TRUE(r.is_object()) << again.out;
  EXPECT_EQ(r["api"]["write_calls"], 0);
  EXPECT_EQ(emu.records(kRecords).size(), 6u);
}

TEST(Cli, RejectedRowsMakeAPartialFailure) {
  EmulatorProcess emu;
  CliRun r = run_cli("sync " SHARED_FIXTURES "/bad/bad_values.csv " + direct_args(emu));
  EXPECT_EQ(r.exit_code, 1) << r.out;
}

TEST(Cli, BadInputExitsWithTwo) {
  EXPECT_EQ(run_cli("plan /nonexistent/file.csv").exit_code, 2);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/bad/binary.csv").exit_code, 2);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/bad/missing_user_id_column.csv").exit_code, 2);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/sample.csv --no-such-flag x").exit_code, 2);
  EXPECT_EQ(run_cli("sync " SHARED_FIXTURES "/sample.csv").exit_code, 2);  // no connection given
  // No date column and no --date: stops before any call.
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/xiaoe_users_gbk.csv").exit_code, 2);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/xiaoe_users_gbk.csv --date 2024-03-01").exit_code, 0);
}

TEST(Cli, UnreachableOrRefusedExitsWithThree) {
  EmulatorProcess emu;
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/sample.csv --base-url http://127.0.0.1:1 --app-token a --students-table b --records-table c")
                .exit_code,
            3);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/sample.csv " + direct_args(emu), "FEISHU_APP_SECRET=wrong").exit_code, 3);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/sample.csv --base-url " + emu.base_url() +
                    " --app-token bascnNope --students-table x --records-table y --max-attempts 1")
                .exit_code,
            3);
}

}  // namespace
}  // namespace ss::itest

namespace ss::itest {
namespace {

// Proxy mode: sign in (cookie + CSRF), the run recorded in the proxy's audit, Feishu's answers unchanged.
TEST(Cli, SyncsThroughTheProxy) {
  EmulatorProcess emu;
  const std::string dir = ::testing::TempDir() + "exec_cli_proxy_" + std::to_string(getpid());
  ASSERT_EQ(std::system(("rm -rf " + dir + " && mkdir -p " + dir).c_str()), 0);
  std::ofstream(dir + "/proxy.json")
      << json{{"feishu_base_url", emu.base_url()}, {"app_token", kApp},
              {"tables", {{"students", {{"table_id", kStudents}}}, {"records", {{"table_id", kRecords}}}}},
              {"listen_port", 0}, {"static_root", "."}, {"data_dir", "data"}, {"env_file", ".env"}, {"password_iterations", 1000}}
             .dump();
  setenv("FEISHU_APP_ID", "cli_demo_student_sync", 1);
  setenv("FEISHU_APP_SECRET", "demo_secret_not_for_production", 1);
  Subprocess proxy({STUDENT_SYNC_PROXY_BIN, "serve", "--config", dir + "/proxy.json", "--demo"});
  std::string password;
  for (const auto& l : proxy.lines())
    if (l.rfind("demo password: ", 0) == 0) password = l.substr(15);
  ASSERT_FALSE(password.empty());
  const std::string args = " --proxy " + proxy.base_url() + " --user demo --password-env SS_TEST_PW";
  CliRun r = run_cli("sync " SHARED_FIXTURES "/sample.csv --json" + args, "SS_TEST_PW=" + password);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(emu.records(kStudents).size(), 5u);
  EXPECT_EQ(emu.records(kRecords).size(), 6u);
  EXPECT_EQ(run_cli("plan " SHARED_FIXTURES "/sample.csv" + args, "SS_TEST_PW=wrong").exit_code, 3);
  // The run is in the audit.
  httplib::Client cli("127.0.0.1", proxy.port());
  auto login = cli.Post("/api/login", json{{"username", "demo"}, {"password", password}}.dump(), "application/json");
  ASSERT_TRUE(login);
  const std::string cookie = login->get_header_value("Set-Cookie");
  auto runs = cli.Get("/api/runs", httplib::Headers{{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_TRUE(runs);
  EXPECT_NE(runs->body.find("sample.csv"), std::string::npos) << runs->body;
}

}  // namespace
}  // namespace ss::itest
