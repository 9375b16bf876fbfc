// cell_cleaning.cpp — see cell_cleaning.h.
#include "normalize/cell_cleaning.h"

#include "normalize/excel_guard.h"
#include "text/utf8.h"

namespace ss {

std::string clean_user_id(std::string_view raw) {
  const std::string_view unguarded = strip_excel_guard(trim_unicode_view(raw));
  std::string out;
  out.reserve(unguarded.size());
  size_t pos = 0;
  while (pos < unguarded.size()) {
    const size_t start = pos;
    const char32_t cp = next_code_point(unguarded, pos);
    if (is_zero_width(cp)) continue;
    out.append(unguarded.data() + start, pos - start);
  }
  if (out.size() == unguarded.size() && trim_unicode_view(out).size() == out.size()) return out;
  return trim_unicode(out);
}

std::string clean_course(std::string_view raw) { return trim_unicode(raw); }

}  // namespace ss
