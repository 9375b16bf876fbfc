// plan_output.cpp — see plan_output.h.
#include "plan_output.h"

#include "normalize/date_parser.h"

namespace ss {

using nlohmann::json;

namespace {

const char* strategy_name(ReadStrategy s) {
  switch (s) {
    case ReadStrategy::kFilteredSearch: return "filtered_search";
    case ReadStrategy::kFullScan: return "full_scan";
    default: return "probe_only";
  }
}

constexpr size_t kMaxTextRows = 200;

}  // namespace

std::string plan_to_text(const Plan& plan, const SyncSchema& schema, const PreviewContext& ctx) {
  std::string out = "预览：" + plan_summary(plan) + "\n";
  if (ctx.fetch) {
    out += "读取表格用了 " + std::to_string(ctx.snapshot_calls) + " 次调用（学员总表 " +
           std::to_string(ctx.fetch->students_total) + " 条，学习记录表 " + std::to_string(ctx.fetch->records_total) + " 条）\n";
  } else {
    out += "未连接飞书：按空表预览\n";
  }
  out += "写入至少需要 " + std::to_string(plan.lower_bound.total()) + " 次调用（每批最多 " +
         std::to_string(schema.batch_size) + " 条）\n";
  for (const auto& n : plan.notes) out += "注意：" + n + "\n";
  for (const auto& c : plan.conflicts) {
    out += "冲突：" + std::string(c.user_id) + " 的" + c.field + "采用第" + std::to_string(c.chosen.line) + "行的“" +
           std::string(c.chosen.value) + "”";
    for (const auto& o : c.others) out += "，忽略第" + std::to_string(o.line) + "行的“" + std::string(o.value) + "”";
    out += "\n";
  }
  if (ctx.rows) {
    for (const auto& issue : ctx.rows->issues) {
      out += std::string(issue.severity == Severity::kError ? "错误：" : "提醒：") + issue.message + "\n";
    }
  }
  for (const auto& u : plan.student_updates) {
    out += "更新学员 " + u.user_id + "：";
    for (size_t i = 0; i < u.changes.size(); ++i) {
      const auto& c = u.changes[i];
      out += (i ? "，" : "") + c.field + " " + (c.old_value.is_string() ? c.old_value.get<std::string>() : std::string("（空）")) +
             " → " + (c.new_value.is_string() ? c.new_value.get<std::string>() : c.new_value.dump());
    }
    out += "\n";
  }
  const SyncReport preview = build_report(plan);
  out += "行号\t用户ID\t课程\t日期\t结果\t学员\t说明\n";
  size_t shown = 0;
  for (const auto& r : preview.rows) {
    if (++shown > kMaxTextRows) {
      out += "……另有 " + std::to_string(preview.rows.size() - kMaxTextRows) + " 行（用 --json 查看全部）\n";
      break;
    }
    out += std::to_string(r.line) + "\t" + r.user_id + "\t" + r.course + "\t" + r.date + "\t" + row_result_name(r.result) +
           "\t" + r.student + "\t" + r.detail + "\n";
  }
  return out;
}

json plan_to_json(const Plan& plan, const SyncSchema& schema, const PreviewContext& ctx) {
  json j;
  j["summary"] = plan_summary(plan);
  json creates = json::array();
  for (const auto& s : plan.student_creates) {
    creates.push_back({{"user_id", s.user_id()}, {"line", s.line}, {"nickname", s.nickname()}, {"phone", s.phone()}});
  }
  j["students_to_create"] = std::move(creates);
  json updates = json::array();
  for (const auto& u : plan.student_updates) {
    json changes = json::array();
    for (const auto& c : u.changes) changes.push_back({{"field", c.field}, {"old", c.old_value}, {"new", c.new_value}});
    updates.push_back({{"record_id", u.record_id}, {"user_id", u.user_id}, {"line", u.line}, {"changes", changes}});
  }
  j["students_to_update"] = std::move(updates);
  json records = json::array();
  for (const auto& r : plan.record_creates) {
    json link = r.student.is_planned() ? json{{"planned_student", r.student.planned_student()}} : json{{"record_id", r.student.record_id()}};
    records.push_back({{"line", r.line}, {"user_id", r.user_id()}, {"course", r.course()}, {"date_ms", day_midnight_ms(r.day, schema.utc_offset_minutes)}, {"student", link}});
  }
  j["records_to_create"] = std::move(records);
  json skipped = json::array();
  for (const auto& s : plan.skipped) {
    skipped.push_back({{"line", s.line}, {"user_id", s.user_id()}, {"course", s.course()}, {"date_ms", day_midnight_ms(s.day, schema.utc_offset_minutes)},
                       {"reason", s.reason == SkipReason::kAlreadyInBitable ? "already_in_bitable" : "duplicate_in_file"},
                       {"existing_record_id", s.existing_record_id()}, {"first_line", s.first_line}});
  }
  j["skipped"] = std::move(skipped);
  json rejected = json::array();
  for (const auto& r : plan.rejected) rejected.push_back({{"line", r.line}, {"user_id", r.user_id}, {"reason", r.reason}});
  j["rejected"] = std::move(rejected);
  json conflicts = json::array();
  for (const auto& c : plan.conflicts) {
    json others = json::array();
    for (const auto& o : c.others) others.push_back({{"line", o.line}, {"value", o.value}});
    conflicts.push_back({{"user_id", c.user_id}, {"field", c.field}, {"chosen", {{"line", c.chosen.line}, {"value", c.chosen.value}}},
                         {"others", others}});
  }
  j["conflicts"] = std::move(conflicts);
  json issues = json::array();
  if (ctx.rows) {
    for (const auto& i : ctx.rows->issues) {
      issues.push_back({{"line", i.line}, {"severity", i.severity == Severity::kError ? "error" : "warning"}, {"message", i.message}});
    }
  }
  j["issues"] = std::move(issues);
  j["notes"] = plan.notes;
  j["unchanged_students"] = plan.unchanged_students;
  json api = {{"write_calls_lower_bound", plan.lower_bound.total()},
              {"student_create_batches", plan.lower_bound.student_creates},
              {"record_create_batches", plan.lower_bound.record_creates},
              {"student_update_batches", plan.lower_bound.student_updates},
              {"batch_size", schema.batch_size}};
  if (ctx.fetch) {
    api["snapshot_calls"] = ctx.snapshot_calls;
    api["snapshot_pages"] = ctx.fetch->calls;
    api["students_read"] = strategy_name(ctx.fetch->students);
    api["records_read"] = strategy_name(ctx.fetch->records);
    api["students_total"] = ctx.fetch->students_total;
    api["records_total"] = ctx.fetch->records_total;
  }
  j["api"] = std::move(api);
  return j;
}

std::string sync_result_text(const SyncReport& report, const Plan& plan, const ExecSummary& s, size_t snapshot_calls) {
  std::string out = "结果：" + report.summary() + "\n";
  out += "API 调用：读取 " + std::to_string(snapshot_calls) + " 次，写入 " + std::to_string(s.calls.write_calls) +
         " 次（下限 " + std::to_string(plan.lower_bound.total()) + "），重试 " + std::to_string(s.calls.retries) + " 次\n";
  if (s.cancelled) out += "已取消：未写入的行再次运行 sync 即可完成，不会重复。\n";
  for (const auto& r : report.rows) {
    if (r.result != RowResult::kFailed) continue;
    out += "失败：第" + std::to_string(r.line) + "行 " + r.user_id + " " + r.course + "：" + r.detail +
           (r.feishu_code != 0 ? "（" + std::to_string(r.feishu_code) + "）" : std::string()) + "\n";
  }
  return out;
}

json sync_result_json(const SyncReport& report, const Plan& plan, const ExecSummary& s, size_t snapshot_calls) {
  const auto& c = report.counts;
  return json{{"summary", report.summary()},
              {"counts", {{"students_created", c.students_created}, {"students_updated", c.students_updated},
                          {"records_created", c.records_created}, {"skipped", c.skipped}, {"failed", c.failed},
                          {"pending", c.pending}}},
              {"cancelled", s.cancelled},
              {"api", {{"snapshot_calls", snapshot_calls}, {"write_calls", s.calls.write_calls}, {"retries", s.calls.retries},
                       {"reconcile_reads", s.calls.read_calls}, {"calls", snapshot_calls + s.calls.calls},
                       {"write_calls_lower_bound", plan.lower_bound.total()}}}};
}

}  // namespace ss
