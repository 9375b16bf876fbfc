// main.cpp — student-sync-proxy: sub-commands, and every route the proxy exposes, in one screen.
//
//   student-sync-proxy [serve] --config F [--demo] [--port N]   serve the page and the API
//   student-sync-proxy --check --config F [--offline]            validate config, credentials, connection
//   student-sync-proxy user add|list|disable|enable|reset [NAME] --config F [--password-stdin]
//   student-sync-proxy setup-tables --config F                   create/complete the two tables
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "admin_commands.h"
#include "password_hash.h"
#include "proxy_app.h"

using namespace ssproxy;
using Req = httplib::Request;
using Res = httplib::Response;

namespace {

struct Args {
  std::string command = "serve", action, name, config;
  bool demo = false, offline = false, password_stdin = false, help = false;
  int port = -1;
};

void register_routes(httplib::Server& svr, ProxyApp& app) {
  using S = const Session&;
  svr.Get("/api/health", app.open([&](const Req& q, Res& r) { app.health(q, r); }));
  svr.Post("/api/login", app.open([&](const Req& q, Res& r) { app.login(q, r); }));
  svr.Post("/api/logout", app.staff([&](const Req& q, Res& r, S s) { app.logout(q, r, s); }));
  svr.Get("/api/session", app.open([&](const Req& q, Res& r) { app.session_info(q, r); }));
  svr.Get("/api/config", app.staff([&](const Req& q, Res& r, S s) { app.config_info(q, r, s); }));
  svr.Get("/api/check", app.staff([&](const Req& q, Res& r, S s) { app.check(q, r, s); }));
  svr.Get(R"(/api/tables/(students|records)/fields)",
          app.staff([&](const Req& q, Res& r, S s) { app.table_call(q, r, s); }));
  svr.Post(R"(/api/tables/(students|records)/records/(search|batch_create|batch_update|batch_delete))",
           app.staff([&](const Req& q, Res& r, S s) { app.table_call(q, r, s); }));
  svr.Post("/api/runs", app.staff([&](const Req& q, Res& r, S s) { app.run_start(q, r, s); }));
  svr.Post(R"(/api/runs/(\d+)/finish)", app.staff([&](const Req& q, Res& r, S s) { app.run_finish(q, r, s); }));
  svr.Get("/api/runs", app.staff([&](const Req& q, Res& r, S s) { app.runs_list(q, r, s); }));
  svr.Get(R"(/.*)", app.open([&](const Req& q, Res& r) { app.page_file(q, r); }));  // the page; /api/* → 404
}

int serve(const Args& args) {
  ConfigLoad load = load_config(args.config);
  CredentialsLoad creds = load.readable ? load_credentials(load.config.env_file) : CredentialsLoad{};
  std::vector<std::string> problems = load.problems;
  problems.insert(problems.end(), creds.problems.begin(), creds.problems.end());
  for (const auto& w : load.warnings) std::fprintf(stderr, "! %s\n", w.c_str());
  for (const auto& w : creds.warnings) std::fprintf(stderr, "! %s\n", w.c_str());
  for (const auto& w : table_id_problems(load.config)) std::fprintf(stderr, "! %s\n", w.c_str());
  for (const auto& p : problems) std::fprintf(stderr, "✗ %s\n", p.c_str());
  if (!problems.empty()) return 2;
  if (args.port >= 0) load.config.listen_port = args.port;
  std::string error;
  auto db = Database::open(load.config.database_path(), &error);
  if (!db) return std::fprintf(stderr, "✗ %s\n", error.c_str()), 2;
  ProxyApp app(load.config, creds.credentials, std::move(db));
  if (args.demo) {
    std::string password = generate_password();
    if (!app.accounts().exists("demo")) error = app.accounts().add("demo", password);
    else error = app.accounts().reset_password("demo", password) + app.accounts().set_disabled("demo", false);
    if (!error.empty()) return std::fprintf(stderr, "✗ %s\n", error.c_str()), 2;
    std::printf("demo account: demo\ndemo password: %s\n", password.c_str());
  }

  // SIGTERM/SIGINT are taken by a thread with sigwait (svr.stop() is not async-signal-safe).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  httplib::Server svr;
  app.configure(svr);
  register_routes(svr, app);
  const ProxyConfig& c = app.config();
  int port = c.listen_port == 0 ? svr.bind_to_any_port(c.listen_host) : c.listen_port;
  if (port <= 0 || (c.listen_port != 0 && !svr.bind_to_port(c.listen_host, port)))
    return std::fprintf(stderr, "✗ 无法监听 %s:%d（端口被占用或地址不对）。\n", c.listen_host.c_str(), c.listen_port), 2;
  std::thread stopper([&svr, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    svr.stop();
  });
  std::thread preloader([&app] { app.preload_page(); });
  std::printf("student-sync-proxy listening on http://%s:%d\n", c.listen_host.c_str(), port);
  std::fflush(stdout);
  svr.listen_after_bind();
  pthread_kill(stopper.native_handle(), SIGTERM);  // when listen ended for another reason
  stopper.join();
  preloader.join();
  std::fprintf(stderr, "student-sync-proxy stopped\n");
  return 0;
}

bool parse_args(int argc, char** argv, Args* a) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](std::string* out) { return i + 1 < argc ? (*out = argv[++i], true) : false; };
    std::string port;
    if (s == "--config") { if (!value(&a->config)) return false; }
    else if (s == "--port") {
      if (!value(&port) || port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
        return false;
      a->port = std::atoi(port.c_str());
    }
    else if (s == "--check") a->command = "check";
    else if (s == "--demo") a->demo = true;
    else if (s == "--offline") a->offline = true;
    else if (s == "--password-stdin") a->password_stdin = true;
    else if (s == "--help" || s == "-h") a->help = true;
    else if (!s.empty() && s[0] == '-') return false;
    else positional.push_back(s);
  }
  if (!positional.empty()) a->command = positional[0];
  if (positional.size() > 1) a->action = positional[1];
  if (positional.size() > 2) a->name = positional[2];
  return a->help || !a->config.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, &args) || args.help) {
    std::fputs("用法:\n"
               "  student-sync-proxy [serve] --config F [--demo] [--port N]\n"
               "  student-sync-proxy --check --config F [--offline]\n"
               "  student-sync-proxy user add|list|disable|enable|reset [NAME] --config F [--password-stdin]\n"
               "  student-sync-proxy setup-tables --config F\n"
               "App ID/Secret: 环境变量 FEISHU_APP_ID / FEISHU_APP_SECRET，或配置中 env_file 指向的 .env 文件。\n",
               args.help ? stdout : stderr);
    return args.help ? 0 : 2;
  }
  if (args.command == "serve") return serve(args);
  if (args.command == "check") return run_check_command(args.config, args.offline);
  if (args.command == "user") return run_user_command(args.action, args.name, args.config, args.password_stdin);
  if (args.command == "setup-tables") return run_setup_tables_command(args.config);
  std::fprintf(stderr, "✗ 未知命令 %s（--help 查看用法）\n", args.command.c_str());
  return 2;
}
