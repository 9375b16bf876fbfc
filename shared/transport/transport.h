// transport.h — how the engine talks to Bitable (through the proxy, or to Feishu/the emulator directly).
//
// The engine never opens a socket: it hands an HttpRequest to a Transport and is called back with an
// HttpResponse. Implementations:
//   - native: cpp-httplib client (cli/, tests/), optionally adding a tenant token for direct Feishu use;
//   - browser: fetch() to the proxy (wasm/);
//   - tests: scripted fakes.
// The callback may run later (browser, event loop) or before send() returns (a blocking native
// client); callers must handle both.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ss {

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // path + query, relative to the transport's base URL
  std::string body;    // JSON text, or empty
  std::vector<HttpHeader> headers;
};

// status == 0 means no HTTP answer arrived (connection refused or dropped, timeout): the request may
// or may not have been applied upstream. `transport_error` then says what happened, in English.
struct HttpResponse {
  int status = 0;
  std::string body;
  std::vector<HttpHeader> headers;
  std::string transport_error;

  // Case-insensitive header lookup; empty when absent.
  std::string header(const std::string& name) const;
};

class Transport {
 public:
  using Callback = std::function<void(HttpResponse)>;
  virtual ~Transport() = default;
  virtual void send(HttpRequest request, Callback on_done) = 0;
};

}  // namespace ss
