// table_forwarding.h — the narrow gate between the page and Feishu's Bitable record API.
//
// Implemented (app path → Feishu path under /open-apis/bitable/v1/apps/{app_token}/tables/{table_id}):
//   [X] GET  fields                  → GET  /fields                  (query: page_size, page_token)
//   [X] POST records/search          → POST /records/search          (query: page_size, page_token)
//   [X] POST records/batch_create    → POST /records/batch_create    (query: client_token)
//   [X] POST records/batch_update    → POST /records/batch_update
//   [X] POST records/batch_delete    → POST /records/batch_delete
//   [X] only the two configured tables ("students", "records"); app_token/table_id come from the config
//   [X] any other query parameter, a malformed value or a body that is not a JSON object → 400, nothing sent
//   [X] writes to one table are queued (one at a time across all staff), then audited with the record ids
// Missing:     [ ] batch_get, single-record endpoints, other Feishu APIs — refused on purpose
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

#include "audit_log.h"
#include "feishu_upstream.h"
#include "proxy_config.h"

namespace ssproxy {

struct ForwardContext {
  const ProxyConfig& config;
  FeishuUpstream& upstream;
  TableWriteQueue& write_queue;
  AuditLog& audit;
};

struct ForwardRequest {
  std::string table_key;  // students | records
  std::string operation;  // fields | search | batch_create | batch_update | batch_delete
  httplib::Params query;
  std::string body;
  std::string account;
  std::optional<int64_t> run_id;
};

bool is_write_operation(const std::string& operation);
UpstreamResponse forward_table_call(ForwardContext& ctx, const ForwardRequest& request, int64_t* record_count);

}  // namespace ssproxy
