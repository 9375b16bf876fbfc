// row_normalizer.h — CSV records + column mapping → validated ImportRows (issue 4, item 4).
//
// File-level failures (nothing can be imported) are errors: no data rows (kErrNoDataRows), a missing
// 用户ID column or course/date source (from resolve_columns), an unreadable fixed date, an extra column
// of a type a CSV cell cannot fill. Row-level problems never stop the other rows: a row with any error is
// rejected with all its reasons; warnings keep the row. Fully empty rows (",,,,") are skipped silently.
// Ragged rows (a different cell count than the header) are rejected, except that extra trailing cells
// that are all empty are ignored (Excel adds them).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/sync_schema.h"
#include "core/text_arena.h"
#include "csv/csv_reader.h"
#include "mapping/column_mapping.h"
#include "normalize/date_cache.h"
#include "normalize/date_parser.h"
#include "normalize/import_rows.h"

namespace ss {

// Streaming form, so the importer can normalise each record as the CSV scanner reads it:
// start() with the header, add() every data record, finish().
class RowNormalizer {
 public:
  // `text` is the arena the rows will point into; cells outside it are copied into it when kept.
  static Result<RowNormalizer> start(const std::vector<std::string>& headers, const ColumnMapping& mapping,
                                     const SyncSchema& schema, std::shared_ptr<TextArena> text);
  void add(int line, const std::string_view* cells, size_t cell_count) {
    // Inline: most rows take the shortcut, without a call on the way to it.
    if (common_rows_ && cell_count == static_cast<size_t>(out_.columns.width) && add_common_row(line, cells)) return;
    add_general(line, cells, cell_count);
  }
  // Off: every row through the general path, the oracle the tests hold the common-row shortcut to.
  void set_common_row_shortcut(bool on) { common_rows_ = on && common_layout_; }
  // Room for `rows` rows up front: growing a 100,000-row vector by doubling copies it and, at the
  // moment of each copy, holds it twice.
  void reserve(size_t rows) { out_.rows.reserve(rows); }
  size_t row_count() const { return out_.rows.size(); }
  // Error kErrNoDataRows when no record had any content.
  Result<ImportRows> finish();

 private:
  RowNormalizer() = default;
  bool add_common_row(int line, const std::string_view* cells);
  void add_general(int line, const std::string_view* cells, size_t cell_count);
  // Appends a valid row of values already kept in the arena; its extra values are those added since
  // `first_extra`.
  void keep_row(int line, int32_t day, uint32_t first_extra, std::string_view user_id, std::string_view nickname,
                std::string_view phone, std::string_view course);

  ImportRows out_;
  int utc_offset_ = 0;
  int phone_field_type_ = 0;
  std::optional<ParsedDate> fixed_date_;
  DateCache dates_{std::string_view()};  // of add_common_row's dates
  std::string_view fixed_course_;
  // Every role from its own column and no extra columns: the layout add_common_row handles.
  bool common_layout_ = false;
  bool common_rows_ = false;  // add_common_row tried first
  std::vector<std::string> errors_;  // of the current row, reused
  std::vector<std::string> warnings_;
};

Result<ImportRows> normalize_rows(const CsvTable& table, const ColumnMapping& mapping, const SyncSchema& schema);

}  // namespace ss
