// header_aliases.cpp — see header_aliases.h.
#include "mapping/header_aliases.h"

#include "text/utf8.h"

namespace ss {

std::string normalize_header(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  size_t pos = 0;
  while (pos < header.size()) {
    char32_t cp = fold_full_width(next_code_point(header, pos));
    if (is_unicode_space(cp) || is_zero_width(cp) || cp == '_') continue;
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    append_utf8(out, cp);
  }
  return out;
}

const std::vector<std::string>& column_aliases(ColumnRole role) {
  static const std::vector<std::string> kUserId{"用户ID", "用户id", "user_id"};
  static const std::vector<std::string> kNickname{"昵称", "用户昵称", "微信昵称"};
  static const std::vector<std::string> kPhone{"手机号", "手机", "电话", "联系电话"};
  static const std::vector<std::string> kCourse{"课程", "课程名称", "商品名称", "购买商品"};
  static const std::vector<std::string> kDate{"学习日期", "报名时间", "报名日期", "支付时间", "订单时间"};
  switch (role) {
    case ColumnRole::kUserId: return kUserId;
    case ColumnRole::kNickname: return kNickname;
    case ColumnRole::kPhone: return kPhone;
    case ColumnRole::kCourse: return kCourse;
    case ColumnRole::kDate: return kDate;
  }
  return kUserId;
}

std::optional<int> alias_rank(ColumnRole role, std::string_view header) {
  const std::string key = normalize_header(header);
  if (key.empty()) return std::nullopt;
  const auto& aliases = column_aliases(role);
  for (size_t i = 0; i < aliases.size(); ++i) {
    if (normalize_header(aliases[i]) == key) return static_cast<int>(i);
  }
  return std::nullopt;
}

const char* role_display_name(ColumnRole role) {
  switch (role) {
    case ColumnRole::kUserId: return "用户ID";
    case ColumnRole::kNickname: return "昵称";
    case ColumnRole::kPhone: return "手机号";
    case ColumnRole::kCourse: return "课程";
    case ColumnRole::kDate: return "学习日期";
  }
  return "?";
}

const char* role_key(ColumnRole role) {
  switch (role) {
    case ColumnRole::kUserId: return "user_id";
    case ColumnRole::kNickname: return "nickname";
    case ColumnRole::kPhone: return "phone";
    case ColumnRole::kCourse: return "course";
    case ColumnRole::kDate: return "date";
  }
  return "?";
}

}  // namespace ss
