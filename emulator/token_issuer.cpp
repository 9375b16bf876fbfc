// token_issuer.cpp: see token_issuer.h for the capability list.
#include "token_issuer.h"

#include <cctype>

namespace feishu_emulator {
namespace {

json invalid_param() { return json{{"code", 10003}, {"msg", "invalid param"}, {"data", json::object()}}; }

bool looks_like_app_id(const std::string& id) {
  if (id.rfind("cli_", 0) != 0 || id.size() < 5 || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

TokenIssuer::TokenIssuer(TokenOptions options) : options_(std::move(options)), rng_(std::random_device{}()) {}

json TokenIssuer::issue(const std::string& request_body) {
  const json body = json::parse(request_body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return invalid_param();
  const json id = body.value("app_id", json()), secret = body.value("app_secret", json());
  if (!id.is_string() || !secret.is_string() || id.get<std::string>().empty() || secret.get<std::string>().empty() ||
      !looks_like_app_id(id.get<std::string>()))
    return invalid_param();
  if (id.get<std::string>() != options_.app_id)
    return json{{"code", 10014}, {"msg", "app id not exists"}};
  if (secret.get<std::string>() != options_.app_secret)
    return json{{"code", 10014}, {"msg", "app secret invalid"}};

  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now = options_.now_ms();
  for (auto it = tokens_.begin(); it != tokens_.end();)  // forget expired tokens
    it = it->second.expires_ms <= now ? tokens_.erase(it) : std::next(it);
  auto cur = tokens_.find(current_);
  if (cur == tokens_.end() || cur->second.expires_ms - now < options_.renew_below_s * 1000) {
    static const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz";
    std::string token = "t-";
    for (int i = 0; i < 40; ++i) token.push_back(kAlnum[rng_() % 62]);
    current_ = token;
    cur = tokens_.emplace(token, Issued{options_.app_id, now + options_.ttl_s * 1000}).first;
  }
  // `expire` is the remaining lifetime of the returned token (§1.2), in whole seconds.
  return json{{"code", 0}, {"msg", "ok"}, {"tenant_access_token", current_},
              {"expire", (cur->second.expires_ms - now) / 1000}};
}

Expected<std::string> TokenIssuer::check(const std::string& authorization) const {
  const std::string prefix = "Bearer ";
  if (authorization.rfind(prefix, 0) != 0 || authorization.size() == prefix.size()) return err_missing_token();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = tokens_.find(authorization.substr(prefix.size()));
  if (it == tokens_.end() || it->second.expires_ms <= options_.now_ms()) return err_invalid_token();
  return it->second.app_id;
}

}  // namespace feishu_emulator
