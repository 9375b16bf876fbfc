// import_rows.h — the validated rows of one file: what planning consumes, plus everything rejected or
// warned about, each with its line number (header = line 1; a row spanning several lines because of a
// quoted newline has the line where it starts).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mapping/column_mapping.h"

namespace ss {

struct ExtraValue {
  uint32_t extra = 0;     // index into ResolvedColumns::extras
  nlohmann::json value;   // write shape, never null
};

struct ImportRow {
  int line = 0;
  std::string user_id;   // cleaned, never empty
  std::string nickname;  // exactly as in the file; empty = none
  std::string phone;     // normalised; empty = none (or not writable)
  std::string course;    // never empty
  int64_t date_ms = 0;   // local midnight, UTC epoch ms
  int32_t day = 0;       // days since 1970-01-01 in the Base's zone (the dedupe key)
  std::vector<ExtraValue> extras;
};

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
  ResolvedColumns columns;
  std::vector<ImportRow> rows;          // valid rows, in line order
  std::vector<RejectedRow> rejected;    // in line order
  std::vector<RowIssue> issues;         // warnings and errors, in line order
  size_t data_row_count = 0;            // non-blank data rows in the file
};

}  // namespace ss
