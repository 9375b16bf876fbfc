// snapshot_fetch.cpp — see snapshot_fetch.h.
#include "exec/snapshot_fetch.h"

#include <unordered_set>

namespace ss {

namespace {

size_t ceil_div(size_t n, size_t d) { return (n + d - 1) / d; }

}  // namespace

std::vector<std::string> distinct_user_ids(const ImportRows& rows) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& r : rows.rows) {
    if (seen.insert(std::string(r.user_id())).second) out.emplace_back(r.user_id());
  }
  return out;
}

SnapshotFetcher::SnapshotFetcher(CallRunner& runner, const BitableRoutes& routes, const SyncSchema& schema,
                                 std::vector<ExtraColumn> extras)
    : schema_(schema), extras_(extras), reader_(runner, routes, schema, std::move(extras)), alive_(std::make_shared<bool>(true)) {}

SnapshotFetcher::~SnapshotFetcher() { *alive_ = false; }

void SnapshotFetcher::fetch(std::vector<std::string> user_ids, std::function<void(Result<FetchedSnapshot>)> done) {
  users_ = std::move(user_ids);
  done_ = std::move(done);
  out_ = FetchedSnapshot{};
  if (users_.empty()) {
    auto cb = std::move(done_);
    return cb(std::move(out_));
  }
  probe(TableKind::kStudents);
}

void SnapshotFetcher::fail(const Error& e) {
  auto cb = std::move(done_);
  cb(e);
}

void SnapshotFetcher::probe(TableKind table) {
  ReadJob job;
  job.table = table;
  job.bodies = {full_scan_body(table, schema_, extras_)};
  job.max_pages = 1;
  std::weak_ptr<bool> alive = alive_;
  reader_.read(std::move(job), [this, alive, table](Result<ReadOutcome> r) {
    auto a = alive.lock();
    if (!a || !*a) return;
    if (!r.ok()) return fail(r.error());
    out_.stats.calls += r->calls;
    out_.stats.estimated_calls += 1;
    if (table == TableKind::kStudents) {
      out_.stats.students_total = r->total;
      probe_students_ = std::move(r.value());
      return probe(TableKind::kRecords);
    }
    out_.stats.records_total = r->total;
    probe_records_ = std::move(r.value());
    after_probes();
  });
}

void SnapshotFetcher::after_probes() {
  const SnapshotReadPlan choice = choose_read_plan(users_.size(), static_cast<size_t>(out_.stats.students_total),
                                                   static_cast<size_t>(out_.stats.records_total));
  const auto decide = [&](const ReadOutcome& probe, const TableReadPlan& t, int64_t total) {
    if (!probe.has_more) return ReadStrategy::kNone;
    const size_t scan_rest = ceil_div(static_cast<size_t>(total), kSearchPageSize) - 1;
    // Ties go to the scan: its count is exact, the filtered one is an estimate.
    if (t.strategy == ReadStrategy::kFilteredSearch && t.calls < scan_rest) {
      out_.stats.estimated_calls += t.calls;
      return ReadStrategy::kFilteredSearch;
    }
    out_.stats.estimated_calls += scan_rest;
    return ReadStrategy::kFullScan;
  };
  out_.stats.students = decide(probe_students_, choice.students, out_.stats.students_total);
  out_.stats.records = decide(probe_records_, choice.records, out_.stats.records_total);
  finish_table(TableKind::kStudents);
}

void SnapshotFetcher::finish_table(TableKind table) {
  const bool students = table == TableKind::kStudents;
  ReadOutcome& probe = students ? probe_students_ : probe_records_;
  const ReadStrategy strategy = students ? out_.stats.students : out_.stats.records;
  auto keep = [this, students](ReadOutcome&& part) {
    if (students) {
      for (auto& s : part.part.students) out_.snapshot.students.push_back(std::move(s));
    } else {
      for (auto& r : part.part.records) out_.snapshot.records.push_back(std::move(r));
    }
  };
  auto next = [this, students] {
    if (students) return finish_table(TableKind::kRecords);
    auto cb = std::move(done_);
    cb(std::move(out_));
  };
  if (strategy == ReadStrategy::kNone) {
    keep(std::move(probe));
    return next();
  }
  ReadJob job;
  job.table = table;
  if (strategy == ReadStrategy::kFullScan) {
    job.first_page_token = probe.page_token;
    keep(std::move(probe));
    job.bodies = {full_scan_body(table, schema_, extras_)};
  } else {
    job.bodies = filtered_search_bodies(table, users_, schema_, extras_);
  }
  std::weak_ptr<bool> alive = alive_;
  reader_.read(std::move(job), [this, alive, keep, next](Result<ReadOutcome> r) {
    auto a = alive.lock();
    if (!a || !*a) return;
    if (!r.ok()) return fail(r.error());
    out_.stats.calls += r->calls;
    keep(std::move(r.value()));
    next();
  });
}

}  // namespace ss
