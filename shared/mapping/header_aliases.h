// header_aliases.h — which CSV column means what: header normalisation and the built-in 小鹅通 aliases.
//
// Why normalise: real exports write `用户id`, `用户 ID`, `城 市` (a space between characters), full-width
// letters and stray BOMs/zero-width characters in headers. Comparison therefore ignores case, all
// spaces (ASCII, full-width, NBSP), zero-width characters, underscores, and folds full-width ASCII.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ss {

enum class ColumnRole { kUserId, kNickname, kPhone, kCourse, kDate };
constexpr int kColumnRoleCount = 5;

// "用户 ID" → "用户id", "User_ID" → "userid", "城 市" → "城市".
std::string normalize_header(std::string_view header);

// Built-in aliases of a role, in priority order, as staff would write them (e.g. 手机号, 手机, 电话, 联系电话).
const std::vector<std::string>& column_aliases(ColumnRole role);

// Priority of `header` for `role` (0 = best), or nullopt when it is not an alias of that role.
std::optional<int> alias_rank(ColumnRole role, std::string_view header);

// The role's name in the default schema, for messages: "用户ID", "昵称", "手机号", "课程", "学习日期".
const char* role_display_name(ColumnRole role);
// Key used in saved mappings: "user_id", "nickname", "phone", "course", "date".
const char* role_key(ColumnRole role);

}  // namespace ss
