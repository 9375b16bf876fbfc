// bitable_routes.cpp — see bitable_routes.h.
#include "exec/bitable_routes.h"

#include "feishu/search_request.h"

namespace ss {

const char* bitable_op_suffix(BitableOp op) {
  switch (op) {
    case BitableOp::kSearch: return "records/search";
    case BitableOp::kBatchCreate: return "records/batch_create";
    case BitableOp::kBatchUpdate: return "records/batch_update";
    case BitableOp::kBatchDelete: return "records/batch_delete";
    case BitableOp::kListFields: return "fields";
  }
  return "records/search";
}

std::string ProxyRoutes::path(TableKind table, BitableOp op, const std::string& query) const {
  return std::string("/api/tables/") + (table == TableKind::kStudents ? "students" : "records") + "/" +
         bitable_op_suffix(op) + query;
}

std::string DirectRoutes::path(TableKind table, BitableOp op, const std::string& query) const {
  // Tokens and ids come from the user's Base URL; encode them so a stray character cannot change the path.
  return "/open-apis/bitable/v1/apps/" + url_encode(app_token_) + "/tables/" +
         url_encode(table == TableKind::kStudents ? students_ : records_) + "/" + bitable_op_suffix(op) + query;
}

}  // namespace ss
