// column_mapping.cpp — see column_mapping.h.
#include "mapping/column_mapping.h"

#include "text/utf8.h"

namespace ss {
namespace {

using nlohmann::json;

constexpr ColumnRole kRoles[] = {ColumnRole::kUserId, ColumnRole::kNickname, ColumnRole::kPhone,
                                 ColumnRole::kCourse, ColumnRole::kDate};

const char* table_key(TableKind t) { return t == TableKind::kStudents ? "students" : "records"; }

int find_header(const std::vector<std::string>& headers, const std::string& wanted) {
  const std::string key = normalize_header(wanted);
  for (size_t i = 0; i < headers.size(); ++i) {
    if (normalize_header(headers[i]) == key) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

std::string list_columns(const std::vector<std::string>& headers) {
  std::string out;
  for (const auto& h : headers) {
    std::string shown = trim_unicode(h);
    if (shown.empty()) continue;
    if (!out.empty()) out += "、";
    out += shown;
  }
  return out.empty() ? "（无）" : out;
}

nlohmann::json mapping_to_json(const ColumnMapping& m) {
  json columns = json::object();
  for (ColumnRole role : kRoles) {
    const auto& c = m.column(role);
    columns[role_key(role)] = c ? json(*c) : json(nullptr);
  }
  json extras = json::array();
  for (const auto& e : m.extras) {
    extras.push_back({{"column", e.column}, {"table", table_key(e.table)}, {"field", e.field}, {"type", e.field_type}});
  }
  return json{{"columns", columns}, {"fixed_course", m.fixed_course}, {"fixed_date", m.fixed_date}, {"extras", extras}};
}

Result<ColumnMapping> mapping_from_json(const nlohmann::json& j) {
  const auto bad = [](const std::string& what) { return Error{kErrBadMapping, "列对应设置格式不对：" + what}; };
  if (!j.is_object()) return bad("应为 JSON 对象");
  ColumnMapping m;
  if (auto it = j.find("columns"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return bad("columns 应为对象");
    for (ColumnRole role : kRoles) {
      auto c = it->find(role_key(role));
      if (c == it->end() || c->is_null()) continue;
      if (!c->is_string()) return bad(std::string("columns.") + role_key(role) + " 应为字符串或 null");
      m.column(role) = c->get<std::string>();
    }
  }
  for (const char* key : {"fixed_course", "fixed_date"}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) return bad(std::string(key) + " 应为字符串");
    (std::string(key) == "fixed_course" ? m.fixed_course : m.fixed_date) = it->get<std::string>();
  }
  if (auto it = j.find("extras"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) return bad("extras 应为数组");
    for (const auto& e : *it) {
      if (!e.is_object()) return bad("extras 的每一项应为对象");
      ExtraColumn x;
      auto column = e.find("column");
      auto field = e.find("field");
      if (column == e.end() || !column->is_string() || field == e.end() || !field->is_string() ||
          field->get_ref<const std::string&>().empty()) {
        return bad("extras 的每一项都要有 column 和 field（字符串）");
      }
      x.column = column->get<std::string>();
      x.field = field->get<std::string>();
      std::string table = "students";
      if (auto t = e.find("table"); t != e.end() && !t->is_null()) {
        if (!t->is_string()) return bad("extras.table 只能是 students 或 records");
        table = t->get<std::string>();
      }
      if (table != "students" && table != "records") return bad("extras.table 只能是 students 或 records");
      x.table = table == "students" ? TableKind::kStudents : TableKind::kRecords;
      auto type = e.find("type");
      if (type != e.end()) {
        if (!type->is_number_integer()) return bad("extras.type 应为飞书字段类型编号");
        x.field_type = type->get<int>();
      }
      m.extras.push_back(std::move(x));
    }
  }
  return m;
}

Result<ResolvedColumns> resolve_columns(const std::vector<std::string>& headers, const ColumnMapping& m) {
  ResolvedColumns r;
  r.headers = headers;
  r.width = static_cast<int>(headers.size());
  for (ColumnRole role : kRoles) {
    const auto& wanted = m.column(role);
    int found = -1;
    if (wanted.has_value()) {
      if (wanted->empty()) continue;  // explicitly not imported
      found = find_header(headers, *wanted);
      if (found < 0) {
        return Error{kErrBadMapping, std::string("列对应设置里为“") + role_display_name(role) + "”指定的列“" +
                                         *wanted + "”在文件里找不到。文件里的列有：" + list_columns(headers)};
      }
    } else {
      int best_rank = 1 << 30;
      for (size_t i = 0; i < headers.size(); ++i) {
        auto rank = alias_rank(role, headers[i]);
        if (rank && *rank < best_rank) {
          best_rank = *rank;
          found = static_cast<int>(i);
        }
      }
    }
    r.index[static_cast<int>(role)] = found;
  }
  if (r[ColumnRole::kUserId] < 0) {
    return Error{kErrMissingColumn, "文件里找不到“用户ID”列（可以叫 用户ID、用户id 或 user_id）。文件里的列有：" +
                                        list_columns(headers) + "。请在列对应设置里指定哪一列是用户ID。"};
  }
  if (r[ColumnRole::kCourse] < 0 && trim_unicode(m.fixed_course).empty()) {
    return Error{kErrMissingValue,
                 "文件里没有课程列（可以叫 课程、课程名称、商品名称 或 购买商品），也没有为整个文件选择课程。"
                 "请在页面上选择这批学员的课程（命令行用 --course）。文件里的列有：" + list_columns(headers)};
  }
  if (r[ColumnRole::kDate] < 0 && trim_unicode(m.fixed_date).empty()) {
    return Error{kErrMissingValue,
                 "文件里没有日期列（可以叫 学习日期、报名时间、报名日期、支付时间 或 订单时间），也没有为整个文件"
                 "选择日期，所以无法导入。请在页面上选择学习日期（命令行用 --date）。文件里的列有：" +
                     list_columns(headers)};
  }
  for (const auto& extra : m.extras) {
    int col = find_header(headers, extra.column);
    if (col < 0) {
      return Error{kErrBadMapping, "列对应设置里的附加列“" + extra.column + "”在文件里找不到。文件里的列有：" +
                                       list_columns(headers)};
    }
    r.extras.push_back({col, extra});
  }
  return r;
}

}  // namespace ss
