// http_transport.h — ss::Transport over cpp-httplib (0.11, Debian's build): blocking, so the callback
// runs before send() returns (the engine handles that, transport.h).
//
// Implemented:
//   [X] Base URL "http(s)://host[:port][/prefix]"; the request path is appended to the prefix.
//   [X] Connect/read/write timeouts; keep-alive between calls.
//   [X] No HTTP answer (refused, dropped, timed out) → status 0 + transport_error, as transport.h defines.
//   [X] Default headers added to every request (e.g. a session cookie set later with set_header).
// Missing:
//   [ ] No proxy-server (HTTP CONNECT) support; no client certificates.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "transport/transport.h"

namespace httplib {
class Client;
}

namespace ss {

struct HttpTimeouts {
  int connect_s = 5;
  int read_s = 30;  // a 500-record batch_create answers in well under a second on Feishu
  int write_s = 30;
};

class HttplibTransport : public Transport {
 public:
  // Error kErrBadValue when the URL is not http(s)://host[:port][/prefix].
  static Result<std::unique_ptr<HttplibTransport>> create(const std::string& base_url, HttpTimeouts timeouts = {});
  ~HttplibTransport() override;

  void send(HttpRequest request, Callback on_done) override;
  // Replaces (or adds) a header sent with every request.
  void set_header(const std::string& name, const std::string& value);

 private:
  HttplibTransport() = default;
  std::unique_ptr<httplib::Client> client_;
  std::string prefix_;
  std::vector<HttpHeader> headers_;
};

}  // namespace ss
