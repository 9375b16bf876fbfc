// emulator_server.h: feishu-emulator's HTTP server: the Feishu routes, the admin routes, and the
// per-call pipeline (auth → rate limit → fault → body → client_token → write lock → latency → store).
//
// Implemented (feishu-bitable-api.md; admin routes are NOT Feishu):
//  [X] POST /open-apis/auth/v3/tenant_access_token/internal
//  [X] /open-apis/bitable/v1/apps/{app_token}/tables GET, POST; …/tables/{table_id}/fields GET, POST;
//      …/records/search, batch_get, batch_create, batch_update, batch_delete (POST); …/records POST;
//      …/records/{record_id} PUT, DELETE.
//  [X] Unknown path or method → 404 text/plain "404 page not found" (PROBE P03/P20).
//  [X] Error envelope {"code","msg","error":{"log_id","message"}}, X-Tt-Logid on every answer,
//      statuses per the spec's Decisions (400/403/429, 500 for 1255001, 400 for auth errors).
//  [X] GET /__admin/apps/{app_token}/tables, GET /__admin/apps/{app_token}/tables/{table_id}/records,
//      GET /__admin/stats, POST /__admin/stats/reset: no token, no faults, no limits, not counted.
// Missing:
//  [ ] Legacy GET …/records (list) and GET …/records/{record_id} (get): answered 404 here; the sync
//      uses search and batch_get as the docs recommend (§3.2).
//  [ ] user_id_type / ignore_consistency_check / with_shared_url are accepted and ignored.
#pragma once

#include "api_error.h"
#include "emulator_options.h"

#include <memory>

namespace feishu_emulator {

class EmulatorServer {
 public:
  explicit EmulatorServer(EmulatorOptions options);
  ~EmulatorServer();
  EmulatorServer(const EmulatorServer&) = delete;
  EmulatorServer& operator=(const EmulatorServer&) = delete;

  // Loads --db and --base, binds, and serves on a background thread. Returns the bound port.
  Expected<int> start();
  void stop();
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace feishu_emulator
