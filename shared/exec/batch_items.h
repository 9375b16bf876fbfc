// batch_items.h — the executor's batches as lists of plan indices (not ranges: after a re-read only
// the missing items of a batch are sent again), their request bodies, and the re-read matching that
// decides which items of an ambiguous batch already exist in Bitable.
//
// Bodies reuse feishu/write_request.h's field builders, so write shapes (phone filter, link arrays)
// are decided in one place.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sync_schema.h"
#include "plan/snapshot.h"
#include "plan/sync_plan.h"

namespace ss {

// Consecutive chunks of ≤ batch_size of `items` (batch_size 0 → the default 500).
std::vector<std::vector<size_t>> chunk_items(const std::vector<size_t>& items, size_t batch_size);

// {"records":[{"fields":…}]} for plan.student_creates[items].
nlohmann::json student_create_body_for(const Plan& plan, const std::vector<size_t>& items, const SyncSchema& schema);
// {"records":[{"record_id","fields"}]} for plan.student_updates[items].
nlohmann::json student_update_body_for(const Plan& plan, const std::vector<size_t>& items, const SyncSchema& schema);

// The distinct 用户IDs of a batch (what the re-read asks for).
std::vector<std::string> batch_user_ids(const Plan& plan, TableKind table, const std::vector<size_t>& items);

// For each item (same order): the record_id of a student with that 用户ID found by the re-read, or "".
std::vector<std::string> match_existing_students(const Plan& plan, const std::vector<size_t>& items,
                                                 const std::vector<StudentSnapshot>& found);
// For each item: the record_id of a learning record with the same (用户ID, 课程, day), or "". The day is
// compared in the Base's zone, so a date stored as any instant of that day still matches.
std::vector<std::string> match_existing_records(const Plan& plan, const std::vector<size_t>& items,
                                                const std::vector<RecordSnapshot>& found, const SyncSchema& schema);

}  // namespace ss
