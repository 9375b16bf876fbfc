// row_normalizer.cpp — see row_normalizer.h.
#include "normalize/row_normalizer.h"

#include <algorithm>
#include <cstdint>

#include "normalize/cell_cleaning.h"
#include "normalize/date_parser.h"
#include "normalize/field_converter.h"
#include "normalize/phone_normalizer.h"
#include "text/ascii_words.h"
#include "text/utf8.h"

namespace ss {
namespace {

std::string line_prefix(int line) { return "第" + std::to_string(line) + "行："; }

// Texts of eight bytes or more as overlapping words, the last one ending at the text's end: no loop over
// the bytes of the tail (a 26-byte 用户ID is four words).
bool is_ascii(std::string_view s) {
  const size_t n = s.size();
  if (n < 8) {
    for (char c : s) {
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
  }
  uint64_t any = word_at(s.data() + n - 8);
  for (size_t i = 0; i + 8 <= n; i += 8) any |= word_at(s.data() + i);
  return (any & 0x8080808080808080ULL) == 0;
}

// A trimmed 用户ID that clean_user_id() would leave as it is (the usual u_xxx ID): ASCII, no guard.
bool is_usual_user_id(std::string_view trimmed) {
  return !trimmed.empty() && trimmed.front() != '\t' && trimmed.front() != '\'' && trimmed.front() != '=' && is_ascii(trimmed);
}

// The 昵称 kept exactly as in the file, or none when the cell is blank. (Inline: GCC otherwise called it
// from add_common_row, 2M instructions more on the 100k export.)
inline std::string_view nickname_of(std::string_view cell, TextArena& text) {
  return is_blank_text(cell) ? std::string_view() : text.keep(cell);
}

// The cell without one leading tab, the guard Excel users put before a phone so that it stays text.
// Trimming removes it anyway; dropped by a select first, because the cells that have it (one phone in
// twenty in an export) sent trim_unicode_view to its slow path at random. The first byte is read from
// the cell, or from a NUL when the cell is empty.
inline std::string_view without_leading_tab(std::string_view cell) {
  const size_t tab = *(cell.empty() ? "" : cell.data()) == '\t';
  return {cell.data() + tab, cell.size() - tab};
}

// The 用户ID as clean_user_id() would make it, as a view when nothing but trimming was needed;
// otherwise the cleaned copy, kept in the arena. `trimmed` is trim_unicode_view(raw).
std::string_view user_id_of(std::string_view raw, std::string_view trimmed, TextArena& text) {
  if (is_usual_user_id(trimmed)) return text.keep(trimmed);
  return text.keep(clean_user_id(raw));
}

}  // namespace

Result<RowNormalizer> RowNormalizer::start(const std::vector<std::string>& headers, const ColumnMapping& mapping,
                                           const SyncSchema& schema, std::shared_ptr<TextArena> text) {
  auto resolved = resolve_columns(headers, mapping);
  if (!resolved) return resolved.error();
  for (const auto& extra : resolved->extras) {
    if (!is_supported_extra_type(extra.spec.field_type)) {
      return Error{kErrBadMapping, "附加列“" + extra.spec.column + "”对应的飞书字段“" + extra.spec.field + "”类型为 " +
                                       std::to_string(extra.spec.field_type) + "，这种字段不能从 CSV 写入。"};
    }
  }
  RowNormalizer n;
  n.out_.text = std::move(text);
  n.out_.columns = std::move(resolved).value();
  n.utc_offset_ = schema.utc_offset_minutes;
  n.dates_ = DateCache(n.out_.text->last_adopted());
  n.phone_field_type_ = schema.phone_field_type;
  if (!trim_unicode(mapping.fixed_date).empty()) {
    n.fixed_date_ = parse_date(mapping.fixed_date, n.utc_offset_);
    if (!n.fixed_date_) {
      return Error{kErrBadValue, "为整个文件选择的日期“" + mapping.fixed_date + "”无法识别，请写成 2024-01-15 这样的日期。"};
    }
  }
  n.fixed_course_ = n.out_.text->keep(clean_course(mapping.fixed_course));
  const ResolvedColumns& cols = n.out_.columns;
  n.common_layout_ = cols.extras.empty() && !n.fixed_date_ && n.fixed_course_.empty() &&
                     std::all_of(cols.index.begin(), cols.index.end(), [](int column) { return column >= 0; });
  n.common_rows_ = n.common_layout_;
  return n;
}

// A row of the common layout whose every cell is in the usual shape (an ASCII 用户ID, a phone of eleven
// digits or one of quick_mobile_number's shapes, a course, a date parse_date takes without a warning):
// the row add() would keep, without its general machinery (the blank-row and width checks, the lists
// of errors and warnings, the roles looked up one by one, the extra columns). False for any other row,
// having written nothing: add() then takes it as before. Why: this is most rows of an export, and the
// general path's bookkeeping was a third of add()'s instructions.
bool RowNormalizer::add_common_row(int line, const std::string_view* cells) {
  const ResolvedColumns& cols = out_.columns;
  const std::string_view date_cell = cells[cols[ColumnRole::kDate]];
  const DateCache::Key date_key = dates_.key(date_cell);
  const std::string_view user_id = trim_unicode_view(cells[cols[ColumnRole::kUserId]]);
  if (!is_usual_user_id(user_id)) return false;
  const std::string_view course = trim_unicode_view_varied(cells[cols[ColumnRole::kCourse]]);
  if (course.empty()) return false;
  const std::string_view phone_cell = trim_unicode_view(without_leading_tab(cells[cols[ColumnRole::kPhone]]));
  char buffer[24];
  const std::string_view phone = quick_mobile_number(phone_cell, buffer);
  if (phone.empty() && !phone_cell.empty()) return false;
  int32_t day;
  if (!dates_.find(date_key, day)) {
    const std::optional<ParsedDate> date = parse_date(date_cell, utc_offset_);
    if (!date || date->from_excel_serial) return false;
    day = static_cast<int32_t>(date->day);
    dates_.remember(date_key, day);
  }

  TextArena& text = *out_.text;
  ++out_.data_row_count;
  keep_row(line, day, static_cast<uint32_t>(out_.extra_values.size()), text.keep(user_id),
           nickname_of(cells[cols[ColumnRole::kNickname]], text), text.keep(phone), text.keep(course));
  return true;
}

void RowNormalizer::keep_row(int line, int32_t day, uint32_t first_extra, std::string_view user_id,
                             std::string_view nickname, std::string_view phone, std::string_view course) {
  ImportRow& row = out_.rows.emplace_back();
  row.line = line;
  row.day = day;
  row.first_extra = first_extra;
  row.extra_count = static_cast<uint32_t>(out_.extra_values.size()) - first_extra;
  row.set_user_id(user_id);
  row.set_nickname(nickname);
  row.set_phone(phone);
  row.set_course(course);
}

void RowNormalizer::add_general(int line, const std::string_view* cells, size_t cell_count) {
  const auto cell = [&](int column) { return column >= 0 && static_cast<size_t>(column) < cell_count ? cells[column] : std::string_view(); };
  // The first cell trimmed once, for the blank-row check and (usually the 用户ID's column) the 用户ID.
  const std::string_view first_trimmed = cell_count != 0 ? trim_unicode_view(cells[0]) : std::string_view();
  bool blank = first_trimmed.empty();
  for (size_t c = 1; c < cell_count && blank; ++c) blank = trim_unicode_view(cells[c]).empty();
  if (blank) return;
  ++out_.data_row_count;

  const ResolvedColumns& cols = out_.columns;
  TextArena& text = *out_.text;
  const size_t width = static_cast<size_t>(cols.width);
  errors_.clear();
  warnings_.clear();
  // The fields as locals, the row built once at the end: value-initialising the struct first compiled
  // to `rep stos`, whose start-up cost was a quarter of this function.
  std::string_view user_id, nickname, phone, course;
  int32_t day = 0;
  const auto first_extra = static_cast<uint32_t>(out_.extra_values.size());

  size_t row_width = cell_count;
  if (row_width > width) {
    bool extra_empty = true;
    for (size_t c = width; c < row_width; ++c) extra_empty = extra_empty && trim_unicode_view(cells[c]).empty();
    if (extra_empty) row_width = width;
  }
  const int user_column = cols[ColumnRole::kUserId];
  const std::string_view raw_user_id = cell(user_column);
  user_id = user_id_of(raw_user_id, user_column == 0 ? first_trimmed : trim_unicode_view(raw_user_id), text);
  if (row_width != width) {
    errors_.push_back("这一行有 " + std::to_string(cell_count) + " 列，但表头有 " + std::to_string(width) +
                      " 列，整行没有导入（可能少了或多了一个分隔符，或引号不配对）");
  } else {
    // Here the row has every column of the header, and a mapped column is one of them: no check of
    // the row's width, only of whether the role is mapped.
    const auto mapped = [&](int column) { return column >= 0 ? cells[column] : std::string_view(); };
    if (user_id.empty()) errors_.push_back("用户ID为空");

    if (const int col = cols[ColumnRole::kNickname]; col >= 0) nickname = nickname_of(mapped(col), text);

    if (const int col = cols[ColumnRole::kPhone]; col >= 0) {
      const std::string_view raw = mapped(col);
      const std::string_view trimmed = trim_unicode_view(raw);
      char buffer[24];
      if (const std::string_view quick = quick_mobile_number(trimmed, buffer); !quick.empty()) {
        phone = text.keep(quick);  // the usual shapes: nothing normalize_phone would change but separators
      } else if (!trimmed.empty()) {
        PhoneResult result = normalize_phone(raw, phone_field_type_);
        if (result.status == PhoneStatus::kError) errors_.push_back(std::move(result.message));
        if (result.status == PhoneStatus::kWarning) warnings_.push_back(std::move(result.message));
        phone = text.keep(result.value);
      }
    }

    if (!fixed_course_.empty()) {
      course = fixed_course_;
    } else {
      course = text.keep(trim_unicode_view(mapped(cols[ColumnRole::kCourse])));
      if (course.empty()) errors_.push_back("课程为空");
    }

    if (fixed_date_) {
      day = static_cast<int32_t>(fixed_date_->day);
    } else {
      const std::string_view raw = mapped(cols[ColumnRole::kDate]);
      const std::string_view shown = trim_unicode_view(raw);
      if (shown.empty()) {
        errors_.push_back("学习日期为空");
      } else if (auto d = parse_date(raw, utc_offset_)) {
        day = static_cast<int32_t>(d->day);
        if (d->from_excel_serial) {
          warnings_.push_back("学习日期 " + std::string(shown) + " 看起来是 Excel 的日期序号，已按 " + format_date(d->date) +
                              " 导入，请核对（把该列设为日期格式后重新导出可避免）");
        }
      } else {
        errors_.push_back("学习日期“" + std::string(shown) + "”无法识别，请写成 2024-01-15、2024/1/15 或 2024年1月15日 这样的日期");
      }
    }

    for (uint32_t e = 0; e < cols.extras.size(); ++e) {
      const auto& spec = cols.extras[e].spec;
      ConvertedCell converted = convert_cell(mapped(cols.extras[e].column), spec.field_type, utc_offset_, spec.field);
      if (!converted.warning.empty()) warnings_.push_back(std::move(converted.warning));
      if (!converted.value.is_null()) out_.extra_values.push_back({e, std::move(converted.value)});
    }

  }

  for (const auto& e : errors_) out_.issues.push_back({line, Severity::kError, line_prefix(line) + e});
  for (const auto& w : warnings_) out_.issues.push_back({line, Severity::kWarning, line_prefix(line) + w});
  if (!errors_.empty()) {
    out_.extra_values.resize(first_extra);  // a rejected row keeps nothing
    std::string reason;
    for (const auto& e : errors_) reason += (reason.empty() ? "" : "；") + e;
    out_.rejected.push_back({line, std::string(user_id), std::move(reason)});
    return;
  }
  keep_row(line, day, first_extra, user_id, nickname, phone, course);
}

Result<ImportRows> RowNormalizer::finish() {
  if (out_.data_row_count == 0) {
    return Error{kErrNoDataRows, "文件只有表头，没有数据行（没有任何学员记录），没有可导入的内容。"};
  }
  return std::move(out_);
}

Result<ImportRows> normalize_rows(const CsvTable& table, const ColumnMapping& mapping, const SyncSchema& schema) {
  if (table.record_count() == 0) return Error{kErrEmptyFile, "文件是空的，没有任何内容。"};
  std::vector<std::string> headers;
  for (size_t c = 0; c < table.width(0); ++c) headers.emplace_back(table.cell(0, c));
  auto text = std::make_shared<TextArena>();
  const std::string_view cell_text = text->adopt(table.text);
  auto normalizer = RowNormalizer::start(headers, mapping, schema, text);
  if (!normalizer) return normalizer.error();
  std::vector<std::string_view> cells;
  for (size_t r = 1; r < table.record_count(); ++r) {
    cells.clear();
    const CsvRecord& record = table.records[r];
    for (uint32_t c = 0; c < record.cell_count; ++c) {
      const CsvCell& cell = table.cells[record.first_cell + c];
      cells.push_back(cell_text.substr(cell.offset, cell.size));
    }
    normalizer->add(record.line, cells.data(), cells.size());
  }
  return normalizer->finish();
}

}  // namespace ss
