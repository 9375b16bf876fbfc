// sync_report.h — what a sync did (or, before it runs, will do), per input line and in total, and its
// export as a CSV that Excel opens correctly (issue 4, item 8).
//
// Counts read "新增X位学员，更新Y位，新增Z条学习记录，跳过W条重复，失败N条". Per-line outcomes: the
// learning record created, skipped (with why: already in Bitable / repeats line K), or failed (rejected
// by validation with the reason, or refused by Feishu with its code and message), plus what happened to
// the line's student (新增/更新/无变化). Before execution (status == nullptr) every write is "待写入".
//
// CSV export: UTF-8 with BOM (Excel otherwise assumes the ANSI code page and garbles Chinese), CRLF,
// RFC 4180 quoting, and cells starting with = + - @ (or tab/CR) prefixed with ' so Excel does not run
// them as formulas (OWASP "CSV injection"): nicknames are user-controlled text.
#pragma once

#include <string>
#include <vector>

#include "plan/sync_plan.h"

namespace ss {

enum class ItemState { kPending, kDone, kFailed };

struct ItemStatus {
  ItemState state = ItemState::kPending;
  int code = 0;         // Feishu code (or the engine's negative code) when kFailed
  std::string message;  // Feishu msg when kFailed
};

// What the executor reports back, sized like the plan's vectors.
struct ExecutionStatus {
  std::vector<ItemStatus> student_creates;
  std::vector<ItemStatus> student_updates;
  std::vector<ItemStatus> record_creates;
};

enum class RowResult { kPlanned, kCreated, kSkipped, kFailed };

struct RowOutcome {
  int line = 0;
  std::string user_id;
  std::string course;
  std::string date;           // "2024-01-15", empty for rejected rows
  RowResult result = RowResult::kPlanned;
  std::string student;        // "新增学员", "更新学员（昵称、手机号）", "学员无变化", "新增学员失败", ""
  std::string detail;         // reason / Feishu message
  int feishu_code = 0;        // 0 = none
};

struct ReportCounts {
  size_t students_created = 0;
  size_t students_updated = 0;
  size_t records_created = 0;
  size_t skipped = 0;
  size_t failed = 0;   // lines
  size_t pending = 0;  // lines whose record is planned but not (yet) written
};

struct SyncReport {
  ReportCounts counts;
  std::vector<RowOutcome> rows;  // by line
  std::string summary() const;   // "新增3位学员，更新1位，新增6条学习记录，跳过1条重复，失败0条"
};

SyncReport build_report(const Plan& plan, const ExecutionStatus* status = nullptr);

// Result column text: "待写入", "已新增", "跳过", "失败".
const char* row_result_name(RowResult result);

std::string report_to_csv(const SyncReport& report);

// ' prefix for cells Excel would treat as a formula.
std::string guard_formula(std::string cell);

}  // namespace ss
