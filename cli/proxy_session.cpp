// proxy_session.cpp — see proxy_session.h.
#include "proxy_session.h"

#include <openssl/sha.h>

#include "exec/retry_policy.h"

namespace ss {

using nlohmann::json;

namespace {

struct Reply {
  HttpResponse response;
  json body;
};

Reply post_json(HttplibTransport& t, const std::string& path, const json& body) {
  HttpRequest req;
  req.method = "POST";
  req.path = path;
  req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  req.headers.push_back({"Content-Type", "application/json"});
  Reply out;
  t.send(std::move(req), [&](HttpResponse r) { out.response = std::move(r); });
  out.body = json::parse(out.response.body, nullptr, false);
  return out;
}

Error http_error(const Reply& r, const std::string& what) {
  if (r.response.status == 0) return Error{kErrNoAnswer, what + "：无法连接代理（" + r.response.transport_error + "）"};
  std::string msg;
  for (const char* key : {"error", "msg", "message"}) {
    if (msg.empty() && r.body.is_object() && r.body.contains(key) && r.body[key].is_string()) msg = r.body[key].get<std::string>();
  }
  return Error{r.response.status, what + "：HTTP " + std::to_string(r.response.status) + (msg.empty() ? "" : " " + msg)};
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

Status proxy_login(HttplibTransport& t, const std::string& user, const std::string& password) {
  Reply r = post_json(t, "/api/login", json{{"username", user}, {"password", password}});
  if (r.response.status != 200 || !r.body.is_object()) return http_error(r, "登录代理失败");
  const std::string cookie = r.response.header("Set-Cookie");
  const auto start = cookie.find("ss_session=");
  if (start == std::string::npos) return Error{kErrBadJson, "代理没有返回 ss_session"};
  const auto end = cookie.find(';', start);
  t.set_header("Cookie", cookie.substr(start, end == std::string::npos ? std::string::npos : end - start));
  if (!r.body.contains("csrf_token") || !r.body["csrf_token"].is_string()) return Error{kErrBadJson, "代理没有返回 csrf_token"};
  t.set_header("X-CSRF-Token", r.body["csrf_token"].get<std::string>());
  return Status::success();
}

Result<std::string> proxy_start_run(HttplibTransport& t, const std::string& file_name, const std::string& bytes,
                                    const json& planned) {
  Reply r = post_json(t, "/api/runs", json{{"file_name", file_name}, {"file_sha256", sha256_hex(bytes)}, {"planned", planned}});
  if (r.response.status != 200 || !r.body.is_object()) return http_error(r, "记录同步批次失败");
  if (!r.body.contains("run_id") || !r.body["run_id"].is_string()) return Error{kErrBadJson, "代理没有返回 run_id"};
  return r.body["run_id"].get<std::string>();
}

Status proxy_finish_run(HttplibTransport& t, const std::string& run_id, const json& achieved) {
  Reply r = post_json(t, "/api/runs/" + run_id + "/finish", json{{"achieved", achieved}});
  if (r.response.status != 200) return http_error(r, "记录同步结果失败");
  return Status::success();
}

}  // namespace ss
