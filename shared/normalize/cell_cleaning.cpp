// cell_cleaning.cpp — see cell_cleaning.h.
#include "normalize/cell_cleaning.h"

#include "normalize/excel_guard.h"
#include "text/utf8.h"

namespace ss {

std::string clean_user_id(std::string_view raw) {
  const std::string_view unguarded = strip_excel_guard(trim_unicode_view(raw));
  // Zero-width characters are all non-ASCII: an ASCII ID (the usual u_xxx) has none to remove.
  bool ascii = true;
  for (char c : unguarded) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    const std::string_view trimmed = trim_unicode_view(unguarded);  // a guard may have hidden spaces
    return std::string(trimmed);
  }
  std::string out;
  out.reserve(unguarded.size());
  size_t pos = 0;
  size_t run = 0;  // start of the bytes not yet copied
  while (pos < unguarded.size()) {
    const size_t start = pos;
    const char32_t cp = next_code_point(unguarded, pos);
    if (!is_zero_width(cp)) continue;
    out.append(unguarded.data() + run, start - run);
    run = pos;
  }
  out.append(unguarded.data() + run, unguarded.size() - run);
  if (out.size() == unguarded.size() && trim_unicode_view(out).size() == out.size()) return out;
  return trim_unicode(out);
}

std::string clean_course(std::string_view raw) { return trim_unicode(raw); }

}  // namespace ss
