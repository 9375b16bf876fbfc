// proxy_app.cpp — see proxy_app.h.
#include "proxy_app.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <strings.h>
#include <ctime>
#include <mutex>

#include "connection_check.h"
#include "csrf.h"
#include "slow_client_guard.h"

namespace ssproxy {

using json = nlohmann::json;

namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";

// What the log line of the current request says besides method/path/status; handlers fill it in.
struct RequestLogNote {
  std::chrono::steady_clock::time_point started;
  std::optional<int64_t> feishu_code;
  int64_t records = -1;
};
thread_local RequestLogNote t_note;

std::mutex g_log_mutex;

std::string printable_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path.substr(0, 200)) out.push_back(c < 0x20 || c == 0x7F ? '?' : static_cast<char>(c));
  return out;
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
  SlowClientGuard::response_sent();  // httplib logs after writing the answer
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t_note.started)
                .count();
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::string extra;
  if (t_note.feishu_code) extra += " code=" + std::to_string(*t_note.feishu_code);
  if (t_note.records >= 0) extra += " records=" + std::to_string(t_note.records);
  std::lock_guard<std::mutex> lk(g_log_mutex);
  std::fprintf(stderr, "%s %s %s %d%s %lldms\n", stamp, req.method.c_str(), printable_path(req.path).c_str(), res.status,
               extra.c_str(), static_cast<long long>(ms));
  std::fflush(stderr);
}

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), kJsonType);
}

void send_error(httplib::Response& res, int status, const std::string& msg) {
  t_note.feishu_code = -status;
  send_json(res, status, json{{"code", -status}, {"msg", msg}});
}

void send_upstream(httplib::Response& res, const UpstreamResponse& r) {
  res.status = r.status;
  std::string content_type = kJsonType;
  for (const auto& h : r.headers) {
    if (strcasecmp(h.first.c_str(), "Content-Type") == 0) content_type = h.second;
    else res.set_header(h.first.c_str(), h.second);
  }
  res.set_content(r.body, content_type.c_str());
  t_note.feishu_code = r.code;
}

// Parses an untrusted JSON object body; false (and an answer sent) when it is not one.
bool parse_object(const httplib::Request& req, httplib::Response& res, json* out) {
  *out = json::parse(req.body, nullptr, false);
  if (out->is_discarded() || !out->is_object()) {
    send_error(res, 400, "请求体必须是 JSON 对象。");
    return false;
  }
  return true;
}

std::string string_field(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// The query string only: cpp-httplib also merges form-encoded bodies into req.params, and a body
// must never be mistaken for query parameters sent on to Feishu.
httplib::Params query_params(const std::string& target) {
  httplib::Params out;
  size_t q = target.find('?');
  if (q == std::string::npos) return out;
  std::string query = target.substr(q + 1);
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key = httplib::detail::decode_url(pair.substr(0, eq), true);
      std::string value = eq == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(eq + 1), true);
      out.emplace(key, value);
    }
    start = end + 1;
  }
  return out;
}

bool is_hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

ProxyApp::ProxyApp(ProxyConfig config, AppCredentials credentials, std::unique_ptr<Database> db)
    : config_(std::move(config)),
      db_(std::move(db)),
      accounts_(*db_, config_.password_iterations),
      sessions_(*db_, config_.session_hours),
      audit_(*db_),
      upstream_(config_.feishu_base_url, std::move(credentials), config_.upstream_timeout_seconds),
      static_files_(config_.static_root),
      // A request must arrive in full within the read timeout (30 s, below), not merely one byte per read.
      slow_clients_(std::chrono::seconds(30), std::chrono::seconds(CPPHTTPLIB_KEEPALIVE_TIMEOUT_SECOND)) {}

