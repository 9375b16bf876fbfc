// sync_schema.h — the Bitable field names and sync settings the engine works with (one struct, so the
// page, the CLI and tests configure the engine the same way).
//
// Defaults are the schema of docs/architecture.md. Field names are configurable because staff rename
// columns in Bitable; Feishu matches fields by exact name (feishu-bitable-api.md §9.6).
// The phone target may be a phone field (type 13, which only accepts `(\+)?\d*`, §9.7) or a text field
// (type 1). The time zone is a fixed UTC offset: China has no daylight saving time, and a parameter
// keeps the engine free of clocks and tz databases.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace ss {

// Feishu field type codes (feishu-bitable-api.md §5).
constexpr int kFieldText = 1;
constexpr int kFieldNumber = 2;
constexpr int kFieldSingleSelect = 3;
constexpr int kFieldMultiSelect = 4;
constexpr int kFieldDate = 5;
constexpr int kFieldCheckbox = 7;
constexpr int kFieldPhone = 13;
constexpr int kFieldUrl = 15;
constexpr int kFieldSingleLink = 18;
constexpr int kFieldDuplexLink = 21;

constexpr int kDefaultUtcOffsetMinutes = 8 * 60;  // Asia/Shanghai, no DST since 1991
constexpr size_t kDefaultBatchSize = 500;         // safe on Feishu and Lark (§3, §9.14)
constexpr size_t kSearchPageSize = 500;           // search page_size maximum (§3.1)
constexpr size_t kMaxFilterConditions = 50;       // per search filter (§3.1)

enum class TableKind { kStudents, kRecords };

struct StudentFields {
  std::string user_id = "用户ID";
  std::string nickname = "昵称";
  std::string phone = "手机号";
  std::string records_link = "学习记录";  // back field of the duplex link; read-only for the engine
};

struct RecordFields {
  std::string user_id = "用户ID";
  std::string course = "课程";
  std::string date = "学习日期";
  std::string student_link = "关联到学员总表";
};

struct SyncSchema {
  StudentFields students;
  RecordFields records;
  int phone_field_type = kFieldPhone;  // kFieldPhone or kFieldText
  int utc_offset_minutes = kDefaultUtcOffsetMinutes;
  size_t batch_size = kDefaultBatchSize;
};

nlohmann::json schema_to_json(const SyncSchema& schema);
// Missing keys keep their defaults; wrong types are an error (kErrBadJson).
Result<SyncSchema> schema_from_json(const nlohmann::json& j);

}  // namespace ss
