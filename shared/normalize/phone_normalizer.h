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

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "text/ascii_words.h"

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

// A mobile number alone ("13800138000") or after "+86 ", the two shapes of nine phone cells in ten of
// an export (`trimmed`: a cell already trimmed), whose digits are in the cell as they are: those digits,
// a view into it; empty for anything else. Both shapes are read the same way, from byte 0 or byte 4, each
// as two overlapping words, so which one a row has takes no branch (it went either way at random from
// row to row). Inline: the importer calls it on every row.
inline std::string_view plain_mobile_digits(std::string_view trimmed) {
  const size_t n = trimmed.size();
  if (n < 11) return {};
  const char* p = trimmed.data();
  const size_t from = n == 15 ? 4 : 0;
  uint32_t head;
  std::memcpy(&head, p, 4);
  const bool shape = (n == 11) | ((n == 15) & (head == 0x2036382Bu));  // "+86 ", little-endian
  const bool digits = (p[from] == '1') & ((non_digit_tops(word_at(p + from)) | non_digit_tops(word_at(p + from + 3))) == 0);
  return (shape & digits) ? trimmed.substr(from, 11) : std::string_view();
}

// normalize_phone's shortcut for the shapes exports use most ("13800138000", "+86 138 0013 8000",
// "138-0013-8000", "(0086)13800138000"), for a caller that needs only the digits: when `trimmed` (a cell
// already trimmed) has one of them, the eleven digits normalize_phone would return with kOk and no
// message, as a view into `trimmed` (plain_mobile_digits' shapes) or written to `buffer`; an empty view
// otherwise, and normalize_phone decides. Why: the importer takes this path for every row with a phone,
// and a PhoneResult's two strings cost more than it. Inline for plain_mobile_digits' shapes (nine cells
// in ten); the others out of line.
std::string_view quick_mobile_number_other_shapes(std::string_view trimmed, char (&buffer)[24]);
inline std::string_view quick_mobile_number(std::string_view trimmed, char (&buffer)[24]) {
  const std::string_view plain = plain_mobile_digits(trimmed);
  return plain.empty() ? quick_mobile_number_other_shapes(trimmed, buffer) : plain;
}

// True when `text` matches `(\+)?\d*` (what a type-13 field accepts).
bool is_phone_field_value(std::string_view text);

}  // namespace ss
