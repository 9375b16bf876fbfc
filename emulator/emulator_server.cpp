// emulator_server.cpp: routes and the per-call pipeline. See emulator_server.h for the capability list.
#include "emulator_server.h"

#include "base_store.h"
#include "call_stats.h"
#include "rate_limiter.h"
#include "token_issuer.h"
#include "write_lock.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace feishu_emulator {
namespace {

constexpr const char* kApps = "/open-apis/bitable/v1/apps/([^/]+)";
constexpr const char* kTable = "/open-apis/bitable/v1/apps/([^/]+)/tables/([^/]+)";

enum class Access { kRead, kWrite, kSchemaWrite };

struct Endpoint {
  const char* name;
  Access access;
  bool client_token = false;  // accepts ?client_token= (create, batch_create)
};

// What a handler gets: path parts, parsed body and paging parameters.
struct Call {
  std::string app_token, table_id, record_id;
  json body = json::object();
  int page_size = 20;
  std::string page_token;
};

using Handler = std::function<Expected<json>(BaseStore&, const Call&)>;

int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Single-record endpoints reuse the batch operations and unwrap their one record (§3.4–3.6).
Expected<json> create_one(BaseStore& st, const Call& c) {
  auto r = st.create_records(c.app_token, c.table_id, json::array({{{"fields", c.body.value("fields", json::object())}}}));
  if (!r.ok()) return r.error();
  return json{{"record", r.value()["records"][0]}};
}

Expected<json> update_one(BaseStore& st, const Call& c) {
  auto r = st.update_records(c.app_token, c.table_id,
                             json::array({{{"record_id", c.record_id}, {"fields", c.body.value("fields", json::object())}}}));
  if (!r.ok()) return r.error();
  return json{{"record", r.value()["records"][0]}};
}

Expected<json> delete_one(BaseStore& st, const Call& c) {
  auto r = st.delete_records(c.app_token, c.table_id, json::array({c.record_id}));
  if (!r.ok()) return r.error();
  return r.value()["records"][0];
}

}  // namespace

struct EmulatorServer::Impl {
  EmulatorOptions options;
  BaseStore store;
  TokenIssuer tokens;
  RateLimiter limiter;
  WriteLock write_lock;
  FaultInjector faults;
  ClientTokens client_tokens;
  CallStats stats;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex jitter_mu;
  std::mt19937_64 jitter_rng;
  std::atomic<uint64_t> log_seq{0};

  explicit Impl(EmulatorOptions o)
      : options(with_clock(std::move(o))),
        store(StoreOptions{parse_time_zone(options.time_zone).value_or(TimeZone{}), options.max_batch, options.now_ms}),
        tokens(TokenOptions{options.app_id, options.app_secret, options.token_ttl_s, options.token_renew_below_s,
                            options.now_ms}),
        faults(FaultOptions{options.fault_rate, options.fault_seed, options.fault_kinds}),
        client_tokens(options.client_token_mode),
        jitter_rng(options.fault_seed ^ 0x9e3779b97f4a7c15ULL) {}

  static EmulatorOptions with_clock(EmulatorOptions o) {
    if (!o.now_ms) o.now_ms = system_now_ms;
    return o;  // an unknown time zone is reported by start()
  }

