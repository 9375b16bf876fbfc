// excel_guard.cpp — see excel_guard.h.
#include "normalize/excel_guard.h"

namespace ss {

std::string_view strip_excel_guard(std::string_view s) {
  while (!s.empty() && s.front() == '\t') s.remove_prefix(1);
  if (s.size() >= 3 && s[0] == '=' && s[1] == '"' && s.back() == '"') return s.substr(2, s.size() - 3);
  if (!s.empty() && (s.front() == '\'' || s.front() == '=')) s.remove_prefix(1);
  return s;
}

}  // namespace ss
