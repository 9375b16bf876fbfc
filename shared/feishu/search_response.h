// search_response.h — one records/search page (read shapes) → snapshot records (plain values).
//
// Students: record_id, 用户ID, 昵称, 手机号 and the mapping's extra student fields. Records: record_id, 用户ID,
// 课程, 学习日期 (ms), linked student record_ids. Items without a record_id are ignored. Shapes per
// feishu-bitable-api.md §5 / §9.1-3 (see feishu/field_value.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/sync_schema.h"
#include "mapping/column_mapping.h"
#include "plan/snapshot.h"

namespace ss {

struct SearchPage {
  std::vector<StudentSnapshot> students;  // filled for TableKind::kStudents
  std::vector<RecordSnapshot> records;    // filled for TableKind::kRecords
  bool has_more = false;
  std::string page_token;  // only meaningful when has_more
  int64_t total = 0;
};

// Errors: the Feishu code unchanged (e.g. 1254045), or kErrBadJson.
Result<SearchPage> parse_search_response(std::string_view body, TableKind table, const SyncSchema& schema,
                                         const std::vector<ExtraColumn>& extras = {});

// Moves a page's records into the snapshot.
void append_page(Snapshot& snapshot, SearchPage&& page);

}  // namespace ss