  std::string new_log_id() {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld%08llu", static_cast<long long>(options.now_ms()),
                  static_cast<unsigned long long>(++log_seq));
    return buf;
  }

  void sleep_latency() {
    int ms = options.latency_ms;
    if (options.jitter_ms > 0) {
      std::lock_guard<std::mutex> lock(jitter_mu);
      ms += static_cast<int>(jitter_rng() % static_cast<uint64_t>(options.jitter_ms + 1));
    }
    if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  }

  void send(httplib::Response& res, int status, const json& body, const std::string& log_id) {
    res.status = status;
    res.set_header("X-Tt-Logid", log_id);
    res.set_content(dump(body), "application/json; charset=utf-8");
  }

  void send_error(httplib::Response& res, const Endpoint& ep, const ApiError& e, const std::string& log_id) {
    if (e.code == 99991400) {  // rate limited: the documented headers (§6.2, §11.9)
      res.set_header("x-ogw-ratelimit-limit", std::to_string(limit_for(ep.access)));
      res.set_header("x-ogw-ratelimit-reset", "1");
    }
    send(res, e.http_status, error_envelope(e, log_id), log_id);
    stats.answered(ep.name, std::to_string(e.code));
  }

  // Ends the exchange without a complete answer: the headers go out, the promised body never does,
  // and the connection closes. Clients see a read error / "socket hang up".
  void drop(httplib::Response& res, const Endpoint& ep) {
    res.set_content_provider(64, "application/json", [](size_t, size_t, httplib::DataSink&) { return false; });
    stats.answered(ep.name, "dropped");
  }

  int limit_for(Access a) const {
    if (a == Access::kRead) return options.read_rps;
    // Table and field creation are 10/s in the docs (§6.2); 0 still disables limiting.
    if (a == Access::kSchemaWrite) return options.write_rps == 0 ? 0 : std::min(10, options.write_rps);
    return options.write_rps;
  }

  void admin(httplib::Response& res, const Expected<json>& data) {
    if (data.ok()) send(res, 200, data.value(), new_log_id());
    else send(res, data.error().http_status, error_envelope(data.error(), new_log_id()), new_log_id());
  }

  void serve(const httplib::Request& req, httplib::Response& res, const Endpoint& ep, const Handler& handler);
  void serve_token(const httplib::Request& req, httplib::Response& res);
  void register_routes();
};

void EmulatorServer::Impl::serve(const httplib::Request& req, httplib::Response& res, const Endpoint& ep,
                                 const Handler& handler) {
  stats.arrived(ep.name);
  const std::string log_id = new_log_id();
  // 1. Authentication comes before anything else, even before the app_token is looked at (PROBE P15).
  auto app_id = tokens.check(req.get_header_value("Authorization"));
  if (!app_id.ok()) return send_error(res, ep, app_id.error(), log_id);
  // 2. Rate limit per app and endpoint.
  const auto verdict = limiter.admit(app_id.value() + " " + ep.name, limit_for(ep.access));
  if (!verdict.allowed) return send_error(res, ep, err_rate_limited(), log_id);
  // 3. Injected faults that answer before anything is applied.
  const FaultKind fault = faults.next(ep.name);
  switch (fault) {
    case FaultKind::kRateLimit: return send_error(res, ep, err_rate_limited(), log_id);
    case FaultKind::kWriteConflict: return send_error(res, ep, err_write_conflict("injected fault"), log_id);
    case FaultKind::kDataNotReady: return send_error(res, ep, err_data_not_ready("injected fault"), log_id);
    case FaultKind::kInternal: return send_error(res, ep, err_internal("injected fault"), log_id);
    case FaultKind::kHttp500:
      res.status = 500;
      res.set_content("500 Internal Server Error", "text/plain");
      return stats.answered(ep.name, "http500");
    case FaultKind::kDrop: return drop(res, ep);
    default: break;
  }
  // 4. The request itself.
  Call call;
  call.app_token = req.matches.size() > 1 ? req.matches[1].str() : "";
  call.table_id = req.matches.size() > 2 ? req.matches[2].str() : "";
  call.record_id = req.matches.size() > 3 ? req.matches[3].str() : "";
  if (req.has_param("page_size")) {
    const std::string ps = req.get_param_value("page_size");
    char* end = nullptr;
    const long v = std::strtol(ps.c_str(), &end, 10);
    if (ps.empty() || *end != '\0' || v > 100000 || v < -100000)
      return send_error(res, ep, err_req_conv("page_size must be an integer"), log_id);
    call.page_size = static_cast<int>(v);
  }
  call.page_token = req.get_param_value("page_token");
  if ((req.method == "POST" || req.method == "PUT") && !req.body.empty()) {
    // Later handling (validation messages, dump) recurses; a body nested deeper than any real request
    // would exhaust a worker thread's stack, so it is refused as malformed.
    bool too_deep = false;
    call.body = json::parse(req.body, [&](int depth, json::parse_event_t, json&) {
      too_deep = too_deep || depth > 64;
      return true;
    }, false);
    if (call.body.is_discarded() || too_deep)
      return send_error(res, ep, err_wrong_json("request body is not valid JSON (or nested too deeply)"), log_id);
    if (!call.body.is_object()) return send_error(res, ep, err_wrong_body("request body must be a JSON object"), log_id);
  }
  // 5. client_token: format, then replay/conflict (§ Decisions).
  std::string ct_key;
  if (ep.client_token && req.has_param("client_token")) {
    const std::string ct = req.get_param_value("client_token");
    if (!is_uuid_v4(ct)) return send_error(res, ep, err_client_token("client_token must be a UUIDv4, got '" + ct + "'"), log_id);
    ct_key = call.app_token + " " + ct;
    const auto begun = client_tokens.begin(ct_key, std::string(ep.name) + " " + call.table_id + " " + dump(call.body));
    switch (begun.state) {
      case ClientTokens::State::kReplay:
        sleep_latency();
        send(res, 200, begun.response, log_id);
        return stats.answered(ep.name, "0");
      case ClientTokens::State::kConflict:
        return send_error(res, ep, err_client_token_conflict("client_token already used; generate a new one"), log_id);
      case ClientTokens::State::kInFlight:
        return send_error(res, ep, err_recommitted("the same request is still being processed"), log_id);
      default: break;
    }
  }
  // 6. Writes hold the table's write lock for their whole duration, latency included, so an
  //    overlapping write to the same table is refused with 1254291 rather than queued (§6.3).
  std::optional<WriteLock::Guard> guard;
  if (ep.access != Access::kRead) {
    guard.emplace(write_lock.try_acquire(call.app_token + "/" + call.table_id));
    if (!guard->held()) {
      if (!ct_key.empty()) client_tokens.abandon(ct_key);
      return send_error(res, ep, err_write_conflict("another write to this table is in progress"), log_id);
    }
  }
  sleep_latency();
  Expected<json> data = handler(store, call);
  if (!data.ok()) {
    if (!ct_key.empty()) client_tokens.abandon(ct_key);
    return send_error(res, ep, data.error(), log_id);
  }
  const json body = success_envelope(std::move(data.value()));
  if (!ct_key.empty()) client_tokens.finish(ct_key, body);
  // 7. The nastiest fault: applied (and remembered under its client_token), but the answer is lost.
  if (fault == FaultKind::kLostResponse) return drop(res, ep);
  send(res, 200, body, log_id);
  stats.answered(ep.name, "0");
}

