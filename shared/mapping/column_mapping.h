// column_mapping.h — the explicit mapping from CSV columns to Bitable fields, saved by the UI and the CLI,
// and its resolution against a file's header.
//
// A role left unset (nullopt) is detected through the built-in aliases; set to "" it is not imported;
// set to a header name it must exist in the file (compared after header normalisation).
// Course and date may instead be given once for the whole file (fixed_course / fixed_date): a fixed
// value applies to every row and takes precedence over any column, because staff chose it explicitly.
// Extra columns go to extra Bitable fields by name, converted by the target field's type.
//
// Saved JSON: {"columns":{"user_id":"用户ID","nickname":null,"phone":"","course":"购买商品","date":null},
//              "fixed_course":"", "fixed_date":"2024-03-01",
//              "extras":[{"column":"城 市","table":"students","field":"城市","type":1}]}
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/sync_schema.h"
#include "mapping/header_aliases.h"

namespace ss {

struct ExtraColumn {
  std::string column;  // header in the file
  TableKind table = TableKind::kStudents;
  std::string field;   // Bitable field name
  int field_type = kFieldText;
};

struct ColumnMapping {
  // Indexed by ColumnRole. nullopt = detect by alias; "" = do not import; otherwise a header name.
  std::array<std::optional<std::string>, kColumnRoleCount> columns;
  std::string fixed_course;  // non-empty: every row's course
  std::string fixed_date;    // non-empty: every row's date, in any accepted date style
  std::vector<ExtraColumn> extras;

  std::optional<std::string>& column(ColumnRole role) { return columns[static_cast<int>(role)]; }
  const std::optional<std::string>& column(ColumnRole role) const { return columns[static_cast<int>(role)]; }
};

nlohmann::json mapping_to_json(const ColumnMapping& mapping);
// Error kErrBadMapping with a Chinese message naming the bad key.
Result<ColumnMapping> mapping_from_json(const nlohmann::json& j);

struct ResolvedExtra {
  int column = -1;
  ExtraColumn spec;
};

// Column indices into the file's header (-1 = not present / not imported).
struct ResolvedColumns {
  std::array<int, kColumnRoleCount> index{-1, -1, -1, -1, -1};
  std::vector<ResolvedExtra> extras;
  std::vector<std::string> headers;  // as in the file
  int width = 0;                     // header column count

  int operator[](ColumnRole role) const { return index[static_cast<int>(role)]; }
};

// Requires a 用户ID column, and a course and a date from a column or a fixed value. Errors name what is
// missing and list the columns the file does have (kErrMissingColumn, kErrMissingValue, kErrBadMapping).
Result<ResolvedColumns> resolve_columns(const std::vector<std::string>& headers, const ColumnMapping& mapping);

// "用户ID、昵称、手机号" — the file's columns, for messages.
std::string list_columns(const std::vector<std::string>& headers);

}  // namespace ss