void ProxyApp::configure(httplib::Server& svr) {
  svr.new_task_queue = [this] { return slow_clients_.make_task_queue(16); };
  svr.set_payload_max_length(config_.max_body_bytes);
  svr.set_read_timeout(30);
  svr.set_write_timeout(30);
  svr.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  });
  svr.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_note = RequestLogNote{};
    t_note.started = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    SlowClientGuard::request_read();
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    {
      std::lock_guard<std::mutex> lk(g_log_mutex);
      std::fprintf(stderr, "internal error: %s\n", what.substr(0, 200).c_str());
    }
    res.headers.erase("Set-Cookie");
    send_error(res, 500, "代理内部错误，请稍后重试；若反复出现请联系管理员查看日志。");
  });
  size_t max_body = config_.max_body_bytes;
  svr.set_error_handler(httplib::Server::HandlerWithResponse([max_body](const httplib::Request&,
                                                                        httplib::Response& res) {
    SlowClientGuard::request_read();
    if (!res.body.empty() || res.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 413) {
      send_error(res, 413, "请求体太大：上限 " + std::to_string(max_body) + " 字节。");
    } else if (res.status == 404) {
      send_error(res, 404, "没有这个接口或文件。");
    } else if (res.status == 405 || res.status == 400) {
      send_error(res, res.status, "请求格式不对，或该地址不接受这种请求方法。");
    } else {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  svr.set_logger(log_request);
}

ProxyApp::Handler ProxyApp::open(Handler fn) {
  return [fn](const httplib::Request& req, httplib::Response& res) {
    SlowClientGuard::request_read();
    fn(req, res);
  };
}

ProxyApp::Handler ProxyApp::staff(StaffHandler fn) {
  return [this, fn](const httplib::Request& req, httplib::Response& res) {
    SlowClientGuard::request_read();
    std::optional<Session> s = sessions_.find(session_cookie_value(req.get_header_value("Cookie")));
    if (!s) return send_error(res, 401, "未登录或登录已过期，请重新登录。");
    if (is_state_changing(req.method)) {
      if (!origin_ok(req)) return send_error(res, 403, "请求来源与本站不符，已拒绝。");
      if (!csrf_token_ok(req, *s)) return send_error(res, 403, "缺少或错误的 X-CSRF-Token：请刷新页面后重试。");
    }
    fn(req, res, *s);
  };
}

void ProxyApp::health(const httplib::Request&, httplib::Response& res) { send_json(res, 200, json{{"ok", true}}); }

void ProxyApp::login(const httplib::Request& req, httplib::Response& res) {
  if (!is_json_content_type(req)) return send_error(res, 415, "登录请求必须是 application/json。");
  if (!origin_ok(req)) return send_error(res, 403, "请求来源与本站不符，已拒绝。");
  json body;
  if (!parse_object(req, res, &body)) return;
  std::string name = string_field(body, "username");
  std::string password = string_field(body, "password");
  if (name.empty() || password.empty() || name.size() > 64 || password.size() > 1024)
    return send_error(res, 400, "请填写账号和密码。");
  int64_t wait = limiter_.retry_after(name, req.remote_addr);
  if (wait > 0) {
    res.set_header("Retry-After", std::to_string(wait));
    return send_error(res, 429, "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试。");
  }
  SignInResult r = accounts_.check(name, password);
  if (r == SignInResult::Disabled) return send_error(res, 403, "该账号已停用，请联系管理员。");
  if (r != SignInResult::Ok) {
    limiter_.record_failure(name, req.remote_addr);
    return send_error(res, 401, "账号或密码不正确。");
  }
  limiter_.record_success(name);
  NewSession ns = sessions_.create(name);
  res.set_header("Set-Cookie", session_set_cookie(ns.id, sessions_.lifetime_seconds(), config_.cookie_secure));
  res.set_header("Cache-Control", "no-store");
  send_json(res, 200, json{{"user", {{"name", name}}}, {"csrf_token", ns.session.csrf_token}});
}

void ProxyApp::logout(const httplib::Request& req, httplib::Response& res, const Session&) {
  sessions_.remove(session_cookie_value(req.get_header_value("Cookie")));
  res.set_header("Set-Cookie", session_clear_cookie(config_.cookie_secure));
  send_json(res, 200, json{{"ok", true}});
}

// Open to everyone: the page asks on every load whether it is signed in, and "no" is an answer
// (user null), not an error that would fill the browser console.
void ProxyApp::session_info(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  std::optional<Session> s = sessions_.find(session_cookie_value(req.get_header_value("Cookie")));
  if (!s) return send_json(res, 200, json{{"user", nullptr}});
  send_json(res, 200, json{{"user", {{"name", s->account}}}, {"csrf_token", s->csrf_token}, {"expires_at", s->expires_at}});
}

void ProxyApp::config_info(const httplib::Request&, httplib::Response& res, const Session&) {
  json tables = json::object();
  for (const TableConfig* t : {&config_.students, &config_.records})
    tables[t->key] = json{{"name", t->display_name}, {"fields", t->fields}, {"configured", !t->table_id.empty()}};
  send_json(res, 200, json{{"tables", tables}, {"time_zone", config_.time_zone}});
}

void ProxyApp::check(const httplib::Request&, httplib::Response& res, const Session&) {
  send_json(res, 200, run_connection_check(config_, upstream_).to_json());
}

void ProxyApp::table_call(const httplib::Request& req, httplib::Response& res, const Session& s) {
  ForwardRequest fr;
  fr.table_key = req.matches[1];
  fr.operation = req.matches.size() > 2 && req.matches[2].matched ? req.matches[2].str() : "fields";
  fr.query = query_params(req.target);
  fr.body = req.body;
  fr.account = s.account;
  if (is_write_operation(fr.operation) && req.has_header("X-Sync-Run")) {
    std::string run = req.get_header_value("X-Sync-Run");
    bool digits = !run.empty() && run.size() < 19 && run.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || !audit_.run_owned_by(std::stoll(run), s.account))
      return send_error(res, 400, "X-Sync-Run 不是你开始的同步批次：请先 POST /api/runs。");
    fr.run_id = std::stoll(run);
  }
  ForwardContext ctx{config_, upstream_, write_queue_, audit_};
  int64_t records = -1;
  UpstreamResponse r = forward_table_call(ctx, fr, &records);
  t_note.records = records;
  send_upstream(res, r);
}

void ProxyApp::run_start(const httplib::Request& req, httplib::Response& res, const Session& s) {
  json body;
  if (!parse_object(req, res, &body)) return;
  std::string file_name = string_field(body, "file_name");
  std::string sha = string_field(body, "file_sha256");
  if (file_name.empty() || file_name.size() > 255) return send_error(res, 400, "file_name 必须是 1–255 字节的字符串。");
  if (!is_hex64(sha)) return send_error(res, 400, "file_sha256 必须是 64 位十六进制字符串。");
  if (!body.contains("planned") || !body["planned"].is_object()) return send_error(res, 400, "planned 必须是对象。");
  int64_t id = audit_.start_run(s.account, file_name, sha, body["planned"]);
  send_json(res, 200, json{{"run_id", std::to_string(id)}});
}

void ProxyApp::run_finish(const httplib::Request& req, httplib::Response& res, const Session& s) {
  json body;
  if (!parse_object(req, res, &body)) return;
  if (!body.contains("achieved") || !body["achieved"].is_object()) return send_error(res, 400, "achieved 必须是对象。");
  std::string id = req.matches[1];
  if (id.size() > 18 || !audit_.finish_run(std::stoll(id), s.account, body["achieved"]))
    return send_error(res, 404, "没有这个同步批次，或它不是你开始的。");
  send_json(res, 200, json{{"ok", true}});
}

void ProxyApp::runs_list(const httplib::Request& req, httplib::Response& res, const Session&) {
  int limit = 100;
  if (req.has_param("limit")) {
    std::string v = req.get_param_value("limit");
    if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos)
      return send_error(res, 400, "limit 应为 1–500 的整数。");
    limit = std::max(1, std::min(500, std::stoi(v)));
  }
  send_json(res, 200, audit_.list_runs(limit));
}

void ProxyApp::page_file(const httplib::Request& req, httplib::Response& res) {
  if (req.path.compare(0, 5, "/api/") == 0 || req.path == "/api") return send_error(res, 404, "没有这个接口。");
  if (!static_files_.serve(req, res)) send_error(res, 404, "没有这个文件。");
}

}  // namespace ssproxy
