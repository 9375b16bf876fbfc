// bitable_routes.h — where a Bitable call goes, so one engine talks either to the proxy or to
// Feishu/the emulator directly.
//
// Implemented:
//   [X] ProxyRoutes: /api/tables/{students|records}/records/{search|batch_create|batch_update|batch_delete}
//       and /api/tables/{…}/fields (docs/architecture.md, the proxy's app-facing API). The proxy owns the
//       app_token, the table ids and the tenant token.
//   [X] DirectRoutes: /open-apis/bitable/v1/apps/{app_token}/tables/{table_id}/records/… and /fields
//       (feishu-bitable-api.md §3); the transport adds the tenant token.
// The query ("?page_size=500&page_token=…", "?client_token=…") is appended unchanged; building it is
// the caller's job (feishu/search_request.h search_query).
#pragma once

#include <string>

#include "core/sync_schema.h"

namespace ss {

enum class BitableOp { kSearch, kBatchCreate, kBatchUpdate, kBatchDelete, kListFields };

class BitableRoutes {
 public:
  virtual ~BitableRoutes() = default;
  virtual std::string path(TableKind table, BitableOp op, const std::string& query = {}) const = 0;
};

class ProxyRoutes : public BitableRoutes {
 public:
  std::string path(TableKind table, BitableOp op, const std::string& query = {}) const override;
};

class DirectRoutes : public BitableRoutes {
 public:
  DirectRoutes(std::string app_token, std::string students_table_id, std::string records_table_id)
      : app_token_(std::move(app_token)), students_(std::move(students_table_id)), records_(std::move(records_table_id)) {}
  std::string path(TableKind table, BitableOp op, const std::string& query = {}) const override;

 private:
  std::string app_token_, students_, records_;
};

// "records/search", "records/batch_create", …, "fields".
const char* bitable_op_suffix(BitableOp op);

}  // namespace ss
