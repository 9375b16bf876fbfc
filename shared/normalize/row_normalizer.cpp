// row_normalizer.cpp — see row_normalizer.h.
#include "normalize/row_normalizer.h"

#include "normalize/cell_cleaning.h"
#include "normalize/date_parser.h"
#include "normalize/field_converter.h"
#include "normalize/phone_normalizer.h"
#include "text/utf8.h"

namespace ss {
namespace {

std::string line_prefix(int line) { return "第" + std::to_string(line) + "行："; }

bool row_is_blank(const CsvTable& t, size_t r) {
  for (size_t c = 0; c < t.width(r); ++c) {
    if (!trim_unicode_view(t.cell(r, c)).empty()) return false;
  }
  return true;
}

// Collects one row's problems, then files them.
struct RowProblems {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

}  // namespace

Result<ImportRows> normalize_rows(const CsvTable& table, const ColumnMapping& mapping, const SyncSchema& schema) {
  if (table.record_count() == 0) return Error{kErrEmptyFile, "文件是空的，没有任何内容。"};
  std::vector<std::string> headers;
  for (size_t c = 0; c < table.width(0); ++c) headers.emplace_back(table.cell(0, c));

  auto resolved = resolve_columns(headers, mapping);
  if (!resolved) return resolved.error();
  ImportRows out;
  out.columns = std::move(resolved).value();
  const ResolvedColumns& cols = out.columns;

  for (const auto& extra : cols.extras) {
    if (!is_supported_extra_type(extra.spec.field_type)) {
      return Error{kErrBadMapping, "附加列“" + extra.spec.column + "”对应的飞书字段“" + extra.spec.field + "”类型为 " +
                                       std::to_string(extra.spec.field_type) + "，这种字段不能从 CSV 写入。"};
    }
  }

  const int offset = schema.utc_offset_minutes;
  std::optional<ParsedDate> fixed_date;
  if (!trim_unicode(mapping.fixed_date).empty()) {
    fixed_date = parse_date(mapping.fixed_date, offset);
    if (!fixed_date) {
      return Error{kErrBadValue, "为整个文件选择的日期“" + mapping.fixed_date + "”无法识别，请写成 2024-01-15 这样的日期。"};
    }
  }
  const std::string fixed_course = clean_course(mapping.fixed_course);

  const int col_user = cols[ColumnRole::kUserId];
  const int col_nick = cols[ColumnRole::kNickname];
  const int col_phone = cols[ColumnRole::kPhone];
  const int col_course = cols[ColumnRole::kCourse];
  const int col_date = cols[ColumnRole::kDate];
  const size_t width = static_cast<size_t>(cols.width);

  out.rows.reserve(table.record_count());
  RowProblems p;
  for (size_t r = 1; r < table.record_count(); ++r) {
    if (row_is_blank(table, r)) continue;
    ++out.data_row_count;
    const int line = table.line(r);
    p.errors.clear();
    p.warnings.clear();
    ImportRow row;
    row.line = line;

    size_t row_width = table.width(r);
    if (row_width > width) {
      bool extra_empty = true;
      for (size_t c = width; c < row_width; ++c) extra_empty = extra_empty && trim_unicode_view(table.cell(r, c)).empty();
      if (extra_empty) row_width = width;
    }
    row.user_id = clean_user_id(table.cell(r, col_user));
    if (row_width != width) {
      p.errors.push_back("这一行有 " + std::to_string(table.width(r)) + " 列，但表头有 " + std::to_string(width) +
                         " 列，整行没有导入（可能少了或多了一个分隔符，或引号不配对）");
    } else {
      if (row.user_id.empty()) p.errors.push_back("用户ID为空");

      if (col_nick >= 0) {
        std::string_view nick = table.cell(r, col_nick);
        if (!trim_unicode_view(nick).empty()) row.nickname.assign(nick);
      }

      if (col_phone >= 0) {
        PhoneResult phone = normalize_phone(table.cell(r, col_phone), schema.phone_field_type);
        if (phone.status == PhoneStatus::kError) p.errors.push_back(phone.message);
        if (phone.status == PhoneStatus::kWarning) p.warnings.push_back(phone.message);
        row.phone = std::move(phone.value);
      }

      if (!fixed_course.empty()) {
        row.course = fixed_course;
      } else {
        row.course = clean_course(table.cell(r, col_course));
        if (row.course.empty()) p.errors.push_back("课程为空");
      }

      if (fixed_date) {
        row.date_ms = fixed_date->midnight_ms;
        row.day = static_cast<int32_t>(days_from_civil(fixed_date->date.year, fixed_date->date.month, fixed_date->date.day));
      } else {
        std::string_view raw = table.cell(r, col_date);
        const std::string_view shown = trim_unicode_view(raw);
        if (shown.empty()) {
          p.errors.push_back("学习日期为空");
        } else if (auto d = parse_date(raw, offset)) {
          row.date_ms = d->midnight_ms;
          row.day = static_cast<int32_t>(days_from_civil(d->date.year, d->date.month, d->date.day));
          if (d->from_excel_serial) {
            p.warnings.push_back("学习日期 " + std::string(shown) + " 看起来是 Excel 的日期序号，已按 " + format_date(d->date) +
                                 " 导入，请核对（把该列设为日期格式后重新导出可避免）");
          }
        } else {
          p.errors.push_back("学习日期“" + std::string(shown) + "”无法识别，请写成 2024-01-15、2024/1/15 或 2024年1月15日 这样的日期");
        }
      }

      for (uint32_t e = 0; e < cols.extras.size(); ++e) {
        const auto& spec = cols.extras[e].spec;
        ConvertedCell cell = convert_cell(table.cell(r, cols.extras[e].column), spec.field_type, offset, spec.field);
        if (!cell.warning.empty()) p.warnings.push_back(cell.warning);
        if (!cell.value.is_null()) row.extras.push_back({e, std::move(cell.value)});
      }
    }

    for (const auto& e : p.errors) out.issues.push_back({line, Severity::kError, line_prefix(line) + e});
    for (const auto& w : p.warnings) out.issues.push_back({line, Severity::kWarning, line_prefix(line) + w});
    if (!p.errors.empty()) {
      std::string reason;
      for (const auto& e : p.errors) reason += (reason.empty() ? "" : "；") + e;
      out.rejected.push_back({line, row.user_id, std::move(reason)});
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  if (out.data_row_count == 0) {
    return Error{kErrNoDataRows, "文件只有表头，没有数据行（没有任何学员记录），没有可导入的内容。"};
  }
  return out;
}

}  // namespace ss
