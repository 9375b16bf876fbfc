// write_request.h — batch_create / batch_update bodies for a Plan, in Feishu's write shapes (text as a
// string, phone as a string matching (\+)?\d*, date as an ms number, link as ["rec…"]; §5, §9.2), in
// batches of at most schema.batch_size (500 by default, safe on Feishu and Lark, §9.14).
//
// The executor (not here) sends them: students first, then learning records (linking in the same call),
// then student updates. A RecordCreate that links to a student created in this run needs that
// student's record_id: pass the ids returned by the students' batch_create (index = StudentCreate index,
// "" when not created); partition_records splits the records into ready ones and ones whose student
// does not exist (yet), which must not be sent.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/sync_schema.h"
#include "plan/sync_plan.h"

namespace ss {

struct IndexRange {
  size_t begin = 0;
  size_t end = 0;  // exclusive
  size_t size() const { return end - begin; }
};

// [0,count) in consecutive ranges of ≤ batch_size (batch_size 0 is treated as the default 500).
std::vector<IndexRange> split_batches(size_t count, size_t batch_size);

nlohmann::json student_create_fields(const StudentCreate& student, Span<ExtraCell> extras, const SyncSchema& schema);
nlohmann::json record_create_fields(const RecordCreate& record, Span<ExtraCell> extras, const std::string& student_record_id,
                                    const SyncSchema& schema);

// {"records":[{"fields":{…}}, …]} for plan.student_creates[range].
nlohmann::json student_create_body(const Plan& plan, IndexRange range, const SyncSchema& schema);
// {"records":[{"record_id":"rec…","fields":{changed fields only}}, …]} for plan.student_updates[range].
nlohmann::json student_update_body(const Plan& plan, IndexRange range, const SyncSchema& schema);

// The linked student's record_id, or nullopt when it is a planned student not created (yet).
std::optional<std::string> resolve_student_link(const StudentLink& link, const std::vector<std::string>& created_student_ids);

struct RecordPartition {
  std::vector<size_t> ready;    // indices into plan.record_creates, student record_id known
  std::vector<size_t> blocked;  // their student was not created
};
RecordPartition partition_records(const Plan& plan, const std::vector<std::string>& created_student_ids);

// {"records":[…]} for the given record_creates indices; Error (kErrMissingValue) if one is blocked.
Result<nlohmann::json> record_create_body(const Plan& plan, const std::vector<size_t>& items,
                                          const std::vector<std::string>& created_student_ids, const SyncSchema& schema);

// record_ids from a batch_create answer, in request order; Error with the Feishu code on failure, or
// kErrBadJson when the count differs from `expected_count`.
Result<std::vector<std::string>> parse_batch_create_response(std::string_view body, size_t expected_count);

}  // namespace ss
