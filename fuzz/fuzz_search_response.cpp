// fuzz_search_response.cpp — libFuzzer target: arbitrary bytes as the body of a Feishu records/search
// answer → ss::parse_search_response for both tables (with one extra student field of each converter
// family), then append_page into a snapshot. The body comes from the network (through the proxy), so it
// is untrusted: any input must give a page or an error value, never a throw, crash or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "feishu/search_response.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  static const ss::SyncSchema schema;
  static const std::vector<ss::ExtraColumn> extras = {
      {"城市", ss::TableKind::kStudents, "城市", ss::kFieldText},
      {"积分", ss::TableKind::kStudents, "积分", ss::kFieldNumber},
      {"标签", ss::TableKind::kStudents, "标签", ss::kFieldMultiSelect},
      {"入群", ss::TableKind::kStudents, "入群", ss::kFieldCheckbox},
      {"生日", ss::TableKind::kStudents, "生日", ss::kFieldDate},
      {"主页", ss::TableKind::kStudents, "主页", ss::kFieldUrl},
  };
  ss::Snapshot snapshot;
  for (ss::TableKind table : {ss::TableKind::kStudents, ss::TableKind::kRecords}) {
    auto page = ss::parse_search_response(body, table, schema, extras);
    if (page) ss::append_page(snapshot, std::move(page).value());
  }
  return 0;
}
