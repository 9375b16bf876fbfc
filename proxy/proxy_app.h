// proxy_app.h — the running proxy's state in one struct, and the app-facing handlers main.cpp registers.
//
// Implemented: [X] access guards wrapped around every handler at registration: open() for /api/health,
//                  /api/login and page files; staff() for the rest (session cookie, and for every
//                  state-changing method an Origin check and X-CSRF-Token). Guards run inside the handler,
//                  after cpp-httplib has read the body, so a refused request never leaves unread bytes
//                  on a kept-alive connection
//              [X] an exception handler that catches everything; JSON answers for 404/413/400
//              [X] security headers on every answer (CSP for a wasm app, nosniff, frame-ancestors,
//                  no-referrer)
//              [X] a deadline for each request to arrive in full (slow_client_guard.h)
//              [X] one log line per request: method, path (never the query), status, Feishu code,
//                  record count, duration. No bodies, cookies, tokens or phone numbers
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "accounts.h"
#include "audit_log.h"
#include "database.h"
#include "env_file.h"
#include "feishu_upstream.h"
#include "login_limiter.h"
#include "proxy_config.h"
#include "sessions.h"
#include "slow_client_guard.h"
#include "static_files.h"
#include "table_forwarding.h"

namespace ssproxy {

class ProxyApp {
 public:
  using Handler = httplib::Server::Handler;
  using StaffHandler = std::function<void(const httplib::Request&, httplib::Response&, const Session&)>;

  ProxyApp(ProxyConfig config, AppCredentials credentials, std::unique_ptr<Database> db);
  void configure(httplib::Server& svr);  // limits, headers, error/exception handlers, logging

  Handler open(Handler fn);
  Handler staff(StaffHandler fn);

  // Handlers (named for their routes in main.cpp).
  void health(const httplib::Request& req, httplib::Response& res);
  void login(const httplib::Request& req, httplib::Response& res);
  void logout(const httplib::Request& req, httplib::Response& res, const Session& s);
  void session_info(const httplib::Request& req, httplib::Response& res);
  void config_info(const httplib::Request& req, httplib::Response& res, const Session& s);
  void check(const httplib::Request& req, httplib::Response& res, const Session& s);
  void table_call(const httplib::Request& req, httplib::Response& res, const Session& s);
  void run_start(const httplib::Request& req, httplib::Response& res, const Session& s);
  void run_finish(const httplib::Request& req, httplib::Response& res, const Session& s);
  void runs_list(const httplib::Request& req, httplib::Response& res, const Session& s);
  void page_file(const httplib::Request& req, httplib::Response& res);

  const ProxyConfig& config() const { return config_; }
  void preload_page() { static_files_.preload(); }
  AccountStore& accounts() { return accounts_; }
  FeishuUpstream& upstream() { return upstream_; }

 private:
  ProxyConfig config_;
  std::unique_ptr<Database> db_;
  AccountStore accounts_;
  SessionStore sessions_;
  LoginLimiter limiter_;
  AuditLog audit_;
  FeishuUpstream upstream_;
  TableWriteQueue write_queue_;
  StaticFiles static_files_;
  SlowClientGuard slow_clients_;
};

}  // namespace ssproxy
