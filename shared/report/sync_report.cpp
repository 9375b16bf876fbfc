// sync_report.cpp — see sync_report.h.
#include "report/sync_report.h"

#include <algorithm>
#include <unordered_map>

#include "csv/csv_reader.h"
#include "normalize/date_parser.h"

namespace ss {
namespace {

const ItemStatus* status_at(const std::vector<ItemStatus>* v, size_t i) {
  return v != nullptr && i < v->size() ? &(*v)[i] : nullptr;
}

std::string format_day(int32_t day) { return format_date(civil_from_days(day)); }

}  // namespace

const char* row_result_name(RowResult r) {
  switch (r) {
    case RowResult::kPlanned: return "待写入";
    case RowResult::kCreated: return "已新增";
    case RowResult::kSkipped: return "跳过";
    case RowResult::kFailed: return "失败";
  }
  return "?";
}

std::string SyncReport::summary() const {
  return "新增" + std::to_string(counts.students_created) + "位学员，更新" + std::to_string(counts.students_updated) +
         "位，新增" + std::to_string(counts.records_created) + "条学习记录，跳过" + std::to_string(counts.skipped) +
         "条重复，失败" + std::to_string(counts.failed) + "条";
}

SyncReport build_report(const Plan& plan, const ExecutionStatus* status) {
  SyncReport report;
  const bool preview = status == nullptr;

  // What happened to each user's student.
  struct StudentState {
    std::string text;
    const ItemStatus* failure = nullptr;
    int line = 0;
  };
  std::unordered_map<std::string_view, StudentState> students;  // keys point into the plan
  for (size_t i = 0; i < plan.student_creates.size(); ++i) {
    const ItemStatus* s = status_at(preview ? nullptr : &status->student_creates, i);
    StudentState st;
    st.line = plan.student_creates[i].line;
    if (s && s->state == ItemState::kFailed) {
      st.text = "新增学员失败";
      st.failure = s;
    } else {
      st.text = preview || (s && s->state == ItemState::kDone) ? "新增学员" : "新增学员（未完成）";
      if (s && s->state == ItemState::kDone) ++report.counts.students_created;
    }
    if (preview) ++report.counts.students_created;
    students.emplace(plan.student_creates[i].user_id(), std::move(st));
  }
  for (size_t i = 0; i < plan.student_updates.size(); ++i) {
    const StudentUpdate& u = plan.student_updates[i];
    std::string fields;
    for (const auto& c : u.changes) fields += (fields.empty() ? "" : "、") + c.field;
    const ItemStatus* s = status_at(preview ? nullptr : &status->student_updates, i);
    StudentState st;
    st.line = u.line;
    if (s && s->state == ItemState::kFailed) {
      st.text = "更新学员失败（" + fields + "）";
      st.failure = s;
    } else {
      st.text = "更新学员（" + fields + "）";
      if (preview || (s && s->state == ItemState::kDone)) ++report.counts.students_updated;
    }
    students.emplace(u.user_id, std::move(st));
  }
  const auto student_of = [&](std::string_view uid) -> const StudentState* {
    auto it = students.find(uid);
    return it == students.end() ? nullptr : &it->second;
  };

  for (size_t i = 0; i < plan.record_creates.size(); ++i) {
    const RecordCreate& r = plan.record_creates[i];
    RowOutcome o{r.line, std::string(r.user_id()), std::string(r.course()), format_day(r.day), RowResult::kPlanned, "学员无变化", "", 0};
    const StudentState* st = student_of(r.user_id());
    if (st) o.student = st->text;
    const ItemStatus* s = status_at(preview ? nullptr : &status->record_creates, i);
    if (s && s->state == ItemState::kDone) {
      o.result = RowResult::kCreated;
      o.detail = "新增学习记录";
    } else if (s && s->state == ItemState::kFailed) {
      o.result = RowResult::kFailed;
      o.feishu_code = s->code;
      o.detail = s->message;
    } else if (!preview && st && st->failure && r.student.is_planned()) {
      o.result = RowResult::kFailed;  // the executor never sent it: its student does not exist
      o.feishu_code = st->failure->code;
      o.detail = "学员未能创建：" + st->failure->message;
    } else {
      o.detail = "新增学习记录";
    }
    report.rows.push_back(std::move(o));
  }
  for (const auto& k : plan.skipped) {
    RowOutcome o{k.line, std::string(k.user_id()), std::string(k.course()), format_day(k.day), RowResult::kSkipped, "学员无变化", "", 0};
    if (const StudentState* st = student_of(k.user_id())) o.student = st->text;
    o.detail = k.reason == SkipReason::kAlreadyInBitable
                   ? "学习记录已在飞书中（" + std::string(k.existing_record_id()) + "）"
                   : "与第" + std::to_string(k.first_line) + "行重复（同一用户ID、课程、学习日期）";
    report.rows.push_back(std::move(o));
  }
  for (const auto& rej : plan.rejected) {
    report.rows.push_back({rej.line, rej.user_id, "", "", RowResult::kFailed, "", rej.reason, 0});
  }
  std::sort(report.rows.begin(), report.rows.end(), [](const RowOutcome& a, const RowOutcome& b) { return a.line < b.line; });

  // A failed student update is reported on the line it came from (the row itself may have succeeded).
  for (auto& o : report.rows) {
    const StudentState* st = o.user_id.empty() ? nullptr : student_of(o.user_id);
    if (st && st->failure && st->line == o.line && o.result != RowResult::kFailed) {
      o.result = RowResult::kFailed;
      o.feishu_code = st->failure->code;
      o.detail = st->text + "：" + st->failure->message;
    }
  }
  for (const auto& o : report.rows) {
    switch (o.result) {
      case RowResult::kPlanned: ++report.counts.pending; break;
      case RowResult::kCreated: ++report.counts.records_created; break;
      case RowResult::kSkipped: ++report.counts.skipped; break;
      case RowResult::kFailed: ++report.counts.failed; break;
    }
  }
  if (preview) report.counts.records_created = plan.record_creates.size();
  return report;
}

std::string guard_formula(std::string cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                        cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  return cell;
}

std::string report_to_csv(const SyncReport& report) {
  std::string out = "\xEF\xBB\xBF";
  const auto row = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out.push_back(',');
      append_csv_cell(out, guard_formula(cells[i]));
    }
    out += "\r\n";
  };
  row({"行号", "用户ID", "课程", "学习日期", "结果", "学员", "说明", "飞书错误码"});
  for (const auto& o : report.rows) {
    row({std::to_string(o.line), o.user_id, o.course, o.date, row_result_name(o.result), o.student, o.detail,
         o.feishu_code == 0 ? std::string() : std::to_string(o.feishu_code)});
  }
  row({"合计", report.summary(), "", "", "", "", "", ""});
  return out;
}

}  // namespace ss
