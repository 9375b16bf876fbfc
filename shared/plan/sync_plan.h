// sync_plan.h — the Plan: every write a sync will make, computed from validated rows and a snapshot of
// the two tables (issue 4, item 5). Deterministic (same input → same plan, in file order) and cheap
// enough to recompute on every mapping change (用户IDs and courses interned to numbers; the plan holds
// views into the rows' text, no copies).
//
// Rules:
// - A 用户ID not in 学员总表 → one StudentCreate (values from the rows, see conflicts below).
// - A 用户ID in 学员总表 → a StudentUpdate with the exact cell changes old → new, only for non-empty new
//   values that differ; an empty cell in the file never erases anything.
// - Per field, the value comes from the row with the latest 学习日期 among rows with a non-empty value
//   (ties: the later line). When one 用户ID has different non-empty values in the file, the plan lists a
//   FieldConflict with the chosen value and the others.
// - Each row is one learning record (用户ID, 课程, 学习日期-day). If that key is already in 学习记录表, or an
//   earlier line of the file has it, the row is skipped with the reason and the record_id / first line.
// - A RecordCreate links to an existing student record_id, or to StudentCreate number k of this plan
//   (StudentLink::planned_student); the executor resolves that after the students' batch_create returns.
// - If 学员总表 already holds the same 用户ID twice, the first record in snapshot order is used and a note
//   says so (the engine never deletes or merges records on its own).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/packed_views.h"
#include "core/span.h"
#include "core/sync_schema.h"
#include "core/text_arena.h"
#include "normalize/import_rows.h"
#include "plan/file_users.h"
#include "plan/snapshot.h"

namespace ss {

// Which student a new learning record links to: an existing record_id, or StudentCreate number k of the
// plan (resolved by the executor once the students' batch_create has returned their ids).
class StudentLink {
 public:
  static StudentLink existing(std::string_view record_id) {
    StudentLink l;
    l.record_id_ = record_id.data();
    l.record_id_size_ = static_cast<uint32_t>(record_id.size());
    return l;
  }
  static StudentLink planned(int32_t student_create) {
    StudentLink l;
    l.planned_student_ = student_create;
    return l;
  }
  std::string_view record_id() const { return {record_id_, record_id_size_}; }  // empty when planned
  int32_t planned_student() const { return planned_student_; }  // index into Plan::student_creates, or -1
  bool is_planned() const { return planned_student_ >= 0; }

 private:
  const char* record_id_ = nullptr;  // a string_view, packed with the index into 16 bytes
  uint32_t record_id_size_ = 0;
  int32_t planned_student_ = -1;
};

struct StudentCreate {
  int line = 0;              // first line of this 用户ID in the file
  uint32_t first_extra = 0;  // this student's extra cells in Plan::student_extras (Plan::extras() reads them)
  uint32_t extra_count = 0;

  std::string_view user_id() const { return text_.get(0); }
  std::string_view nickname() const { return text_.get(1); }
  std::string_view phone() const { return text_.get(2); }
  void set_user_id(std::string_view v) { text_.set(0, v); }
  void set_nickname(std::string_view v) { text_.set(1, v); }
  void set_phone(std::string_view v) { text_.set(2, v); }

 private:
  PackedViews<3> text_;
};

struct CellChange {
  std::string field;
  nlohmann::json old_value;  // null = was empty
  nlohmann::json new_value;  // write shape
};

struct StudentUpdate {
  std::string record_id;
  std::string user_id;
  int line = 0;  // first line of this 用户ID in the file
  std::vector<CellChange> changes;
};

struct RecordCreate {
  int line = 0;
  int32_t day = 0;           // 学习日期, days since 1970-01-01 in the Base's zone; written as day_midnight_ms()
  uint32_t first_extra = 0;  // this record's extra cells in Plan::record_extras (Plan::extras() reads them)
  uint32_t extra_count = 0;
  StudentLink student;

  std::string_view user_id() const { return text_.get(0); }
  std::string_view course() const { return text_.get(1); }
  void set_user_id(std::string_view v) { text_.set(0, v); }
  void set_course(std::string_view v) { text_.set(1, v); }

 private:
  PackedViews<2> text_;
};

enum class SkipReason { kAlreadyInBitable, kDuplicateInFile };

struct SkippedRecord {
  int line = 0;
  SkipReason reason = SkipReason::kAlreadyInBitable;
  int first_line = 0;  // kDuplicateInFile: the line that will create (or skipped) it first
  int32_t day = 0;     // as RecordCreate::day

  std::string_view user_id() const { return text_.get(0); }
  std::string_view course() const { return text_.get(1); }
  std::string_view existing_record_id() const { return text_.get(2); }  // kAlreadyInBitable
  void set_user_id(std::string_view v) { text_.set(0, v); }
  void set_course(std::string_view v) { text_.set(1, v); }
  void set_existing_record_id(std::string_view v) { text_.set(2, v); }

 private:
  PackedViews<3> text_;
};

// Values and 用户IDs as views into the plan's texts (input_text, own_text), like the records above: a
// 100,000-row export has a few thousand conflicting values, and copying each into a string of its own
// was a third of the time planning took for them.
struct ConflictValue {
  int line = 0;  // a line holding this value (the winning line for the chosen one)
  std::string_view value;
};

struct FieldConflict {
  std::string_view user_id;
  std::string field;  // Bitable field name
  ConflictValue chosen;
  std::vector<ConflictValue> others;  // distinct values, in order of first appearance
};

struct WriteCallBound {
  size_t student_creates = 0;  // ceil(creates / batch)
  size_t record_creates = 0;
  size_t student_updates = 0;
  size_t total() const { return student_creates + record_creates + student_updates; }
};

struct Plan {
  std::shared_ptr<const TextArena> input_text;  // the rows' text, which the views below point into
  std::shared_ptr<TextArena> own_text = std::make_shared<TextArena>();  // record_ids copied from the snapshot, shown extras
  std::vector<StudentCreate> student_creates;
  std::vector<StudentUpdate> student_updates;
  std::vector<RecordCreate> record_creates;
  std::vector<SkippedRecord> skipped;
  std::vector<RejectedRow> rejected;  // from ImportRows, for the report
  std::vector<FieldConflict> conflicts;
  std::vector<std::string> notes;     // Chinese, e.g. duplicate students in Bitable
  size_t unchanged_students = 0;      // in Bitable already, nothing to change
  WriteCallBound lower_bound;         // with the schema's batch size
  // Extra cells of all student and record creates, in order (most files have none): side vectors keep
  // every create small.
  std::vector<ExtraCell> student_extras;
  std::vector<ExtraCell> record_extras;

  Span<ExtraCell> extras(const StudentCreate& s) const {
    const ExtraCell* first = student_extras.data() + s.first_extra;
    return {first, first + s.extra_count};
  }
  Span<ExtraCell> extras(const RecordCreate& r) const {
    const ExtraCell* first = record_extras.data() + r.first_extra;
    return {first, first + r.extra_count};
  }

  bool has_writes() const { return !student_creates.empty() || !student_updates.empty() || !record_creates.empty(); }
};

// `file_users`: what the importer built for these rows (ImportedFile::users); when null or built for
// other rows, make_plan builds it itself.
Plan make_plan(const ImportRows& rows, const Snapshot& snapshot, const SyncSchema& schema,
               const FileUsers* file_users = nullptr);

WriteCallBound write_call_lower_bound(const Plan& plan, size_t batch_size);

// "新增3位学员，更新1位，新增6条学习记录，跳过1条重复，失败0条"
std::string plan_summary(const Plan& plan);

}  // namespace ss