void EmulatorServer::Impl::serve_token(const httplib::Request& req, httplib::Response& res) {
  stats.arrived("token");
  sleep_latency();
  const json body = tokens.issue(req.body);
  // The token endpoint answers HTTP 200 even on failure (§1.2).
  send(res, 200, body, new_log_id());
  stats.answered("token", std::to_string(body.value("code", -1)));
}

void EmulatorServer::Impl::register_routes() {
  using S = BaseStore;
  using Q = httplib::Request;
  using R = httplib::Response;
  auto route = [this](const Endpoint& ep, Handler h) {
    return [this, ep, h](const Q& q, R& r) { serve(q, r, ep, h); };
  };
  const std::string apps = kApps, table = kTable;
  auto& s = server;
  s.Post("/open-apis/auth/v3/tenant_access_token/internal", [this](const Q& q, R& r) { serve_token(q, r); });
  s.Get(apps + "/tables", route({"tables.list", Access::kRead},
        [](S& st, const Call& c) { return st.list_tables(c.app_token, c.page_size, c.page_token); }));
  s.Post(apps + "/tables", route({"tables.create", Access::kSchemaWrite},
        [](S& st, const Call& c) { return st.create_table(c.app_token, c.body); }));
  s.Get(table + "/fields", route({"fields.list", Access::kRead},
        [](S& st, const Call& c) { return st.list_fields(c.app_token, c.table_id, c.page_size, c.page_token); }));
  s.Post(table + "/fields", route({"fields.create", Access::kSchemaWrite},
        [](S& st, const Call& c) { return st.create_field(c.app_token, c.table_id, c.body); }));
  s.Post(table + "/records/search", route({"records.search", Access::kRead},
        [](S& st, const Call& c) { return st.search(c.app_token, c.table_id, c.body, c.page_size, c.page_token); }));
  s.Post(table + "/records/batch_get", route({"records.batch_get", Access::kRead},
        [](S& st, const Call& c) { return st.batch_get(c.app_token, c.table_id, c.body); }));
  s.Post(table + "/records/batch_create", route({"records.batch_create", Access::kWrite, true},
        [](S& st, const Call& c) { return st.create_records(c.app_token, c.table_id, c.body.value("records", json())); }));
  s.Post(table + "/records/batch_update", route({"records.batch_update", Access::kWrite},
        [](S& st, const Call& c) { return st.update_records(c.app_token, c.table_id, c.body.value("records", json())); }));
  s.Post(table + "/records/batch_delete", route({"records.batch_delete", Access::kWrite},
        [](S& st, const Call& c) { return st.delete_records(c.app_token, c.table_id, c.body.value("records", json())); }));
  s.Post(table + "/records", route({"records.create", Access::kWrite, true}, create_one));
  s.Put(table + "/records/([^/]+)", route({"records.update", Access::kWrite}, update_one));
  s.Delete(table + "/records/([^/]+)", route({"records.delete", Access::kWrite}, delete_one));
  // Admin routes: not part of Feishu; no token, no faults, no limits, not counted.
  s.Get("/__admin/apps/([^/]+)/tables", [this](const Q& q, R& r) { admin(r, store.admin_tables(q.matches[1])); });
  s.Get("/__admin/apps/([^/]+)/tables/([^/]+)/records",
        [this](const Q& q, R& r) { admin(r, store.admin_records(q.matches[1], q.matches[2])); });
  s.Get("/__admin/stats", [this](const Q&, R& r) { admin(r, json{{"stats", stats.snapshot()}, {"faults", faults.stats()}}); });
  s.Post("/__admin/stats/reset", [this](const Q&, R& r) { stats.reset(); faults.reset_stats(); admin(r, json::object()); });
}

