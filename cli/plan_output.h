// plan_output.h — the preview of a plan for a terminal (Chinese text, like the page) or as JSON
// (for scripts), plus the end-of-sync summary.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "exec/executor.h"
#include "exec/snapshot_fetch.h"
#include "normalize/import_rows.h"
#include "plan/sync_plan.h"
#include "report/sync_report.h"

namespace ss {

struct PreviewContext {
  const ImportRows* rows = nullptr;
  const FetchStats* fetch = nullptr;  // nullptr: no connection, tables assumed empty
  size_t snapshot_calls = 0;          // every attempt, retries included
};

std::string plan_to_text(const Plan& plan, const SyncSchema& schema, const PreviewContext& ctx);
nlohmann::json plan_to_json(const Plan& plan, const SyncSchema& schema, const PreviewContext& ctx);

// After a sync: counts, API calls against the lower bound, failed lines.
std::string sync_result_text(const SyncReport& report, const Plan& plan, const ExecSummary& summary, size_t snapshot_calls);
nlohmann::json sync_result_json(const SyncReport& report, const Plan& plan, const ExecSummary& summary, size_t snapshot_calls);

}  // namespace ss
