// tenant_token.cpp — see tenant_token.h.
#include "tenant_token.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace ss {

using nlohmann::json;

namespace {

constexpr const char* kTokenPath = "/open-apis/auth/v3/tenant_access_token/internal";

// Untrusted JSON: wrong types read as the default instead of throwing (style.md, nlohmann/json).
int64_t int_field(const json& j, const char* key, int64_t fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

std::string str_field(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool is_token_error(const HttpResponse& r) {
  if (r.status == 0 || r.body.empty()) return false;
  const json j = json::parse(r.body, nullptr, false);
  const int64_t code = int_field(j, "code", 0);
  return code == 99991663 || code == 99991661;
}

}  // namespace

TenantTokenTransport::TenantTokenTransport(Transport& inner, std::string app_id, std::string app_secret,
                                           std::function<int64_t()> now_ms)
    : inner_(inner), app_id_(std::move(app_id)), app_secret_(std::move(app_secret)), now_ms_(std::move(now_ms)) {}

void TenantTokenTransport::with_token(std::function<void(const HttpResponse* failure)> then) {
  if (!token_.empty() && now_ms_() < renew_at_ms_) return then(nullptr);
  HttpRequest req;
  req.method = "POST";
  req.path = kTokenPath;
  req.body = json{{"app_id", app_id_}, {"app_secret", app_secret_}}.dump();
  req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  ++token_calls_;
  inner_.send(std::move(req), [this, then = std::move(then)](HttpResponse r) {
    if (r.status == 0) return then(&r);
    const json j = json::parse(r.body, nullptr, false);
    const int64_t code = int_field(j, "code", -1);
    const std::string token = str_field(j, "tenant_access_token");
    if (code != 0 || token.empty()) {
      HttpResponse failure;
      failure.status = r.status >= 500 ? r.status : 400;
      const std::string msg = j.is_object() ? str_field(j, "msg") : r.body.substr(0, 120);
      failure.body = json{{"code", code == 0 ? -1 : code}, {"msg", "获取 tenant_access_token 失败：" + msg}}.dump();
      return then(&failure);
    }
    const int64_t expire_ms = std::max<int64_t>(1, int_field(j, "expire", 7200)) * 1000;
    token_ = token;
    renew_at_ms_ = now_ms_() + std::max(expire_ms - 180'000, expire_ms / 2);
    then(nullptr);
  });
}

void TenantTokenTransport::send(HttpRequest request, Callback on_done) {
  send_with_token(std::move(request), std::move(on_done), true);
}

void TenantTokenTransport::send_with_token(HttpRequest request, Callback on_done, bool may_renew) {
  with_token([this, request = std::move(request), on_done = std::move(on_done), may_renew](const HttpResponse* failure) mutable {
    if (failure) return on_done(*failure);
    HttpRequest authed = request;
    authed.headers.push_back({"Authorization", "Bearer " + token_});
    inner_.send(std::move(authed), [this, request = std::move(request), on_done = std::move(on_done), may_renew](HttpResponse r) mutable {
      if (may_renew && is_token_error(r)) {
        token_.clear();  // expired or revoked early: renew and re-send once
        return send_with_token(std::move(request), std::move(on_done), false);
      }
      on_done(std::move(r));
    });
  });
}

void TenantTokenTransport::check(std::function<void(Check)> done) {
  token_.clear();
  with_token([done = std::move(done)](const HttpResponse* failure) {
    Check c;
    if (failure) {
      c.answered = failure->status != 0;
      const json j = json::parse(failure->body, nullptr, false);
      c.code = static_cast<int>(int_field(j, "code", -1));
      c.message = j.is_object() ? str_field(j, "msg") : failure->transport_error;
    }
    done(c);
  });
}

}  // namespace ss
