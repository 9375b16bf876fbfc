// field_converter.cpp — see field_converter.h.
#include "normalize/field_converter.h"

#include <cmath>
#include <cstdlib>

#include "core/sync_schema.h"
#include "normalize/date_parser.h"
#include "normalize/excel_guard.h"
#include "normalize/phone_normalizer.h"
#include "text/utf8.h"

namespace ss {
namespace {

using nlohmann::json;

bool parse_number(std::string_view text, double& out) {
  std::string s;
  for (char c : text) {
    if (c == ',' || c == ' ') continue;  // thousands separators
    s.push_back(c);
  }
  for (std::string_view sign : {"¥", "$", "%"}) {
    if (s.size() >= sign.size() && s.compare(0, sign.size(), sign) == 0) s.erase(0, sign.size());
  }
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  }
  return s;
}

}  // namespace

bool is_supported_extra_type(int t) {
  return t == kFieldText || t == kFieldNumber || t == kFieldSingleSelect || t == kFieldMultiSelect ||
         t == kFieldDate || t == kFieldCheckbox || t == kFieldPhone || t == kFieldUrl;
}

ConvertedCell convert_cell(std::string_view raw, int type, int utc_offset_minutes, std::string_view field_name) {
  ConvertedCell out;
  const std::string text = trim_unicode(raw);
  if (text.empty()) return out;
  const std::string name(field_name);
  switch (type) {
    case kFieldText:
    case kFieldSingleSelect:
      out.value = text;
      break;
    case kFieldNumber: {
      double v = 0;
      if (parse_number(fold_full_width(strip_excel_guard(text)), v)) {
        out.value = v;
      } else {
        out.warning = name + "“" + text + "”不是数字，没有写入";
      }
      break;
    }
    case kFieldMultiSelect: {
      json options = json::array();
      std::string current;
      const auto flush = [&]() {
        std::string t = trim_unicode(current);
        if (!t.empty()) options.push_back(t);
        current.clear();
      };
      size_t pos = 0;
      while (pos < text.size()) {
        const size_t start = pos;
        const char32_t cp = next_code_point(text, pos);
        if (cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == ';' || cp == 0xFF1B) {
          flush();
        } else {
          current.append(text, start, pos - start);
        }
      }
      flush();
      if (!options.empty()) out.value = std::move(options);
      break;
    }
    case kFieldDate: {
      auto d = parse_date(text, utc_offset_minutes);
      if (d) {
        out.value = d->midnight_ms;
      } else {
        out.warning = name + "“" + text + "”不是能识别的日期，没有写入";
      }
      break;
    }
    case kFieldCheckbox: {
      const std::string v = lower_ascii(text);
      if (v == "是" || v == "true" || v == "1" || v == "yes" || v == "y" || v == "√" || v == "✓" || v == "对") {
        out.value = true;
      } else if (v == "否" || v == "false" || v == "0" || v == "no" || v == "n" || v == "×" || v == "不是") {
        out.value = false;
      } else {
        out.warning = name + "“" + text + "”不是 是/否，没有写入";
      }
      break;
    }
    case kFieldPhone: {
      PhoneResult p = normalize_phone(text, kFieldPhone);
      if (!p.value.empty()) out.value = p.value;
      if (!p.message.empty()) out.warning = name + "：" + p.message;
      break;
    }
    case kFieldUrl:
      if (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0) {
        out.value = json{{"text", text}, {"link", text}};
      } else {
        out.warning = name + "“" + text + "”不是 http(s) 链接，没有写入";
      }
      break;
    default:
      out.warning = name + " 的字段类型（" + std::to_string(type) + "）不能从 CSV 写入";
      break;
  }
  return out;
}

}  // namespace ss
