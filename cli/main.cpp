// main.cpp — student-sync: the sync engine from a terminal (issue 4, item 9).
//   plan FILE …  read the file and the tables, print the preview (text or --json)
//   sync FILE …  the same, then write it with a progress bar; --report out.csv (UTF-8 with BOM)
// Exit codes: 0 success, 1 some rows failed (validation or Feishu) or the run was cancelled,
//             2 bad input (file, mapping, schema, options), 3 cannot reach or sign in to Feishu/the proxy.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli_options.h"
#include "exec/retry_policy.h"
#include "http_transport.h"
#include "native_runner.h"
#include "pipeline/import_file.h"
#include "plan_output.h"
#include "progress_bar.h"
#include "proxy_session.h"
#include "steady_scheduler.h"
#include "tenant_token.h"

using namespace ss;

namespace {

constexpr int kExitOk = 0, kExitPartial = 1, kExitBadInput = 2, kExitUnreachable = 3;

std::atomic<bool> g_stop{false};  // set by SIGINT: finish the call on the wire, then stop

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "student-sync: %s\n", message.c_str());
  return code;
}

bool read_all(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

bool write_all(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out);
}

Result<nlohmann::json> read_json_file(const std::string& path, int code) {
  std::string text;
  if (!read_all(path, text)) return Error{code, "无法读取 " + path};
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Error{code, path + " 不是有效的 JSON"};
  return j;
}

struct Connection {
  std::unique_ptr<HttplibTransport> http;
  std::unique_ptr<TenantTokenTransport> token;  // direct mode
  std::unique_ptr<BitableRoutes> routes;
  Transport* transport = nullptr;
};

// Exit code 3 problems come back as Error{kExitUnreachable, …}.
Result<Connection> connect(const CliOptions& o) {
  Connection c;
  auto http = HttplibTransport::create(o.proxy_mode() ? o.proxy_url : o.base_url);
  if (!http.ok()) return Error{kExitBadInput, http.error().message};
  c.http = std::move(http.value());
  if (o.proxy_mode()) {
    const char* password = std::getenv(o.password_env.c_str());
    if (!password || !*password) return Error{kExitBadInput, "环境变量 " + o.password_env + " 里没有密码"};
    Status s = proxy_login(*c.http, o.user, password);
    if (!s.ok()) return Error{kExitUnreachable, s.error().message};
    c.routes = std::make_unique<ProxyRoutes>();
    c.transport = c.http.get();
    return c;
  }
  const char* app_id = std::getenv("FEISHU_APP_ID");
  const char* secret = std::getenv("FEISHU_APP_SECRET");
  if (!app_id || !*app_id || !secret || !*secret) return Error{kExitUnreachable, "请在环境变量 FEISHU_APP_ID / FEISHU_APP_SECRET 里提供应用凭证"};
  SteadyScheduler clock;
  c.token = std::make_unique<TenantTokenTransport>(*c.http, app_id, secret, [clock] { return clock.now_ms(); });
  TenantTokenTransport::Check check;
  c.token->check([&](TenantTokenTransport::Check r) { check = r; });
  if (!check.answered) return Error{kExitUnreachable, "无法连接 " + o.base_url + "：" + check.message};
  if (check.code != 0) return Error{kExitUnreachable, "飞书拒绝了应用凭证（" + std::to_string(check.code) + "）：" + check.message};
  c.routes = std::make_unique<DirectRoutes>(o.app_token, o.students_table, o.records_table);
  c.transport = c.token.get();
  return c;
}

nlohmann::json counts_json(const Plan& plan) {
  return {{"students_create", plan.student_creates.size()}, {"students_update", plan.student_updates.size()},
          {"records_create", plan.record_creates.size()}, {"skipped", plan.skipped.size()}, {"rejected", plan.rejected.size()}};
}

