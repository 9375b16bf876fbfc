// record_filter.cpp: see record_filter.h for the capability list.
#include "record_filter.h"

#include "field_values.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace feishu_emulator {
namespace {

enum class Kind { kTextLike, kNumber, kSelect, kMulti, kDate, kCheckbox, kLink };

Kind kind_of(int type) {
  switch (type) {
    case kNumber: return Kind::kNumber;
    case kSingleSelect: return Kind::kSelect;
    case kMultiSelect: return Kind::kMulti;
    case kDateTime: case kCreatedTime: case kModifiedTime: return Kind::kDate;
    case kCheckbox: return Kind::kCheckbox;
    case kSingleLink: case kDuplexLink: return Kind::kLink;
    default: return Kind::kTextLike;
  }
}

bool op_allowed(Kind k, const std::string& op) {
  static const std::set<std::string> kText = {"is", "isNot", "contains", "doesNotContain", "isEmpty", "isNotEmpty"};
  static const std::set<std::string> kNum = {"is", "isNot", "isGreater", "isGreaterEqual", "isLess",
                                             "isLessEqual", "isEmpty", "isNotEmpty"};
  static const std::set<std::string> kDateOps = {"is", "isGreater", "isLess", "isEmpty", "isNotEmpty"};
  switch (k) {
    case Kind::kNumber: return kNum.count(op) > 0;
    case Kind::kDate: return kDateOps.count(op) > 0;
    case Kind::kCheckbox: return op == "is";
    default: return kText.count(op) > 0;
  }
}

// The stored cell without copying it (searches over large tables evaluate millions of conditions);
// the two automatic time fields are computed into `scratch`. nullptr when the cell is empty.
const json* cell_of(const FieldDef& f, const Record& r, json& scratch) {
  if (f.type == kCreatedTime || f.type == kModifiedTime) {
    scratch = f.type == kCreatedTime ? r.created_ms : r.modified_ms;
    return &scratch;
  }
  auto it = r.values.find(f.id);
  return it == r.values.end() || it->second.is_null() ? nullptr : &it->second;
}

// The text a text-like or select cell is compared by: the string, or a URL's display text (§4).
const std::string* text_of(const json* v) {
  if (!v) return nullptr;
  if (v->is_string()) return &v->get_ref<const std::string&>();
  if (v->is_object()) {
    auto it = v->find("text");
    if (it != v->end() && it->is_string()) return &it->get_ref<const std::string&>();
  }
  return nullptr;
}

bool array_has(const json* arr, const std::string& s) {
  if (!arr || !arr->is_array()) return false;
  for (const auto& e : *arr)
    if (e.is_string() && e.get_ref<const std::string&>() == s) return true;
  return false;
}

bool parse_double(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

// Date filter values → [lo, hi) in ms (§4). Returns an error text or "".
std::string date_range(const std::vector<std::string>& v, const std::string& op, const TimeZone& tz,
                       int64_t now, int64_t& lo, int64_t& hi) {
  if (v.empty()) return "a date value is required";
  const int64_t today = tz.day_start(now);
  const std::string& kind = v[0];
  auto days = [&](int64_t from, int64_t n) { lo = from; hi = from + n * kDayMs; };
  if (kind == "ExactDate") {
    if (v.size() != 2) return "ExactDate needs [\"ExactDate\", \"<ms timestamp>\"]";
    char* end = nullptr;
    const long long ms = std::strtoll(v[1].c_str(), &end, 10);
    if (v[1].empty() || *end != '\0') return "ExactDate timestamp must be milliseconds";
    days(tz.day_start(ms), 1);  // snapped to 00:00 in the Base's time zone
    return "";
  }
  if (kind == "Today") days(today, 1);
  else if (kind == "Tomorrow") days(today + kDayMs, 1);
  else if (kind == "Yesterday") days(today - kDayMs, 1);
  else {
    if (op != "is") return kind + " allows the operator is only";
    if (kind == "CurrentWeek") days(tz.week_start(now), 7);
    else if (kind == "LastWeek") days(tz.week_start(now) - 7 * kDayMs, 7);
    else if (kind == "CurrentMonth") { lo = tz.month_start(now); hi = tz.month_start(now, 1); }
    else if (kind == "LastMonth") { lo = tz.month_start(now, -1); hi = tz.month_start(now); }
    else if (kind == "TheLastWeek") days(today - 6 * kDayMs, 7);
    else if (kind == "TheNextWeek") days(today, 7);
    else if (kind == "TheLastMonth") days(today - 29 * kDayMs, 30);
    else if (kind == "TheNextMonth") days(today, 30);
    else return "unknown date value '" + kind + "'";
  }
  return "";
}

Expected<RecordFilter::Condition> compile_condition(const json& c, const Table& t, const TimeZone& tz, int64_t now,
                                                    const std::string& where) {
  if (!c.is_object() || !c.contains("field_name") || !c["field_name"].is_string() || !c.contains("operator") ||
      !c["operator"].is_string())
    return err_invalid_filter(where + " needs field_name and operator");
  RecordFilter::Condition out;
  const std::string name = c["field_name"].get<std::string>();
  out.field = t.field_by_name(name);
  if (!out.field) return err_field_name_not_found("filter field_name '" + name + "' not found");
  out.op = c["operator"].get<std::string>();
  if (out.op == "like" || out.op == "in") return err_invalid_filter("operator " + out.op + " is not supported yet");
  const Kind k = kind_of(out.field->type);
  if (!op_allowed(k, out.op))
    return err_invalid_filter("operator " + out.op + " not allowed for field '" + name + "' of type " +
                              ui_type_name(out.field->type));
  if (!c.contains("value")) return err_invalid_filter(where + ".value is required (send [] for isEmpty)");
  const json& value = c["value"];
  if (!value.is_array() || value.size() > 10) return err_invalid_filter(where + ".value must be a string array (≤ 10)");
  for (const auto& s : value) {
    if (!s.is_string()) return err_invalid_filter(where + ".value must be a string array");
    out.values.push_back(s.get<std::string>());
  }
  if (out.op == "isEmpty" || out.op == "isNotEmpty") return out;
  if (out.values.empty()) return err_invalid_filter(where + ".value is empty");
  if ((k == Kind::kSelect || k == Kind::kTextLike) && (out.op == "is" || out.op == "isNot") && out.values.size() != 1)
    return err_invalid_filter(where + ": " + out.op + " takes one value");
  if (k == Kind::kNumber && !parse_double(out.values[0], out.number))
    return err_invalid_filter(where + ": '" + out.values[0] + "' is not a number");
  if (k == Kind::kCheckbox && out.values[0] != "true" && out.values[0] != "false")
    return err_invalid_filter(where + ": checkbox takes [\"true\"] or [\"false\"]");
  if (k == Kind::kDate) {
    const std::string e = date_range(out.values, out.op, tz, now, out.lo, out.hi);
    if (!e.empty()) return err_invalid_filter(where + ": " + e);
  }
  return out;
}

Expected<RecordFilter::Group> compile_group(const json& g, const Table& t, const TimeZone& tz, int64_t now,
                                            int depth, const std::string& where) {
  if (!g.is_object()) return err_invalid_filter(where + " must be an object");
  RecordFilter::Group out;
  const std::string conj = g.value("conjunction", std::string());
  if (conj != "and" && conj != "or") return err_invalid_filter(where + ".conjunction must be \"and\" or \"or\"");
  out.is_and = conj == "and";
  if (g.contains("conditions") && !g["conditions"].is_null()) {
    const json& cs = g["conditions"];
    if (!cs.is_array() || cs.size() > 50) return err_invalid_filter(where + ".conditions must be an array (≤ 50)");
    for (size_t i = 0; i < cs.size(); ++i) {
      auto c = compile_condition(cs[i], t, tz, now, where + ".conditions[" + std::to_string(i) + "]");
      if (!c.ok()) return c.error();
      out.conditions.push_back(std::move(c.value()));
    }
  }
  if (g.contains("children") && !g["children"].is_null()) {
    const json& ch = g["children"];
    if (!ch.is_array()) return err_invalid_filter(where + ".children must be an array");
    if (depth > 0 && !ch.empty()) return err_invalid_filter("filter children allow one level only");
    for (size_t i = 0; i < ch.size(); ++i) {
      auto c = compile_group(ch[i], t, tz, now, depth + 1, where + ".children[" + std::to_string(i) + "]");
      if (!c.ok()) return c.error();
      out.children.push_back(std::move(c.value()));
    }
  }
  return out;
}

bool match_condition(const RecordFilter::Condition& c, const Record& r) {
  const FieldDef& f = *c.field;
  const Kind k = kind_of(f.type);
  json scratch;
  const json* v = cell_of(f, r, scratch);
  if (c.op == "isEmpty") return v == nullptr;
  if (c.op == "isNotEmpty") return v != nullptr;
  if (k == Kind::kCheckbox) return (c.values[0] == "true") == (v && v->is_boolean() && v->get<bool>());
  if (k == Kind::kNumber || k == Kind::kDate) {
    if (!v || !v->is_number()) return c.op == "isNot";
    const double x = v->get<double>();
    if (k == Kind::kDate) {
      if (c.op == "is") return x >= c.lo && x < c.hi;
      if (c.op == "isGreater") return x >= c.hi;  // after that day
      return x < c.lo;                             // isLess: before that day
    }
    if (c.op == "is") return x == c.number;
    if (c.op == "isNot") return x != c.number;
    if (c.op == "isGreater") return x > c.number;
    if (c.op == "isGreaterEqual") return x >= c.number;
    if (c.op == "isLess") return x < c.number;
    return x <= c.number;  // isLessEqual
  }
  if (k == Kind::kTextLike || k == Kind::kSelect) {
    const std::string* t = text_of(v);
    bool any = false;  // contains: text contains a value (text) / cell is one of the values (select)
    for (const auto& want : c.values)
      any = any || (t && (k == Kind::kTextLike ? t->find(want) != std::string::npos : *t == want));
    if (c.op == "is") return t && *t == c.values[0];
    if (c.op == "isNot") return !t || *t != c.values[0];
    return c.op == "contains" ? any : !any;
  }
  // Multi select and links: arrays of strings.
  bool any = false;
  for (const auto& want : c.values) any = any || array_has(v, want);
  if (c.op == "contains") return any;
  if (c.op == "doesNotContain") return !any;
  const std::set<std::string> want(c.values.begin(), c.values.end());
  std::set<std::string> have;
  if (v && v->is_array())
    for (const auto& e : *v) have.insert(e.get<std::string>());
  return c.op == "is" ? have == want : have != want;
}

bool match_group(const RecordFilter::Group& g, const Record& r) {
  if (g.conditions.empty() && g.children.empty()) return true;
  for (const auto& c : g.conditions) {
    const bool m = match_condition(c, r);
    if (g.is_and && !m) return false;
    if (!g.is_and && m) return true;
  }
  for (const auto& ch : g.children) {
    const bool m = match_group(ch, r);
    if (g.is_and && !m) return false;
    if (!g.is_and && m) return true;
  }
  return g.is_and;
}

// -1, 0, 1 comparing two non-empty cells of the same field.
int compare_cells(const FieldDef& f, const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.is_boolean() && b.is_boolean()) return static_cast<int>(a.get<bool>()) - static_cast<int>(b.get<bool>());
  auto text = [&](const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object()) return v.value("text", std::string());
    std::string s;
    for (const auto& e : v) s += (e.is_string() ? e.get<std::string>() : e.dump()) + ",";
    return s;
  };
  (void)f;
  const int c = text(a).compare(text(b));
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

Expected<RecordFilter> RecordFilter::compile(const json& filter, const Table& t, const TimeZone& tz, int64_t now) {
  RecordFilter out;
  if (filter.is_null()) return out;
  auto g = compile_group(filter, t, tz, now, 0, "filter");
  if (!g.ok()) return g.error();
  out.root_ = std::move(g.value());
  out.match_all_ = false;
  return out;
}

bool RecordFilter::matches(const Record& r) const { return match_all_ || match_group(root_, r); }

Expected<std::vector<SortKey>> compile_sort(const json& sort, const Table& t) {
  std::vector<SortKey> out;
  if (sort.is_null()) return out;
  if (!sort.is_array() || sort.size() > 100) return err_invalid_sort("sort must be an array of at most 100 entries");
  for (const auto& s : sort) {
    if (!s.is_object() || !s.contains("field_name") || !s["field_name"].is_string())
      return err_invalid_sort("each sort entry needs a field_name");
    if (s.contains("desc") && !s["desc"].is_boolean()) return err_invalid_sort("sort desc must be a boolean");
    const FieldDef* f = t.field_by_name(s["field_name"].get<std::string>());
    if (!f) return err_field_name_not_found("sort field_name '" + s["field_name"].get<std::string>() + "' not found");
    out.push_back(SortKey{f, s.value("desc", false)});
  }
  return out;
}

void sort_records(std::vector<const Record*>& rows, const std::vector<SortKey>& keys) {
  if (keys.empty()) return;
  std::stable_sort(rows.begin(), rows.end(), [&](const Record* a, const Record* b) {
    for (const auto& k : keys) {
      json sa, sb;
      const json* va = cell_of(*k.field, *a, sa);
      const json* vb = cell_of(*k.field, *b, sb);
      if (!va || !vb) {
        if (!va == !vb) continue;
        return vb == nullptr;  // empty cells last, whatever the direction
      }
      const int c = compare_cells(*k.field, *va, *vb);
      if (c != 0) return k.desc ? c > 0 : c < 0;
    }
    return false;
  });
}

}  // namespace feishu_emulator
