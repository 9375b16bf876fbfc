// fetch_transport.h — ss::Transport over the browser's fetch(), to the proxy that served the page.
//
// Implemented: [X] same-origin requests with the session cookie; [X] the CSRF token added to every
//              state-changing request; [X] status 0 + transport_error when no answer came
//              (proxy down, network error, timeout via AbortController). The sync run id travels as a
//              per-request header set by the executor.
// Missing:     [ ] streaming bodies (answers are small JSON pages).
#pragma once

#include <string>

#include "transport/transport.h"

namespace ss::app {

class FetchTransport : public Transport {
 public:
  void set_csrf_token(std::string token) { csrf_token_ = std::move(token); }
  void set_timeout_ms(int ms) { timeout_ms_ = ms; }

  void send(HttpRequest request, Callback on_done) override;

 private:
  std::string csrf_token_;
  int timeout_ms_ = 60000;
};

}  // namespace ss::app
