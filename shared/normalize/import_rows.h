// import_rows.h — the validated rows of one file: what planning consumes, plus everything rejected or
// warned about, each with its line number (header = line 1; a row spanning several lines because of a
// quoted newline has the line where it starts).
//
// Rows hold views into `text` (the decoded file, plus copies of the few values cleaning changed): no
// per-cell allocation, and a 64-byte row per line (48 in wasm), less than the line's own text.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/packed_views.h"
#include "core/span.h"
#include "core/text_arena.h"
#include "mapping/column_mapping.h"

namespace ss {

struct ExtraValue {
  uint32_t extra = 0;     // index into ResolvedColumns::extras
  nlohmann::json value;   // write shape, never null
};

struct ImportRow {
  int line = 0;
  int32_t day = 0;            // days since 1970-01-01 in the Base's zone: the dedupe key, and the date written
  uint32_t first_extra = 0;   // this row's values in ImportRows::extra_values
  uint32_t extra_count = 0;

  std::string_view user_id() const { return text_.get(0); }   // cleaned, never empty
  std::string_view nickname() const { return text_.get(1); }  // exactly as in the file; empty = none
  std::string_view phone() const { return text_.get(2); }     // normalised; empty = none (or not writable)
  std::string_view course() const { return text_.get(3); }    // never empty
  void set_user_id(std::string_view v) { text_.set(0, v); }
  void set_nickname(std::string_view v) { text_.set(1, v); }
  void set_phone(std::string_view v) { text_.set(2, v); }
  void set_course(std::string_view v) { text_.set(3, v); }

 private:
  PackedViews<4> text_;
};

using ExtraValues = Span<ExtraValue>;  // a row's extra values

enum class Severity { kWarning, kError };

struct RowIssue {
  int line = 0;
  Severity severity = Severity::kWarning;
  std::string message;  // "第3行：手机号 1.39001E+10 被 Excel 改成了科学计数法，…"
};

struct RejectedRow {
  int line = 0;
  std::string user_id;  // cleaned, may be empty
  std::string reason;   // every error of the row, joined with "；", without the line prefix
};

struct ImportRows {
  std::shared_ptr<TextArena> text = std::make_shared<TextArena>();  // what the rows' views point into
  ResolvedColumns columns;
  std::vector<ImportRow> rows;          // valid rows, in line order
  std::vector<ExtraValue> extra_values;  // of all rows, in row order
  std::vector<RejectedRow> rejected;    // in line order
  std::vector<RowIssue> issues;         // warnings and errors, in line order
  size_t data_row_count = 0;            // non-blank data rows in the file

  ExtraValues extras(const ImportRow& row) const {
    const ExtraValue* first = extra_values.data() + row.first_extra;
    return {first, first + row.extra_count};
  }
  // The value `row` has for extra column `extra` (index into columns.extras), or nullptr.
  const nlohmann::json* extra_value(const ImportRow& row, uint32_t extra) const {
    for (const ExtraValue& e : extras(row)) {
      if (e.extra == extra) return &e.value;
    }
    return nullptr;
  }
};

}  // namespace ss
