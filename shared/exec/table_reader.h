// table_reader.h — reads records of one table with records/search: a list of bodies, each followed
// through its pages (page_token loop, feishu-bitable-api.md §3.1), results converted to snapshot
// records by feishu/search_response.h. Used for the snapshot and for the executor's re-reads.
//
// Implemented:
//   [X] Any number of bodies (full scan: one; filtered search: one per ≤ 50 ids), all pages of each,
//       or only the first page (max_pages = 1, the probe that also learns `total`).
//   [X] Continuing a scan from a page_token the probe returned, so the probe's page is not read twice.
//   [X] Retries through CallRunner; the first failing call ends the read with its Error.
// Missing:
//   [ ] Records seen on two pages (a table changing under the scan) are kept twice; planning tolerates it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/sync_schema.h"
#include "exec/bitable_routes.h"
#include "exec/call_runner.h"
#include "mapping/column_mapping.h"
#include "plan/snapshot.h"

namespace ss {

struct ReadJob {
  TableKind table = TableKind::kStudents;
  std::vector<nlohmann::json> bodies;
  std::string first_page_token;  // resume the first body from here
  size_t page_size = kSearchPageSize;
  size_t max_pages = 0;  // per body; 0 = all
};

struct ReadOutcome {
  Snapshot part;              // students or records, depending on the table
  int64_t total = 0;          // `total` of the first page of the first body
  bool has_more = false;      // of the last page read (only meaningful with max_pages)
  std::string page_token;     // to continue from, when has_more
  size_t calls = 0;           // pages read (retries not included; CallStats has those)
};

class TableReader {
 public:
  TableReader(CallRunner& runner, const BitableRoutes& routes, const SyncSchema& schema, std::vector<ExtraColumn> extras = {});
  ~TableReader();

  // One read at a time; `done` runs on a scheduler turn (the CallRunner's).
  void read(ReadJob job, std::function<void(Result<ReadOutcome>)> done);

 private:
  void next_page();

  CallRunner& runner_;
  const BitableRoutes& routes_;
  const SyncSchema& schema_;
  std::vector<ExtraColumn> extras_;
  std::shared_ptr<bool> alive_;

  ReadJob job_;
  std::function<void(Result<ReadOutcome>)> done_;
  ReadOutcome out_;
  size_t body_ = 0;
  size_t pages_in_body_ = 0;
  std::string token_;
  bool first_page_ = true;
};

}  // namespace ss
