// search_request.h — how to read the snapshot with the fewest calls, and the records/search bodies
// for it (issue 4, item 6; feishu-bitable-api.md §3.1, §4).
//
// Two ways to read a table:
//  - filtered search: conditions `用户ID is <id>`, one value each, at most 50 per filter joined with "or"
//    (§3.1 limits), so ceil(users / 50) calls, more when a chunk's matches exceed one page;
//  - projected full scan: field_names only the fields planning needs, page_size 500, ceil(total / 500).
// A first search with page_size=1 per table gives `total` (§3.1: total with no filter = table size);
// choose_read_plan then picks, per table, whichever needs fewer calls, and reports the count (the two
// probes included). Planning re-checks every key itself, so a filter that matches too much is harmless.
// page_size and page_token are query parameters (search_query), not body fields.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sync_schema.h"
#include "mapping/column_mapping.h"

namespace ss {

enum class ReadStrategy { kNone, kFilteredSearch, kFullScan };

struct TableReadPlan {
  ReadStrategy strategy = ReadStrategy::kNone;
  size_t calls = 0;  // estimated calls after the probe
};

struct SnapshotReadPlan {
  TableReadPlan students;
  TableReadPlan records;
  size_t probe_calls = 2;  // one page_size=1 search per table
  size_t total_calls() const { return probe_calls + students.calls + records.calls; }
};

// Estimate for records assumes a file's users have the table's average number of records each.
SnapshotReadPlan choose_read_plan(size_t distinct_users, size_t students_total, size_t records_total,
                                  size_t page_size = kSearchPageSize, size_t max_conditions = kMaxFilterConditions);

// Fields planning reads from a table (the key fields, plus the mapping's extra fields of that table).
std::vector<std::string> snapshot_field_names(TableKind table, const SyncSchema& schema,
                                              const std::vector<ExtraColumn>& extras);

// Body of the page_size=1 probe (projected to the 用户ID field so the one record returned is small).
nlohmann::json probe_search_body(TableKind table, const SyncSchema& schema);

// Body of a projected full scan.
nlohmann::json full_scan_body(TableKind table, const SyncSchema& schema, const std::vector<ExtraColumn>& extras);

// Bodies of a filtered search: one per chunk of ≤ max_conditions user ids, in the order given.
std::vector<nlohmann::json> filtered_search_bodies(TableKind table, const std::vector<std::string>& user_ids,
                                                   const SyncSchema& schema, const std::vector<ExtraColumn>& extras,
                                                   size_t max_conditions = kMaxFilterConditions);

// "?page_size=500" or "?page_size=500&page_token=<url-encoded>".
std::string search_query(size_t page_size, const std::string& page_token = {});

std::string url_encode(const std::string& text);

}  // namespace ss
