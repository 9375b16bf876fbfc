#include "browser/fetch_transport.h"

#include <emscripten.h>

#include <cstdint>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

namespace ss::app {
namespace {

std::unordered_map<std::uint32_t, Transport::Callback> g_pending;
std::uint32_t g_next_id = 1;

}  // namespace

// Answers come back through ss_on_fetch_done (below) with the same id.
EM_JS(void, js_fetch, (std::uint32_t id, const char* method, const char* path, const char* body,
                       const char* headers_json, int timeout_ms), {
  const m = UTF8ToString(method);
  const init = { method: m, headers: JSON.parse(UTF8ToString(headers_json)), credentials: 'same-origin', cache: 'no-store' };
  if (m !== 'GET' && m !== 'HEAD') init.body = UTF8ToString(body);
  const controller = new AbortController();
  init.signal = controller.signal;
  const timer = setTimeout(() => controller.abort(), timeout_ms);
  const deliver = (status, text, headers, error) => {
    clearTimeout(timer);
    const pass = (s) => { const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p; };
    const tp = pass(text), hp = pass(JSON.stringify(headers)), ep = pass(error);
    _ss_on_fetch_done(id, status, tp, hp, ep);
    _free(tp); _free(hp); _free(ep);
  };
  fetch(UTF8ToString(path), init).then(async (r) => {
    const headers = [];
    r.headers.forEach((value, name) => headers.push([name, value]));
    deliver(r.status, await r.text(), headers, "");
  }).catch((e) => deliver(0, "", [], String(e && e.name === 'AbortError' ? 'timeout' : e)));
});

void FetchTransport::send(HttpRequest request, Callback on_done) {
  nlohmann::json headers = nlohmann::json::object();
  for (const HttpHeader& h : request.headers) headers[h.name] = h.value;
  if (!request.body.empty()) headers["Content-Type"] = "application/json; charset=utf-8";
  if (request.method != "GET" && !csrf_token_.empty()) headers["X-CSRF-Token"] = csrf_token_;
  std::uint32_t id = g_next_id++;
  g_pending.emplace(id, std::move(on_done));
  js_fetch(id, request.method.c_str(), request.path.c_str(), request.body.c_str(),
           headers.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str(), timeout_ms_);
}

}  // namespace ss::app

extern "C" EMSCRIPTEN_KEEPALIVE void ss_on_fetch_done(std::uint32_t id, int status, const char* body,
                                                      const char* headers_json, const char* error) {
  auto it = ss::app::g_pending.find(id);
  if (it == ss::app::g_pending.end()) return;
  ss::Transport::Callback callback = std::move(it->second);
  ss::app::g_pending.erase(it);

  ss::HttpResponse response;
  response.status = status;
  response.body = body ? body : "";
  response.transport_error = error ? error : "";
  nlohmann::json headers = nlohmann::json::parse(headers_json ? headers_json : "[]", nullptr, false);
  if (headers.is_array())
    for (const auto& pair : headers)
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
        response.headers.push_back({pair[0].get<std::string>(), pair[1].get<std::string>()});
  callback(std::move(response));
}
