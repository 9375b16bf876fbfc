// client_tokens.h: idempotent writes by `client_token` (feishu-bitable-api.md § Decisions, §3.4).
//
// Implemented:
//  [X] Format check: a standard UUIDv4 (8-4-4-4-12 hex, version 4, variant 8/9/a/b); anything else,
//      including an empty `client_token=`, is refused with 1254037.
//  [X] Mode replay (default): the same token with the same request (path + body) returns the first
//      call's response without creating anything; the same token with a different request → 1255006.
//  [X] Mode conflict: any reuse of a remembered token → 1255006 (real Feishu's replay behaviour is
//      undocumented, §10, so clients must survive both).
//  [X] A token whose first call is still running → 1254608 ReqRecommited (HTTP 403).
//  [X] Tokens are remembered for 24 h; only successful calls are remembered (a failed call may be
//      retried with the same token).
// Missing:
//  [ ] Not persisted to SQLite: a restart forgets the tokens.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace feishu_emulator {

enum class ClientTokenMode { kReplay, kConflict };

bool is_uuid_v4(const std::string& s);

class ClientTokens {
 public:
  enum class State { kFresh, kReplay, kConflict, kInFlight };
  struct Begin {
    State state = State::kFresh;
    nlohmann::json response;  // the remembered response when state == kReplay
  };

  explicit ClientTokens(ClientTokenMode mode) : mode_(mode) {}
  Begin begin(const std::string& key, const std::string& fingerprint);
  void finish(const std::string& key, const nlohmann::json& response);
  void abandon(const std::string& key);

 private:
  struct Entry {
    std::string fingerprint;
    nlohmann::json response;
    bool in_flight = true;
    std::chrono::steady_clock::time_point at;
  };
  ClientTokenMode mode_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace feishu_emulator
