// snapshot.h — what the engine knows about the two Bitable tables before planning: one plain struct per
// record, with values already converted from Feishu's read shapes (feishu/search_response.h does that).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ss {

// A named cell in write shape (string, number, ms timestamp, bool, array of strings, {text, link}).
struct ExtraCell {
  std::string field;
  nlohmann::json value;
};

struct StudentSnapshot {
  std::string record_id;
  std::string user_id;
  std::string nickname;
  std::string phone;
  std::vector<ExtraCell> extras;  // only the extra fields the mapping writes to
};

struct RecordSnapshot {
  std::string record_id;
  std::string user_id;  // empty when the cell is empty; planning then uses the linked student's
  std::string course;
  std::optional<int64_t> date_ms;
  std::vector<std::string> student_ids;  // linked student record_ids
};

struct Snapshot {
  std::vector<StudentSnapshot> students;
  std::vector<RecordSnapshot> records;
};

}  // namespace ss
