// field_converter.h — converts a CSV cell for an extra Bitable field, by the field's type, into the
// value Feishu expects on write (feishu-bitable-api.md §5, WRITE column).
//
// Supported types: 1 text, 2 number, 3 single select, 4 multi select (split on , ， 、 ;), 5 date
// (same rules as 学习日期), 7 checkbox (是/否, true/false, 1/0, √), 13 phone, 15 URL. Links, people,
// attachments and computed fields cannot come from a CSV cell (is_supported_extra_type is false).
// A cell that cannot be converted gives a warning and no value: extra columns are never a reason to
// reject a whole row.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ss {

bool is_supported_extra_type(int field_type);

struct ConvertedCell {
  nlohmann::json value;  // null = nothing to write (empty cell or not convertible)
  std::string warning;   // Chinese, without the line prefix
};

ConvertedCell convert_cell(std::string_view text, int field_type, int utc_offset_minutes, std::string_view field_name);

}  // namespace ss
