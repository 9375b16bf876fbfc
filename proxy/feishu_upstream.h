// feishu_upstream.h — every HTTP call the proxy makes to Feishu (or the emulator) goes through here.
//
// Implemented: [X] cpp-httplib Client (SSLClient for https, certificate verification on)
//              [X] Authorization: Bearer <tenant token> added here and nowhere else
//              [X] on 99991663 / 99991661 (and 99991664 / 99991671, as the Go SDK) the token is renewed
//                  once and the call repeated once
//              [X] the answer is kept as Feishu sent it: HTTP status, body, Content-Type, X-Tt-Logid and
//                  every x-ogw-ratelimit-* header
//              [X] one write at a time per table (FIFO ticket queue): later writers wait their turn
// Missing:     [ ] connection reuse (one connection per call; fine at 50 writes/s)
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "env_file.h"
#include "token_manager.h"

namespace ssproxy {

struct UpstreamResponse {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // only those passed back to the page
  std::optional<int64_t> code;  // JSON "code" when the body is a JSON object with one
  std::string transport_error;  // English, when no HTTP answer arrived
};

class FeishuUpstream {
 public:
  FeishuUpstream(std::string base_url, AppCredentials credentials, int timeout_seconds);
  // path includes the query string; body is JSON text or empty (GET).
  UpstreamResponse call(const std::string& method, const std::string& path, const std::string& body);
  TokenManager& tokens() { return tokens_; }

 private:
  TokenResult fetch_token();
  UpstreamResponse send(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& token);
  std::string base_url_;
  AppCredentials credentials_;
  int timeout_seconds_;
  TokenManager tokens_;
};

// The proxy's own error answers use negative codes so they never collide with Feishu's.
UpstreamResponse proxy_error(int http_status, int64_t code, const std::string& msg);

class TableWriteQueue {
 public:
  class Turn {
   public:
    Turn(TableWriteQueue& q, std::string table, uint64_t ticket) : q_(&q), table_(std::move(table)), ticket_(ticket) {}
    Turn(Turn&& o) noexcept : q_(o.q_), table_(std::move(o.table_)), ticket_(o.ticket_) { o.q_ = nullptr; }
    Turn(const Turn&) = delete;
    ~Turn();

   private:
    TableWriteQueue* q_;
    std::string table_;
    uint64_t ticket_;
  };
  // Blocks until every earlier writer of this table has finished.
  Turn wait_turn(const std::string& table);

 private:
  struct Lane {
    uint64_t next = 0;
    uint64_t serving = 0;
  };
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, Lane> lanes_;
};

}  // namespace ssproxy