int run(const CliOptions& o) {
  std::string bytes;
  if (!read_all(o.file, bytes)) return fail(kExitBadInput, "无法读取文件 " + o.file);
  SyncSchema schema;
  if (!o.schema_file.empty()) {
    auto j = read_json_file(o.schema_file, kErrBadJson);
    if (!j.ok()) return fail(kExitBadInput, j.error().message);
    auto s = schema_from_json(*j);
    if (!s.ok()) return fail(kExitBadInput, s.error().message);
    schema = *s;
  }
  ColumnMapping mapping;
  if (!o.mapping_file.empty()) {
    auto j = read_json_file(o.mapping_file, kErrBadMapping);
    if (!j.ok()) return fail(kExitBadInput, j.error().message);
    auto m = mapping_from_json(*j);
    if (!m.ok()) return fail(kExitBadInput, m.error().message);
    mapping = *m;
  }
  if (!o.course.empty()) mapping.fixed_course = o.course;
  if (!o.date.empty()) mapping.fixed_date = o.date;
  // import_file takes the bytes over; they are needed again only for the proxy's audit hash.
  auto imported = o.proxy_mode() ? import_file(bytes, mapping, schema) : import_file(std::move(bytes), mapping, schema);
  if (!imported.ok()) return fail(kExitBadInput, imported.error().message);
  const ImportRows& rows = imported->rows;

  RetryPolicy policy;
  if (o.max_attempts > 0) policy.max_attempts = o.max_attempts;
  if (o.initial_delay_ms > 0) policy.initial_delay_ms = o.initial_delay_ms;
  const uint64_t seed = o.seed ? *o.seed : fresh_seed();

  Connection conn;
  Snapshot snapshot;
  std::optional<NativeFetch> fetched;
  if (o.has_connection()) {
    auto c = connect(o);
    if (!c.ok()) return fail(c.error().code, c.error().message);
    conn = std::move(c.value());
    auto f = fetch_snapshot_blocking(*conn.transport, *conn.routes, schema, rows, policy, seed);
    if (!f.ok()) {
      return fail(kExitUnreachable, "读取多维表格失败（" + std::to_string(f.error().code) + "）：" + f.error().message);
    }
    fetched = std::move(f.value());
    snapshot = fetched->fetched.snapshot;
  }
  const Plan plan = make_plan(rows, snapshot, schema, &imported->users);
  PreviewContext ctx{&rows, fetched ? &fetched->fetched.stats : nullptr, fetched ? fetched->calls.calls : 0};

  if (o.command == CliCommand::kPlan) {
    if (o.json) std::printf("%s\n", plan_to_json(plan, schema, ctx).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    else std::fputs(plan_to_text(plan, schema, ctx).c_str(), stdout);
    return kExitOk;
  }

  if (!o.json && !o.quiet) std::printf("计划：%s\n", plan_summary(plan).c_str());
  ExecutorOptions eo;
  eo.retry = policy;
  eo.seed = seed ^ 0x5bd1e995ULL;  // not the read's stream
  std::string run_id;
  if (o.proxy_mode()) {
    auto r = proxy_start_run(*conn.http, o.file.substr(o.file.find_last_of('/') + 1), bytes, counts_json(plan));
    if (!r.ok()) return fail(kExitUnreachable, r.error().message);
    run_id = *r;
    eo.headers.push_back({"X-Sync-Run", run_id});
  }
  std::signal(SIGINT, [](int) { g_stop = true; });
  ProgressBar bar(stderr, isatty(STDERR_FILENO) != 0);
  NativeExecution done = execute_blocking(
      plan, schema, *conn.routes, *conn.transport, eo, [&](const ExecProgress& p) { if (!o.quiet) bar.update(p); }, &g_stop);
  bar.finish();
  const SyncReport report = build_report(plan, &done.status);
  if (o.proxy_mode()) {
    auto achieved = sync_result_json(report, plan, done.summary, ctx.snapshot_calls)["counts"];
    Status s = proxy_finish_run(*conn.http, run_id, achieved);
    if (!s.ok()) std::fprintf(stderr, "student-sync: %s\n", s.error().message.c_str());
  }
  if (!o.report_file.empty() && !write_all(o.report_file, report_to_csv(report))) {
    std::fprintf(stderr, "student-sync: 无法写入报告 %s\n", o.report_file.c_str());
  }
  if (o.json) {
    std::printf("%s\n", sync_result_json(report, plan, done.summary, ctx.snapshot_calls).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    std::fputs(sync_result_text(report, plan, done.summary, ctx.snapshot_calls).c_str(), stdout);
  }
  const bool clean = done.summary.complete && !done.summary.cancelled && report.counts.failed == 0 && report.counts.pending == 0;
  return clean ? kExitOk : kExitPartial;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse_cli(argc, argv);
  if (!options.ok()) {
    std::fprintf(stderr, "student-sync: %s\n%s", options.error().message.c_str(), kCliUsage);
    return kExitBadInput;
  }
  if (options->command == CliCommand::kHelp) {
    std::fputs(kCliUsage, stdout);
    return kExitOk;
  }
  return run(*options);
}
