// feishu_upstream.cpp — see feishu_upstream.h.
#include "feishu_upstream.h"

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <cctype>

namespace ssproxy {

using json = nlohmann::json;

namespace {
constexpr const char* kTokenPath = "/open-apis/auth/v3/tenant_access_token/internal";
constexpr const char* kJsonType = "application/json; charset=utf-8";

std::optional<int64_t> json_code(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("code") || !j["code"].is_number_integer()) return std::nullopt;
  return j["code"].get<int64_t>();
}

bool passes_through(const std::string& name) {
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower.compare(0, 16, "x-ogw-ratelimit-") == 0 || lower == "content-type" || lower == "x-tt-logid";
}

void configure(httplib::Client& cli, int timeout_seconds) {
  cli.set_connection_timeout(10);
  cli.set_read_timeout(timeout_seconds);
  cli.set_write_timeout(timeout_seconds);
  cli.set_follow_location(false);
  cli.enable_server_certificate_verification(true);
  struct stat st {};
  if (stat("/etc/ssl/certs/ca-certificates.crt", &st) == 0) cli.set_ca_cert_path("/etc/ssl/certs/ca-certificates.crt");
}
}  // namespace

UpstreamResponse proxy_error(int http_status, int64_t code, const std::string& msg) {
  UpstreamResponse r;
  r.status = http_status;
  r.code = code;
  r.body = json{{"code", code}, {"msg", msg}}.dump(-1, ' ', false, json::error_handler_t::replace);
  r.headers.emplace_back("Content-Type", kJsonType);
  return r;
}

FeishuUpstream::FeishuUpstream(std::string base_url, AppCredentials credentials, int timeout_seconds)
    : base_url_(std::move(base_url)),
      credentials_(std::move(credentials)),
      timeout_seconds_(timeout_seconds),
      tokens_([this] { return fetch_token(); }) {}

TokenResult FeishuUpstream::fetch_token() {
  TokenResult out;
  httplib::Client cli(base_url_);
  configure(cli, timeout_seconds_);
  json body = {{"app_id", credentials_.app_id}, {"app_secret", credentials_.app_secret}};
  auto res = cli.Post(kTokenPath, body.dump(), kJsonType);
  if (!res) {
    out.code = -502;
    out.msg = "飞书服务不可达（" + httplib::to_string(res.error()) + "）";
    return out;
  }
  out.http_status = res->status;
  json j = json::parse(res->body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    out.code = -502;
    out.msg = "令牌接口返回了非 JSON 内容（HTTP " + std::to_string(res->status) + "）";
    return out;
  }
  out.code = j.value("code", static_cast<int64_t>(-502));
  out.msg = j.contains("msg") && j["msg"].is_string() ? j["msg"].get<std::string>() : "";
  if (out.code == 0 && j.contains("tenant_access_token") && j["tenant_access_token"].is_string() &&
      j.contains("expire") && j["expire"].is_number_integer()) {
    out.ok = true;
    out.token = j["tenant_access_token"].get<std::string>();
    out.expire_seconds = j["expire"].get<int64_t>();
  } else if (out.code == 0) {
    out.code = -502;
    out.msg = "令牌接口的回答缺少 tenant_access_token 或 expire";
  }
  return out;
}

UpstreamResponse FeishuUpstream::send(const std::string& method, const std::string& path, const std::string& body,
                                      const std::string& token) {
  httplib::Client cli(base_url_);
  configure(cli, timeout_seconds_);
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  httplib::Result res = method == "GET" ? cli.Get(path.c_str(), headers)
                                        : cli.Post(path.c_str(), headers, body, kJsonType);
  if (!res) {
    UpstreamResponse r = proxy_error(502, -502, "飞书服务不可达（" + httplib::to_string(res.error()) + "）");
    r.transport_error = httplib::to_string(res.error());
    return r;
  }
  UpstreamResponse r;
  r.status = res->status;
  r.body = res->body;
  for (const auto& h : res->headers) {
    if (passes_through(h.first)) r.headers.emplace_back(h.first, h.second);
  }
  r.code = json_code(r.body);
  return r;
}

UpstreamResponse FeishuUpstream::call(const std::string& method, const std::string& path, const std::string& body) {
  for (int attempt = 0;; ++attempt) {
    TokenResult t = tokens_.get();
    if (!t.ok) {
      // The page gets the token endpoint's code (10003, 10014, …) so the report can explain it.
      UpstreamResponse r = proxy_error(502, t.code, "无法获取 tenant_access_token：" + t.msg);
      return r;
    }
    UpstreamResponse r = send(method, path, body, t.token);
    bool token_rejected =
        r.code && (*r.code == 99991663 || *r.code == 99991661 || *r.code == 99991664 || *r.code == 99991671);
    if (token_rejected && attempt == 0) {
      tokens_.invalidate(t.token);
      continue;
    }
    return r;
  }
}

TableWriteQueue::Turn TableWriteQueue::wait_turn(const std::string& table) {
  std::unique_lock<std::mutex> lk(mutex_);
  Lane& lane = lanes_[table];
  uint64_t ticket = lane.next++;
  cv_.wait(lk, [&] { return lanes_[table].serving == ticket; });
  return Turn(*this, table, ticket);
}

TableWriteQueue::Turn::~Turn() {
  if (q_ == nullptr) return;
  {
    std::lock_guard<std::mutex> lk(q_->mutex_);
    q_->lanes_[table_].serving = ticket_ + 1;
  }
  q_->cv_.notify_all();
}

}  // namespace ssproxy
