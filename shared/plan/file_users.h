// file_users.h — the part of planning that depends on the file alone: 用户IDs and courses numbered in
// order of first appearance, each row's numbers, and per 用户ID which row supplies each student field
// (latest 学习日期 with a non-empty value, ties: the later line) and whether the file disagrees with itself.
//
// Why apart from make_plan: it is two thirds of planning a 100,000-row export (8 of 12 ms), and the page
// plans again against every new snapshot; the importer builds it once (ImportedFile::users) and each
// plan reuses it. make_plan builds one itself when not given one for its rows (tests, hand-made rows).
//
// Why after the import and not row by row inside it (tried): interleaved with the normaliser, its
// random reads of the per-user table missed the cache more often; import + plan took 1.7 ms longer.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "normalize/import_rows.h"
#include "plan/flat_index.h"
#include "plan/interner.h"

namespace ss {

class FileUsers {
 public:
  static constexpr int32_t kNone = -1;

  struct User {
    uint32_t first_row = 0;
    int32_t nickname_row = kNone;  // the row whose 昵称 the student gets; kNone: no row has one
    int32_t phone_row = kNone;
    bool nickname_conflict = false;  // the file has different non-empty values
    bool phone_conflict = false;
    bool extra_conflict = false;  // some student extra column
    bool any_conflict() const { return nickname_conflict || phone_conflict || extra_conflict; }
  };

  FileUsers() = default;  // describes no rows
  static FileUsers of(const ImportRows& rows);
  // True when this was built from exactly these rows (the same vector, as many rows).
  bool describes(const ImportRows& rows) const {
    return built_ && rows_data_ == rows.rows.data() && row_user_.size() == rows.rows.size();
  }

  size_t user_count() const { return users_.size(); }
  const User& user(uint32_t number) const { return users_[number]; }
  uint32_t user_of_row(uint32_t row) const { return row_user_[row]; }
  uint32_t course_of_row(uint32_t row) const { return row_course_[row]; }
  // The same for every row at once, for loops over all rows (see make_plan).
  const uint32_t* users_of_rows() const { return row_user_.data(); }
  const uint32_t* courses_of_rows() const { return row_course_.data(); }
  // Student extra slots: the extra columns whose field is in 学员总表, in column order.
  size_t student_slots() const { return slot_extra_.size(); }
  uint32_t slot_extra(size_t slot) const { return slot_extra_[slot]; }  // index into ResolvedColumns::extras
  int32_t slot_of_extra(uint32_t extra) const { return student_slot_[extra]; }  // or kNone
  int32_t extra_row(uint32_t user, size_t slot) const { return extra_rows_[user * slot_extra_.size() + slot]; }

  // Number of a course of the snapshot, or FlatIndex::kAbsent when the file has none.
  int64_t find_course(std::string_view name) const { return courses_.find(name); }
  // Numbers of the snapshot's 用户IDs: an index built for the caller, who drops it when done. Not kept
  // here: only plans against a non-empty snapshot need it, and not while they plan the records (the
  // peak of memory). It holds its own compact copy of the 用户IDs: a lookup through the rows read two
  // far-apart places (the row, then its text), and a re-upload's plan looks up every record of the
  // snapshot (BM_PlanSyncedTables).
  class UserLookup {
   public:
    int64_t find(std::string_view user_id) const { return user_ids_.find(user_id); }

   private:
    friend class FileUsers;
    Interner<> user_ids_;  // numbered as the users (interned in their order)
  };
  UserLookup user_lookup(const ImportRows& rows) const;

 private:
  std::vector<int32_t> student_slot_;  // per extra column: its slot, or kNone
  std::vector<uint32_t> slot_extra_;
  std::vector<User> users_;
  std::vector<int32_t> extra_rows_;  // users × slots: the winning row of each student extra
  std::vector<uint32_t> row_user_;
  std::vector<uint32_t> row_course_;
  Interner<> courses_;
  bool built_ = false;
  const ImportRow* rows_data_ = nullptr;  // of the rows described
};

}  // namespace ss
