// phone_normalizer.h — phone cells to the digits Bitable's phone field accepts, or a reason why not.
//
// Rules (issue 4): spaces, dashes, dots and brackets removed; a +86 / 0086 / 86 country prefix removed;
// Excel guards ('…, ="…", leading tab) removed; full-width digits folded. Excel's scientific notation
// (1.39001E+10) lost digits for good: an error, the row is rejected so staff re-export. A masked number
// (138****0000) or one that is not 11 digits starting with 1 is a warning; a masked number is not written
// (it would overwrite a real number with a useless one).
// A phone field (type 13) only accepts `(\+)?\d*`, at most 64 characters (feishu-bitable-api.md §9.7,
// error 1254072): anything else is not written, with a warning. A text field (type 1) gets the cleaned text.
#pragma once

#include <string>
#include <string_view>

namespace ss {

enum class PhoneStatus { kEmpty, kOk, kWarning, kError };

struct PhoneResult {
  PhoneStatus status = PhoneStatus::kEmpty;
  std::string value;    // what to write; empty = write nothing
  std::string message;  // Chinese, without the line prefix; empty when kOk/kEmpty
};

PhoneResult normalize_phone(std::string_view raw, int phone_field_type);
// The same through the general path only, without the shortcut for common shapes: the oracle the tests
// hold the shortcut to.
PhoneResult normalize_phone_without_shortcut(std::string_view raw, int phone_field_type);

// normalize_phone's shortcut for the shapes exports use most ("+86 138 0013 8000", "138-0013-8000",
// "(0086)13800138000"), for a caller that needs only the digits: when `trimmed` (a cell already
// trimmed) has one of them, the eleven digits normalize_phone would return with kOk and no message,
// written to `buffer`; an empty view otherwise, and normalize_phone decides. Why: the importer takes
// this path for a tenth of a large export's rows, and a PhoneResult's two strings cost more than it.
std::string_view quick_mobile_number(std::string_view trimmed, char (&buffer)[24]);

// True when `text` matches `(\+)?\d*` (what a type-13 field accepts).
bool is_phone_field_value(std::string_view text);

}  // namespace ss
