// field_values.cpp: see field_values.h for the capability list.
#include "field_values.h"

#include <cmath>
#include <set>

namespace feishu_emulator {
namespace {

ApiError conv_error(long code, const std::string& name, const std::string& where, const std::string& want) {
  return bad_request(code, name, "Invalid request parameter: '" + where + "'. Correct format : " + want);
}

bool is_phone(const std::string& s) {
  // Documented format: (\+)?\d*, at most 64 characters (§5, gotcha 7). Dashes and spaces fail.
  if (s.size() > 64) return false;
  size_t i = (!s.empty() && s[0] == '+') ? 1 : 0;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

Expected<json> to_link_value(const FieldDef& f, const json& v, const LinkTargetExists& exists,
                             const std::string& where) {
  const bool duplex = f.type == kDuplexLink;
  const long code = duplex ? 1254074 : 1254067;
  const std::string name = duplex ? "DuplexLinkFieldConvFail" : "LinkFieldConvFail";
  if (!v.is_array()) return conv_error(code, name, where, "need to be filled with an array of string");
  json out = json::array();
  std::set<std::string> seen;
  for (const auto& id : v) {
    if (!id.is_string()) return conv_error(code, name, where, "need to be filled with an array of string");
    const std::string rid = id.get<std::string>();
    if (!exists(f.link_table(), rid))
      return conv_error(code, name, where, "record_id '" + rid + "' not found in table " + f.link_table());
    if (seen.insert(rid).second) out.push_back(rid);
  }
  if (out.size() > 500) return conv_error(code, name, where, "at most 500 linked records per cell");
  const bool multiple = f.property.is_object() ? f.property.value("multiple", true) : true;
  if (!multiple && out.size() > 1) return conv_error(code, name, where, "this link field allows one record");
  if (out.empty()) return json(nullptr);
  return out;
}

}  // namespace

bool is_supported_field_type(int t) {
  switch (t) {
    case kText: case kNumber: case kSingleSelect: case kMultiSelect: case kDateTime: case kCheckbox:
    case kPhone: case kUrl: case kSingleLink: case kDuplexLink: case kCreatedTime: case kModifiedTime:
      return true;
    default:
      return false;
  }
}

bool is_read_only_field_type(int t) { return t == kCreatedTime || t == kModifiedTime; }

std::string ui_type_name(int t) {
  switch (t) {
    case kText: return "Text";
    case kNumber: return "Number";
    case kSingleSelect: return "SingleSelect";
    case kMultiSelect: return "MultiSelect";
    case kDateTime: return "DateTime";
    case kCheckbox: return "Checkbox";
    case kPhone: return "Phone";
    case kUrl: return "Url";
    case kSingleLink: return "SingleLink";
    case kDuplexLink: return "DuplexLink";
    case kCreatedTime: return "CreatedTime";
    case kModifiedTime: return "ModifiedTime";
    default: return "Unknown";
  }
}

Expected<json> to_stored_value(const FieldDef& f, const json& v, const LinkTargetExists& exists,
                               const std::string& where) {
  if (is_read_only_field_type(f.type))
    return bad_request(1254015, "FieldTypeValueNotMatch", "'" + where + "' is read only (" + ui_type_name(f.type) + ")");
  // null clears any writable cell (§3.5: "To clear a field send null").
  if (v.is_null()) return json(nullptr);
  switch (f.type) {
    case kText:
      if (!v.is_string()) return conv_error(1254060, "TextFieldConvFail", where, "a string");
      return v.get<std::string>().empty() ? json(nullptr) : v;
    case kNumber:
      if (!v.is_number() || !std::isfinite(v.get<double>()))
        return conv_error(1254061, "NumberFieldConvFail", where, "a number");
      return v;
    case kSingleSelect:
      if (!v.is_string()) return conv_error(1254062, "SingleSelectFieldConvFail", where, "an option name string");
      return v.get<std::string>().empty() ? json(nullptr) : v;
    case kMultiSelect: {
      if (!v.is_array()) return conv_error(1254063, "MultiSelectFieldConvFail", where, "an array of option names");
      for (const auto& o : v)
        if (!o.is_string() || o.get<std::string>().empty())
          return conv_error(1254063, "MultiSelectFieldConvFail", where, "an array of option names");
      return v.empty() ? json(nullptr) : v;
    }
    case kDateTime: {
      if (!v.is_number()) return conv_error(1254064, "DatetimeFieldConvFail", where, "a Unix timestamp in ms");
      const double d = v.get<double>();
      if (!std::isfinite(d) || std::floor(d) != d)
        return conv_error(1254064, "DatetimeFieldConvFail", where, "a Unix timestamp in ms");
      const auto ms = static_cast<int64_t>(d);
      // Seconds instead of milliseconds is the classic bug and is reported as 1254064 (3P note cited
      // in §9.4). Only 10-digit values are refused: as ms they would be Jan–Apr 1970.
      if (ms >= 1000000000LL && ms < 10000000000LL)
        return conv_error(1254064, "DatetimeFieldConvFail", where, "milliseconds (13 digits), got seconds?");
      return json(ms);
    }
    case kCheckbox:
      if (!v.is_boolean()) return conv_error(1254065, "CheckboxFieldConvFail", where, "true or false");
      return v.get<bool>() ? v : json(nullptr);
    case kPhone:
      if (!v.is_string() || !is_phone(v.get<std::string>()))
        return conv_error(1254072, "InvalidPhoneNumber", where, "a string matching (\\+)?\\d*, at most 64 chars");
      return v.get<std::string>().empty() ? json(nullptr) : v;
    case kUrl: {
      if (!v.is_object() || !v.contains("link") || !v["link"].is_string() ||
          (v.contains("text") && !v["text"].is_string() && !v["text"].is_null()))
        return conv_error(1254068, "URLFieldConvFail", where, "{\"text\": string, \"link\": string}");
      const std::string link = v["link"].get<std::string>();
      if (link.empty()) return json(nullptr);
      const std::string text = v.contains("text") && v["text"].is_string() ? v["text"].get<std::string>() : link;
      return json{{"link", link}, {"text", text}};
    }
    case kSingleLink:
    case kDuplexLink:
      return to_link_value(f, v, exists, where);
    default:
      return bad_request(1254012, "NotSupportFieldOrView", "field type " + std::to_string(f.type) + " not supported");
  }
}

json to_read_value(const FieldDef& f, const Record& r) {
  if (f.type == kCreatedTime) return r.created_ms;
  if (f.type == kModifiedTime) return r.modified_ms;
  auto it = r.values.find(f.id);
  if (it == r.values.end() || it->second.is_null()) return nullptr;
  const json& v = it->second;
  switch (f.type) {
    case kText: return json::array({{{"text", v}, {"type", "text"}}});
    case kSingleLink:
    case kDuplexLink: return json{{"link_record_ids", v}};
    default: return v;
  }
}

json to_write_value(const FieldDef& f, const Record& r) {
  if (f.type == kCreatedTime) return r.created_ms;
  if (f.type == kModifiedTime) return r.modified_ms;
  auto it = r.values.find(f.id);
  return it == r.values.end() ? json(nullptr) : it->second;
}

}  // namespace feishu_emulator
