// field_value.cpp — see field_value.h.
#include "feishu/field_value.h"

#include <cmath>
#include <cstdlib>

#include "core/sync_schema.h"

namespace ss {

using nlohmann::json;

namespace {

std::string number_text(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  const double d = v.get<double>();
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  return v.dump();
}

}  // namespace

std::string read_text(const json& cell) {
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_number()) return number_text(cell);
  if (cell.is_boolean()) return cell.get<bool>() ? "true" : "false";
  if (cell.is_array()) {
    std::string out;
    for (const auto& seg : cell) {
      if (seg.is_string()) {
        out += seg.get<std::string>();
      } else if (seg.is_object()) {
        auto t = seg.find("text");
        if (t != seg.end() && t->is_string()) {
          out += t->get<std::string>();
        } else if (auto n = seg.find("name"); n != seg.end() && n->is_string()) {
          out += n->get<std::string>();  // mention without text
        }
      }
    }
    return out;
  }
  if (cell.is_object()) {
    if (auto t = cell.find("text"); t != cell.end() && t->is_string()) return t->get<std::string>();
    if (auto v = cell.find("value"); v != cell.end()) return read_text(*v);  // formula / lookup
  }
  return {};
}

std::optional<int64_t> read_date_ms(const json& cell) {
  if (cell.is_number_integer()) return cell.get<int64_t>();
  if (cell.is_number_unsigned()) return static_cast<int64_t>(cell.get<uint64_t>());
  if (cell.is_number_float()) {
    const double d = cell.get<double>();
    if (std::isfinite(d)) return static_cast<int64_t>(std::llround(d));
    return std::nullopt;
  }
  if (cell.is_string()) {
    const auto& s = cell.get_ref<const std::string&>();
    if (s.empty() || s.size() > 18) return std::nullopt;
    int64_t v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  return std::nullopt;
}

std::vector<std::string> read_link_ids(const json& cell) {
  std::vector<std::string> out;
  const auto take_strings = [&](const json& arr) {
    if (!arr.is_array()) return;
    for (const auto& id : arr) {
      if (id.is_string() && !id.get_ref<const std::string&>().empty()) out.push_back(id.get<std::string>());
    }
  };
  if (cell.is_object()) {
    if (auto it = cell.find("link_record_ids"); it != cell.end()) take_strings(*it);
  } else if (cell.is_array()) {
    for (const auto& item : cell) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      } else if (item.is_object()) {
        if (auto it = item.find("record_ids"); it != item.end()) take_strings(*it);
        if (auto it = item.find("link_record_ids"); it != item.end()) take_strings(*it);
      }
    }
  }
  return out;
}

json read_as_write_shape(const json& cell, int field_type) {
  switch (field_type) {
    case kFieldNumber:
      if (cell.is_number()) return cell;
      if (cell.is_string()) {
        const std::string& s = cell.get_ref<const std::string&>();
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) return d;
      }
      return nullptr;
    case kFieldDate: {
      auto ms = read_date_ms(cell);
      return ms ? json(*ms) : json(nullptr);
    }
    case kFieldCheckbox:
      if (cell.is_boolean()) return cell;
      return nullptr;
    case kFieldMultiSelect: {
      if (!cell.is_array() || cell.empty()) return nullptr;
      json out = json::array();
      for (const auto& v : cell) {
        std::string t = read_text(v);
        if (!t.empty()) out.push_back(t);
      }
      return out.empty() ? json(nullptr) : out;
    }
    case kFieldUrl: {
      if (!cell.is_object()) return nullptr;
      const auto string_at = [&](const char* key) {
        auto it = cell.find(key);
        return it != cell.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      std::string link = string_at("link");
      std::string text = string_at("text");
      if (link.empty()) return nullptr;
      return json{{"text", text}, {"link", link}};
    }
    default: {  // text, single select, phone
      std::string t = read_text(cell);
      return t.empty() ? json(nullptr) : json(t);
    }
  }
}

}  // namespace ss
