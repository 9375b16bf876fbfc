// sync_plan.cpp — see sync_plan.h.
#include "plan/sync_plan.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/text_hash.h"
#include "normalize/date_parser.h"
#include "plan/flat_index.h"

namespace ss {
namespace {

using nlohmann::json;

constexpr int32_t kNone = -1;

// A learning record's identity once 用户ID and 课程 are interned: (user, course, day).
struct RecordKey {
  uint32_t user = 0;
  uint32_t course = 0;
  int32_t day = 0;
  bool operator==(const RecordKey& o) const { return user == o.user && course == o.course && day == o.day; }
  uint64_t hash() const {
    return mix64(((static_cast<uint64_t>(user) << 32) | course) ^ (static_cast<uint64_t>(static_cast<uint32_t>(day)) * 0x9E3779B97F4A7C15ULL));
  }
};

// How far ahead of the user or row being planned its rows or hash-table slot are prefetched.
constexpr uint32_t kPrefetchDistance = 16;

std::string display(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

const json* find_cell(const std::vector<ExtraCell>& cells, const std::string& field) {
  for (const auto& c : cells) {
    if (c.field == field) return &c.value;
  }
  return nullptr;
}

size_t ceil_div(size_t n, size_t d) { return d == 0 ? n : (n + d - 1) / d; }

}  // namespace

WriteCallBound write_call_lower_bound(const Plan& plan, size_t batch_size) {
  WriteCallBound b;
  b.student_creates = ceil_div(plan.student_creates.size(), batch_size);
  b.record_creates = ceil_div(plan.record_creates.size(), batch_size);
  b.student_updates = ceil_div(plan.student_updates.size(), batch_size);
  return b;
}

std::string plan_summary(const Plan& plan) {
  return "新增" + std::to_string(plan.student_creates.size()) + "位学员，更新" + std::to_string(plan.student_updates.size()) +
         "位，新增" + std::to_string(plan.record_creates.size()) + "条学习记录，跳过" + std::to_string(plan.skipped.size()) +
         "条重复，失败" + std::to_string(plan.rejected.size()) + "条";
}

Plan make_plan(const ImportRows& input, const Snapshot& snapshot, const SyncSchema& schema, const FileUsers* file_users) {
  Plan plan;
  plan.input_text = input.text;
  TextArena& own_text = *plan.own_text;
  plan.rejected = input.rejected;
  const std::vector<ImportRow>& rows = input.rows;
  const auto& extras_spec = input.columns.extras;
  const auto extras_of = [&](uint32_t r) { return input.extras(rows[r]); };

  // The file's users and courses: from the importer when it built them for these rows, else now.
  std::optional<FileUsers> own_file_users;
  if (file_users == nullptr || !file_users->describes(input)) file_users = &own_file_users.emplace(FileUsers::of(input));
  const FileUsers& file = *file_users;
  const size_t user_count = file.user_count();
  const size_t slots = file.student_slots();
  const bool any_record_extra =
      std::any_of(extras_spec.begin(), extras_spec.end(), [](const auto& e) { return e.spec.table == TableKind::kRecords; });

  // --- Snapshot: the students and learning records this file could repeat ----------------------
  // First student record per user (snapshot order); later ones are duplicates, reported in the notes.
  std::vector<int32_t> existing_student(user_count, kNone);
  std::unordered_map<uint32_t, std::vector<std::string_view>> duplicate_students;  // rare
  // Learning records of the snapshot by key; only those whose 用户ID and course both occur in the file
  // can match a row, the rest are not indexed.
  std::vector<RecordKey> existing_keys;
  std::vector<uint32_t> existing_record;  // snapshot index of existing_keys[i]
  FlatIndex existing_records(snapshot.records.size());
  if (!snapshot.students.empty() || !snapshot.records.empty()) {
    const FileUsers::UserLookup user_ids = file.user_lookup(input);  // gone before the records are planned
    for (uint32_t i = 0; i < snapshot.students.size(); ++i) {
      const auto& s = snapshot.students[i];
      if (s.user_id.empty()) continue;
      const int64_t user = user_ids.find(s.user_id);
      if (user == FlatIndex::kAbsent) continue;  // not touched by this file
      int32_t& first = existing_student[user];
      if (first == kNone) {
        first = static_cast<int32_t>(i);
        continue;
      }
      auto& ids = duplicate_students[static_cast<uint32_t>(user)];
      if (ids.empty()) ids.push_back(snapshot.students[first].record_id);
      ids.push_back(s.record_id);
    }

    std::unordered_map<std::string_view, std::string_view> user_of_student;  // only for records without 用户ID
    for (const auto& r : snapshot.records) {
      if (r.user_id.empty() && !r.student_ids.empty()) {
        for (const auto& s : snapshot.students) user_of_student.emplace(s.record_id, s.user_id);
        break;
      }
    }
    for (uint32_t i = 0; i < snapshot.records.size(); ++i) {
      const auto& r = snapshot.records[i];
      if (!r.date_ms || r.course.empty()) continue;
      std::string_view uid = r.user_id;
      if (uid.empty()) {
        for (const auto& sid : r.student_ids) {
          auto it = user_of_student.find(sid);
          if (it != user_of_student.end() && !it->second.empty()) {
            uid = it->second;
            break;
          }
        }
      }
      if (uid.empty()) continue;
      const int64_t user = user_ids.find(uid);
      if (user == FlatIndex::kAbsent) continue;
      const int64_t course = file.find_course(r.course);
      if (course == FlatIndex::kAbsent) continue;
      existing_keys.push_back({static_cast<uint32_t>(user), static_cast<uint32_t>(course),
                               static_cast<int32_t>(local_day_of_ms(*r.date_ms, schema.utc_offset_minutes))});
      existing_record.push_back(i);
    }
    // Then indexed, keeping the first record of each key: in a pass of its own, so that the random slot
    // each key goes to is fetched a few keys ahead (a re-upload's snapshot has a record for every row).
    uint32_t kept = 0;
    for (size_t k = 0; k < existing_keys.size(); ++k) {
      if (k + kPrefetchDistance < existing_keys.size()) existing_records.prefetch(existing_keys[k + kPrefetchDistance].hash());
      const RecordKey key = existing_keys[k];
      if (existing_records.find_or_insert(key.hash(), kept, [&](uint32_t o) { return existing_keys[o] == key; }) ==
          FlatIndex::kAbsent) {
        existing_keys[kept] = key;
        existing_record[kept] = existing_record[k];
        ++kept;
      }
    }
    existing_keys.resize(kept);
    existing_record.resize(kept);
  }

  // --- Students: create or update --------------------------------------------------------------
  const StudentFields& sf = schema.students;
  std::vector<std::string_view> student_record_id(snapshot.students.empty() ? 0 : user_count);  // in own_text
  std::vector<int32_t> planned_student(user_count, kNone);  // index into plan.student_creates
  plan.student_creates.reserve(user_count);
  for (uint32_t ui = 0; ui < user_count; ++ui) {
    if (ui + kPrefetchDistance < user_count) {  // the winning rows (their text is not read, only pointed at)
      const FileUsers::User& ahead = file.user(ui + kPrefetchDistance);
      if (ahead.nickname_row != kNone) prefetch_address(&rows[ahead.nickname_row]);
      if (ahead.phone_row != kNone) prefetch_address(&rows[ahead.phone_row]);
    }
    const FileUsers::User& u = file.user(ui);
    const ImportRow& first = rows[u.first_row];
    const std::string_view nickname = u.nickname_row == kNone ? std::string_view() : rows[u.nickname_row].nickname();
    const std::string_view phone = u.phone_row == kNone ? std::string_view() : rows[u.phone_row].phone();
    if (existing_student[ui] == kNone) {
      // Built in place: built on the stack and pushed, it was copied with 16-byte loads of fields just
      // stored in 4- and 8-byte pieces, which cannot be forwarded and wait for the stores to retire.
      planned_student[ui] = static_cast<int32_t>(plan.student_creates.size());
      StudentCreate& c = plan.student_creates.emplace_back();
      c.set_user_id(first.user_id());
      c.line = first.line;
      c.set_nickname(nickname);
      c.set_phone(phone);
      c.first_extra = static_cast<uint32_t>(plan.student_extras.size());
      for (size_t s = 0; s < slots; ++s) {
        const int32_t win = file.extra_row(ui, s);
        if (win == kNone) continue;
        plan.student_extras.push_back({extras_spec[file.slot_extra(s)].spec.field, *input.extra_value(rows[win], file.slot_extra(s))});
      }
      c.extra_count = static_cast<uint32_t>(plan.student_extras.size()) - c.first_extra;
      continue;
    }
    const StudentSnapshot& old = snapshot.students[existing_student[ui]];
    student_record_id[ui] = own_text.keep(old.record_id);
    StudentUpdate up;
    const auto change_text = [&](const std::string& field, const std::string& before, std::string_view after) {
      if (after.empty() || after == before) return;
      up.changes.push_back({field, before.empty() ? json(nullptr) : json(before), json(after)});
    };
    change_text(sf.nickname, old.nickname, nickname);
    change_text(sf.phone, old.phone, phone);
    for (size_t s = 0; s < slots; ++s) {
      const int32_t win = file.extra_row(ui, s);
      if (win == kNone) continue;
      const std::string& field = extras_spec[file.slot_extra(s)].spec.field;
      const json& after = *input.extra_value(rows[win], file.slot_extra(s));
      const json* before = find_cell(old.extras, field);
      if (before != nullptr && *before == after) continue;
      up.changes.push_back({field, before ? *before : json(nullptr), after});
    }
    if (up.changes.empty()) {
      ++plan.unchanged_students;
      continue;
    }
    up.record_id = old.record_id;
    up.user_id = old.user_id;
    up.line = first.line;
    plan.student_updates.push_back(std::move(up));
  }

  // --- Conflicts (rare): a second pass over the rows of conflicted users only -------------------
  // Each field the file disagrees on becomes a FieldConflict at once, with the chosen (winning) value;
  // the pass adds the other values, in order of first appearance. Why not collect all values first and
  // split them after: with the copies, memcmp calls and per-field vectors that took, the conflicts of
  // the 100,000-row export (1,839) cost 1.5 ms of its 3.7 ms plan; now about 0.8.
  std::vector<uint32_t> conflicted_users;
  size_t conflicted_fields = 0;
  for (uint32_t ui = 0; ui < user_count; ++ui) {
    const FileUsers::User& u = file.user(ui);
    if (!u.any_conflict()) continue;
    conflicted_users.push_back(ui);
    conflicted_fields += size_t{u.nickname_conflict} + size_t{u.phone_conflict} + (u.extra_conflict ? slots : 0);
  }
  if (!conflicted_users.empty()) {
    // Conflicted users get `fields` consecutive entries (nickname, phone, then each student extra): the
    // index of the field's FieldConflict, or kNone.
    const size_t fields = 2 + slots;
    std::vector<int32_t> field_base(user_count, kNone);
    std::vector<int32_t> conflict_of(conflicted_users.size() * fields, kNone);
    plan.conflicts.reserve(conflicted_fields);
    // `chosen`: a view into the rows' text, or into own_text.
    const auto open = [&](uint32_t ui, size_t f, const std::string& field, int32_t win, std::string_view chosen) {
      conflict_of[field_base[ui] + f] = static_cast<int32_t>(plan.conflicts.size());
      FieldConflict& c = plan.conflicts.emplace_back();
      c.user_id = rows[file.user(ui).first_row].user_id();
      c.field = field;
      c.chosen = {rows[win].line, chosen};
    };
    for (size_t k = 0; k < conflicted_users.size(); ++k) {
      const uint32_t ui = conflicted_users[k];
      const FileUsers::User& u = file.user(ui);
      field_base[ui] = static_cast<int32_t>(k * fields);
      if (u.nickname_conflict) open(ui, 0, sf.nickname, u.nickname_row, rows[u.nickname_row].nickname());
      if (u.phone_conflict) open(ui, 1, sf.phone, u.phone_row, rows[u.phone_row].phone());
      for (size_t s = 0; u.extra_conflict && s < slots; ++s) {
        const int32_t win = file.extra_row(ui, s);
        const uint32_t extra = file.slot_extra(s);
        if (win != kNone) open(ui, 2 + s, extras_spec[extra].spec.field, win, own_text.keep(display(*input.extra_value(rows[win], extra))));
      }
    }
    // `value`: a view into the rows' text, or into own_text.
    const auto add = [&](int32_t conflict, int line, std::string_view value) {
      FieldConflict& c = plan.conflicts[conflict];
      if (equal_text(c.chosen.value, value)) return;
      for (const ConflictValue& other : c.others) {
        if (equal_text(other.value, value)) return;
      }
      c.others.push_back({line, value});
    };
    // The rows of conflicted users are listed first, then read with each row and its text fetched a few
    // ahead: they are scattered over the file, and read in place they missed the cache nearly every time.
    struct ConflictedRow {
      uint32_t row;
      int32_t base;  // the user's entries in conflict_of
    };
    std::vector<ConflictedRow> conflicted_rows;
    for (uint32_t r = 0; r < rows.size(); ++r) {
      const int32_t base = field_base[file.user_of_row(r)];
      if (base != kNone) conflicted_rows.push_back({r, base});
    }
    for (size_t k = 0; k < conflicted_rows.size(); ++k) {
      if (k + kPrefetchDistance < conflicted_rows.size()) prefetch_address(&rows[conflicted_rows[k + kPrefetchDistance].row]);
      if (k + kPrefetchDistance / 2 < conflicted_rows.size()) {
        const ImportRow& ahead = rows[conflicted_rows[k + kPrefetchDistance / 2].row];
        prefetch_address(ahead.nickname().data());
        prefetch_address(ahead.phone().data());
      }
      const auto [r, base] = conflicted_rows[k];
      const ImportRow& row = rows[r];
      if (conflict_of[base] != kNone && !row.nickname().empty()) add(conflict_of[base], row.line, row.nickname());
      if (conflict_of[base + 1] != kNone && !row.phone().empty()) add(conflict_of[base + 1], row.line, row.phone());
      if (slots == 0) continue;
      for (const ExtraValue& ev : extras_of(r)) {
        const int32_t slot = file.slot_of_extra(ev.extra);
        if (slot != kNone && conflict_of[base + 2 + slot] != kNone) add(conflict_of[base + 2 + slot], row.line, own_text.keep(display(ev.value)));
      }
    }
    // A user's extra_conflict is for any of its extra fields: the others agreed throughout.
    if (slots != 0) {
      plan.conflicts.erase(std::remove_if(plan.conflicts.begin(), plan.conflicts.end(),
                                          [](const FieldConflict& c) { return c.others.empty(); }),
                           plan.conflicts.end());
    }
  }

  // --- Notes ------------------------------------------------------------------------------------
  for (const auto& [user, ids] : duplicate_students) {
    std::string list;
    for (std::string_view id : ids) (list += list.empty() ? "" : "、") += id;
    plan.notes.push_back("学员总表里有 " + std::to_string(ids.size()) + " 条用户ID为 " + std::string(rows[file.user(user).first_row].user_id()) + " 的记录（" +
                         list + "），本次只使用第一条，请在飞书里合并。");
  }
  std::sort(plan.notes.begin(), plan.notes.end());  // deterministic despite the hash map

  std::vector<std::string_view> existing_record_id(existing_keys.size());  // in own_text, once used

  // --- Learning records ------------------------------------------------------------------------
  // Record key → the first row of the file with it.
  FlatIndex seen_in_file(rows.size());
  plan.record_creates.reserve(rows.size());
  const auto add_skipped = [&](const ImportRow& row, SkipReason reason) -> SkippedRecord& {
    SkippedRecord& k = plan.skipped.emplace_back();
    k.line = row.line;
    k.reason = reason;
    k.day = row.day;
    k.set_user_id(row.user_id());
    k.set_course(row.course());
    return k;
  };
  // The buffers as locals: the plan's vectors grow in this loop, and through them (and `file`) every
  // access reloaded their pointers.
  const uint32_t row_count = static_cast<uint32_t>(rows.size());
  const ImportRow* const row_data = rows.data();
  const uint32_t* const user_of_row = file.users_of_rows();
  const uint32_t* const course_of_row = file.courses_of_rows();
  const auto key_of = [&](uint32_t r) { return RecordKey{user_of_row[r], course_of_row[r], row_data[r].day}; };
  // Hashes of the keys of the next kPrefetchDistance rows, in a ring: each key is hashed once, when its
  // slots are fetched.
  uint64_t key_hash[kPrefetchDistance];
  for (uint32_t r = 0; r < std::min<uint32_t>(kPrefetchDistance, row_count); ++r) key_hash[r] = key_of(r).hash();
  for (uint32_t r = 0; r < row_count; ++r) {
    const ImportRow& row = row_data[r];
    const uint64_t hash = key_hash[r % kPrefetchDistance];
    if (r + kPrefetchDistance < row_count) {
      const uint64_t ahead = key_of(r + kPrefetchDistance).hash();
      key_hash[r % kPrefetchDistance] = ahead;
      if (!existing_keys.empty()) existing_records.prefetch(ahead);
      seen_in_file.prefetch(ahead);
    }
    const RecordKey key = key_of(r);
    if (!existing_keys.empty()) {
      const int64_t existing = existing_records.find(hash, [&](uint32_t i) { return existing_keys[i] == key; });
      if (existing != FlatIndex::kAbsent) {
        std::string_view& kept = existing_record_id[existing];  // copied once per record, not per row
        if (kept.empty()) kept = own_text.keep(snapshot.records[existing_record[existing]].record_id);
        SkippedRecord& k = add_skipped(row, SkipReason::kAlreadyInBitable);
        k.set_existing_record_id(kept);
        continue;
      }
    }
    const int64_t first = seen_in_file.find_or_insert(hash, r, [&](uint32_t o) { return key_of(o) == key; });
    if (first != FlatIndex::kAbsent) {
      add_skipped(row, SkipReason::kDuplicateInFile).first_line = row_data[first].line;
      continue;
    }
    plan.record_creates.emplace_back();
    RecordCreate& c = plan.record_creates.back();
    c.line = row.line;
    c.set_user_id(row.user_id());
    c.set_course(row.course());
    c.day = row.day;
    const uint32_t user = key.user;
    c.student = planned_student[user] == kNone ? StudentLink::existing(student_record_id[user]) : StudentLink::planned(planned_student[user]);
    if (!any_record_extra) continue;
    c.first_extra = static_cast<uint32_t>(plan.record_extras.size());
    for (const ExtraValue& ev : extras_of(r)) {
      if (extras_spec[ev.extra].spec.table == TableKind::kRecords) plan.record_extras.push_back({extras_spec[ev.extra].spec.field, ev.value});
    }
    c.extra_count = static_cast<uint32_t>(plan.record_extras.size()) - c.first_extra;
  }

  plan.lower_bound = write_call_lower_bound(plan, schema.batch_size);
  return plan;
}

}  // namespace ss