EmulatorServer::EmulatorServer(EmulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

EmulatorServer::~EmulatorServer() { stop(); }

int EmulatorServer::port() const { return impl_->port; }

Expected<int> EmulatorServer::start() {
  Impl& m = *impl_;
  const EmulatorOptions& o = m.options;
  if (!parse_time_zone(o.time_zone)) return err_wrong_body("unsupported time zone '" + o.time_zone + "'");
  if (!o.db_file.empty()) {
    auto r = m.store.attach_database(o.db_file);
    if (!r.ok()) return r.error();
  }
  if (!o.base_file.empty()) {
    std::ifstream in(o.base_file, std::ios::binary);
    if (!in) return err_wrong_body("cannot read base file " + o.base_file);
    std::stringstream ss;
    ss << in.rdbuf();
    const json doc = json::parse(ss.str(), nullptr, false);
    if (doc.is_discarded()) return err_wrong_json("base file " + o.base_file + " is not valid JSON");
    auto r = m.store.load_base_file(doc);
    if (!r.ok()) return ApiError{r.error().http_status, r.error().code, r.error().msg,
                                 "base file " + o.base_file + ": " + r.error().message};
  }
  const int threads = o.threads;
  m.server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  m.server.set_payload_max_length(64 * 1024 * 1024);  // a 500-record batch is far below this
  m.server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    // Unknown path or method: Feishu's gateway answers a plain-text 404 (PROBE P03, P20).
    if (res.status == 404 && res.body.empty()) {
      res.set_content("404 page not found", "text/plain; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }));
  m.server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    // A stray exception must not take the server down (cpp-httplib README); answer it as Feishu's 1255001.
    res.status = 500;
    res.set_content(dump(error_envelope(err_internal("unexpected exception"), "0")), "application/json");
  });
  m.register_routes();
  m.port = o.port == 0 ? m.server.bind_to_any_port(o.host) : (m.server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (m.port <= 0) return err_internal("cannot listen on " + o.host + ":" + std::to_string(o.port));
  m.thread = std::thread([&m] { m.server.listen_after_bind(); });
  return m.port;
}

void EmulatorServer::stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace feishu_emulator
