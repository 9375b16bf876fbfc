// search_response.cpp — see search_response.h.
#include "feishu/search_response.h"

#include "feishu/feishu_envelope.h"
#include "feishu/field_value.h"
#include "normalize/cell_cleaning.h"

namespace ss {

using nlohmann::json;

namespace {

const json& field_of(const json& fields, const std::string& name) {
  static const json kNull;
  auto it = fields.find(name);
  return it == fields.end() ? kNull : *it;
}

}  // namespace

Result<SearchPage> parse_search_response(std::string_view body, TableKind table, const SyncSchema& schema,
                                         const std::vector<ExtraColumn>& extras) {
  auto data = parse_feishu_envelope(body);
  if (!data) return data.error();
  SearchPage page;
  const json& d = *data;
  if (auto it = d.find("has_more"); it != d.end() && it->is_boolean()) page.has_more = it->get<bool>();
  if (auto it = d.find("page_token"); it != d.end() && it->is_string()) page.page_token = it->get<std::string>();
  if (auto it = d.find("total"); it != d.end() && it->is_number_integer()) page.total = it->get<int64_t>();
  if (page.has_more && page.page_token.empty()) {
    return Error{kErrBadJson, "飞书返回 has_more=true 却没有 page_token，无法继续读取"};
  }
  auto items = d.find("items");
  if (items == d.end() || items->is_null()) return page;  // an empty table or no match
  if (!items->is_array()) return Error{kErrBadJson, "飞书返回的 items 不是数组"};

  static const json kEmptyObject = json::object();
  for (const json& item : *items) {
    if (!item.is_object()) continue;
    auto rid = item.find("record_id");
    if (rid == item.end() || !rid->is_string() || rid->get_ref<const std::string&>().empty()) continue;
    auto f = item.find("fields");
    const json& fields = (f != item.end() && f->is_object()) ? *f : kEmptyObject;
    if (table == TableKind::kStudents) {
      StudentSnapshot s;
      s.record_id = rid->get<std::string>();
      // Cleaned like the file's IDs, so " u_1" typed in Bitable still matches u_1 (no duplicate student).
      s.user_id = clean_user_id(read_text(field_of(fields, schema.students.user_id)));
      s.nickname = read_text(field_of(fields, schema.students.nickname));
      s.phone = read_text(field_of(fields, schema.students.phone));
      for (const auto& e : extras) {
        if (e.table != TableKind::kStudents) continue;
        json v = read_as_write_shape(field_of(fields, e.field), e.field_type);
        if (!v.is_null()) s.extras.push_back({e.field, std::move(v)});
      }
      page.students.push_back(std::move(s));
    } else {
      RecordSnapshot r;
      r.record_id = rid->get<std::string>();
      r.user_id = clean_user_id(read_text(field_of(fields, schema.records.user_id)));
      r.course = clean_course(read_text(field_of(fields, schema.records.course)));
      r.date_ms = read_date_ms(field_of(fields, schema.records.date));
      r.student_ids = read_link_ids(field_of(fields, schema.records.student_link));
      page.records.push_back(std::move(r));
    }
  }
  return page;
}

void append_page(Snapshot& snapshot, SearchPage&& page) {
  for (auto& s : page.students) snapshot.students.push_back(std::move(s));
  for (auto& r : page.records) snapshot.records.push_back(std::move(r));
}

}  // namespace ss
