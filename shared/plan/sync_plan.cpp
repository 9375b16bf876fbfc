// sync_plan.cpp — see sync_plan.h.
#include "plan/sync_plan.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "core/text_hash.h"
#include "normalize/date_parser.h"
#include "plan/flat_index.h"
#include "plan/interner.h"

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

// How far ahead of the row being planned its hash-table slots and aggregates are prefetched.
constexpr uint32_t kPrefetchDistance = 16;


// The first value a user had for a field, compared with each later value until one differs. Short values
// (every phone, most nicknames) are held whole, so the comparison does not read the far-away row.
class FirstValue {
 public:
  void set(std::string_view v) {
    size_ = static_cast<uint32_t>(v.size());
    std::memcpy(head_, v.data(), std::min(v.size(), sizeof head_));
    row_text_ = v.data();
  }
  bool equals(std::string_view v) const {
    if (v.size() != size_) return false;
    const size_t head = std::min(v.size(), sizeof head_);
    if (!equal_text(std::string_view(head_, head), v.substr(0, head))) return false;
    return v.size() <= sizeof head_ || equal_text(std::string_view(row_text_, v.size()).substr(sizeof head_), v.substr(sizeof head_));
  }

 private:
  uint32_t size_ = 0;
  char head_[12];
  const char* row_text_ = nullptr;
};

// One text field of one user across the file: the winning row (latest 学习日期, ties: the later line)
// and whether the file disagrees with itself.
struct FieldWinner {
  int32_t row = kNone;
  int32_t day = 0;  // of `row`
  bool conflict = false;
  FirstValue first;

  // Rows come in line order, so ">=" on the day makes the later line win ties. Until a value differs,
  // all values so far are equal, so comparing with the first one is enough.
  void see(std::string_view value, uint32_t r, int32_t row_day) {
    if (value.empty()) return;
    if (row == kNone) {
      first.set(value);
    } else if (!conflict && !first.equals(value)) {
      conflict = true;
    }
    if (row == kNone || row_day >= day) {
      row = static_cast<int32_t>(r);
      day = row_day;
    }
  }
};

// Number of a course name, through a small direct-mapped cache in front of the interner: a file has a
// few dozen courses on 100,000 rows, and a cheap signature (length, first and last eight bytes) finds the
// number without hashing the whole name. A hit is confirmed by comparing the text, so names sharing a
// signature only cost a trip to the interner.
class CourseNumbers {
 public:
  uint32_t of(std::string_view name) {
    Slot& slot = slots_[signature(name) % kSlots];
    if (slot.number != kEmpty && equal_text(std::string_view(slot.text, slot.size), name)) return slot.number;
    slot.number = names_.intern(name);
    slot.text = name.data();  // the row's text: it outlives this cache
    slot.size = static_cast<uint32_t>(name.size());
    return slot.number;
  }
  int64_t find(std::string_view name) const { return names_.find(name); }

 private:
  static constexpr size_t kSlots = 64;
  static constexpr uint32_t kEmpty = ~uint32_t{0};
  static uint32_t signature(std::string_view s) {
    uint64_t head = 0, tail = 0;
    if (s.size() >= 8) {
      std::memcpy(&head, s.data(), 8);
      std::memcpy(&tail, s.data() + s.size() - 8, 8);
    } else if (!s.empty()) {
      std::memcpy(&head, s.data(), s.size());
    }
    return static_cast<uint32_t>(((head ^ (tail >> 7) ^ (tail << 29) ^ s.size()) * 0x9E3779B97F4A7C15ULL) >> 40);
  }
  // The name a slot was last filled with, and its number: a hit costs no trip to the interner's pool.
  struct Slot {
    const char* text = nullptr;
    uint32_t size = 0;
    uint32_t number = kEmpty;
  };

  Interner<> names_;
  Slot slots_[kSlots];
};

// Per 用户ID of the file: which row supplies each field, and whether the file disagrees with itself.
struct UserAgg {
  uint32_t first_row = 0;
  int32_t planned_student = kNone;
  bool extra_conflict = false;
  FieldWinner nickname;
  FieldWinner phone;

  bool any_conflict() const { return nickname.conflict || phone.conflict || extra_conflict; }
};

std::string display(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

const json* find_extra(const ExtraValues& extras, uint32_t extra) {
  for (const auto& e : extras) {
    if (e.extra == extra) return &e.value;
  }
  return nullptr;
}

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

Plan make_plan(const ImportRows& input, const Snapshot& snapshot, const SyncSchema& schema) {
  Plan plan;
  plan.input_text = input.text;
  TextArena& own_text = *plan.own_text;
  plan.rejected = input.rejected;
  const std::vector<ImportRow>& rows = input.rows;
  const auto& extras_spec = input.columns.extras;
  const auto extras_of = [&](uint32_t r) { return input.extras(rows[r]); };

  // Extra columns going to the students table get a slot each; record extras are copied per row.
  std::vector<int32_t> student_slot(extras_spec.size(), kNone);
  std::vector<uint32_t> slot_extra;
  bool any_record_extra = false;
  for (uint32_t e = 0; e < extras_spec.size(); ++e) {
    if (extras_spec[e].spec.table == TableKind::kStudents) {
      student_slot[e] = static_cast<int32_t>(slot_extra.size());
      slot_extra.push_back(e);
    } else {
      any_record_extra = true;
    }
  }
  const size_t slots = slot_extra.size();

  // --- Pass 1: intern 用户IDs and courses, aggregate the file per 用户ID ---------------------------
  Interner<UserAgg> user_ids;  // each 用户ID with its UserAgg, numbered in order of first appearance
  CourseNumbers courses;
  const auto users = [&](uint32_t ui) -> UserAgg& { return user_ids.payload(ui); };
  std::vector<int32_t> extra_rows;  // user_ids.size() × slots, winning row per student extra
  std::vector<uint32_t> row_user(rows.size());
  std::vector<uint32_t> row_course(rows.size());
  // Hashes of the 用户IDs of the next kPrefetchDistance rows, in a ring. Hashing a row that far ahead
  // also loads its line of the file, which the row's other cells share: by the time the row is planned
  // its cells are in cache (the file is far larger than the cache, and wasm has no prefetch instruction;
  // hashing all rows in a pass of their own loaded every line twice, 7 ms of 60 in wasm).
  uint64_t user_hash[kPrefetchDistance];
  for (uint32_t r = 0; r < std::min<size_t>(kPrefetchDistance, rows.size()); ++r) user_hash[r] = hash_text(rows[r].user_id());
  for (uint32_t r = 0; r < rows.size(); ++r) {
    const uint64_t hash = user_hash[r % kPrefetchDistance];
    if (r + 2 * kPrefetchDistance < rows.size()) prefetch_address(rows[r + 2 * kPrefetchDistance].user_id().data());
    if (r + kPrefetchDistance < rows.size()) {
      const uint64_t ahead = hash_text(rows[r + kPrefetchDistance].user_id());
      user_hash[r % kPrefetchDistance] = ahead;
      user_ids.prefetch_slot(ahead);  // its index slot now, its pool entry (text, aggregate) closer
    }
    if (r + kPrefetchDistance / 2 < rows.size()) user_ids.prefetch_entry(user_hash[(r + kPrefetchDistance / 2) % kPrefetchDistance]);
    const ImportRow& row = rows[r];
    bool new_user = false;
    const uint32_t user = user_ids.intern(row.user_id(), hash, &new_user);
    row_user[r] = user;
    row_course[r] = courses.of(row.course());
    UserAgg& u = users(user);
    if (new_user) {
      u.first_row = r;
      extra_rows.resize(extra_rows.size() + slots, kNone);
    }
    u.nickname.see(row.nickname(), r, row.day);
    u.phone.see(row.phone(), r, row.day);
    if (slots == 0) continue;
    for (const ExtraValue& ev : extras_of(r)) {
      const int32_t slot = student_slot[ev.extra];
      if (slot == kNone) continue;
      int32_t& win = extra_rows[static_cast<size_t>(user) * slots + slot];
      if (win == kNone) {
        win = static_cast<int32_t>(r);
      } else {
        const ImportRow& cur = rows[win];
        if (*find_extra(extras_of(win), ev.extra) != ev.value) u.extra_conflict = true;
        if (row.day >= cur.day) win = static_cast<int32_t>(r);
      }
    }
  }

  // --- Snapshot: the students of this file's 用户IDs ------------------------------------------------
  // First record per user (snapshot order); later ones are duplicates, reported in the notes.
  std::vector<int32_t> existing_student(user_ids.size(), kNone);
  std::unordered_map<uint32_t, std::vector<std::string_view>> duplicate_students;  // rare
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

  // --- Snapshot: the learning records this file could repeat ------------------------------------
  // Only records whose 用户ID and course both occur in the file can match a row; the rest are not indexed.
  std::unordered_map<std::string_view, std::string_view> user_of_student;  // only for records without 用户ID
  for (const auto& r : snapshot.records) {
    if (r.user_id.empty() && !r.student_ids.empty()) {
      for (const auto& s : snapshot.students) user_of_student.emplace(s.record_id, s.user_id);
      break;
    }
  }
  std::vector<RecordKey> existing_keys;
  std::vector<uint32_t> existing_record;  // snapshot index of existing_keys[i]
  FlatIndex existing_records(snapshot.records.size());
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
    const int64_t course = courses.find(r.course);
    if (course == FlatIndex::kAbsent) continue;
    const RecordKey key{static_cast<uint32_t>(user), static_cast<uint32_t>(course),
                        static_cast<int32_t>(local_day_of_ms(*r.date_ms, schema.utc_offset_minutes))};
    const auto item = static_cast<uint32_t>(existing_keys.size());
    if (existing_records.find_or_insert(key.hash(), item, [&](uint32_t o) { return existing_keys[o] == key; }) ==
        FlatIndex::kAbsent) {
      existing_keys.push_back(key);
      existing_record.push_back(i);
    }
  }

  courses = CourseNumbers();  // done with: the rest works on numbers

  // --- Students: create or update --------------------------------------------------------------
  const StudentFields& sf = schema.students;
  std::vector<std::string_view> student_record_id(snapshot.students.empty() ? 0 : user_ids.size());  // in own_text
  plan.student_creates.reserve(user_ids.size());
  for (uint32_t ui = 0; ui < user_ids.size(); ++ui) {
    if (ui + kPrefetchDistance < user_ids.size()) {  // the winning rows, then (closer) their text
      const UserAgg& ahead = users(ui + kPrefetchDistance);
      if (ahead.nickname.row != kNone) prefetch_address(&rows[ahead.nickname.row]);
      if (ahead.phone.row != kNone) prefetch_address(&rows[ahead.phone.row]);
    }
    if (ui + kPrefetchDistance / 2 < user_ids.size()) {
      const UserAgg& ahead = users(ui + kPrefetchDistance / 2);
      if (ahead.nickname.row != kNone) prefetch_address(rows[ahead.nickname.row].nickname().data());
      if (ahead.phone.row != kNone) prefetch_address(rows[ahead.phone.row].phone().data());
    }
    UserAgg& u = users(ui);
    const ImportRow& first = rows[u.first_row];
    const std::string_view nickname = u.nickname.row == kNone ? std::string_view() : rows[u.nickname.row].nickname();
    const std::string_view phone = u.phone.row == kNone ? std::string_view() : rows[u.phone.row].phone();
    if (existing_student[ui] == kNone) {
      StudentCreate c;
      c.set_user_id(first.user_id());
      c.line = first.line;
      c.set_nickname(nickname);
      c.set_phone(phone);
      c.first_extra = static_cast<uint32_t>(plan.student_extras.size());
      for (size_t s = 0; s < slots; ++s) {
        const int32_t win = extra_rows[static_cast<size_t>(ui) * slots + s];
        if (win == kNone) continue;
        plan.student_extras.push_back({extras_spec[slot_extra[s]].spec.field, *find_extra(extras_of(win), slot_extra[s])});
      }
      c.extra_count = static_cast<uint32_t>(plan.student_extras.size()) - c.first_extra;
      u.planned_student = static_cast<int32_t>(plan.student_creates.size());
      plan.student_creates.push_back(std::move(c));
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
      const int32_t win = extra_rows[static_cast<size_t>(ui) * slots + s];
      if (win == kNone) continue;
      const std::string& field = extras_spec[slot_extra[s]].spec.field;
      const json& after = *find_extra(extras_of(win), slot_extra[s]);
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
  std::vector<uint32_t> conflicted_users;
  for (uint32_t ui = 0; ui < user_ids.size(); ++ui) {
    if (users(ui).any_conflict()) conflicted_users.push_back(ui);
  }
  if (!conflicted_users.empty()) {
    // Per conflicted user and field: distinct values in order of first appearance.
    struct Collect {
      std::vector<ConflictValue> values;
      void add(int line, std::string_view v) {
        for (auto& x : values) {
          if (x.value == v) return;
        }
        values.push_back({line, std::string(v)});
      }
    };
    // Conflicted users get `fields` consecutive collections (nickname, phone, then each student extra).
    const size_t fields = 2 + slots;
    std::vector<int32_t> collect_base(user_ids.size(), kNone);
    for (size_t k = 0; k < conflicted_users.size(); ++k) collect_base[conflicted_users[k]] = static_cast<int32_t>(k * fields);
    std::vector<Collect> collected(conflicted_users.size() * fields);
    for (uint32_t r = 0; r < rows.size(); ++r) {
      const int32_t base = collect_base[row_user[r]];
      if (base == kNone) continue;
      const UserAgg& u = users(row_user[r]);
      if (u.nickname.conflict && !rows[r].nickname().empty()) collected[base].add(rows[r].line, rows[r].nickname());
      if (u.phone.conflict && !rows[r].phone().empty()) collected[base + 1].add(rows[r].line, rows[r].phone());
      if (u.extra_conflict) {
        for (const ExtraValue& ev : extras_of(r)) {
          if (student_slot[ev.extra] != kNone) collected[base + 2 + student_slot[ev.extra]].add(rows[r].line, display(ev.value));
        }
      }
    }
    for (uint32_t ui : conflicted_users) {
      const UserAgg& u = users(ui);
      for (size_t f = 0; f < fields; ++f) {
        Collect& values = collected[collect_base[ui] + f];
        if (values.values.size() < 2) continue;
        FieldConflict c;
        c.user_id = std::string(rows[u.first_row].user_id());
        int32_t win;
        if (f == 0) {
          c.field = sf.nickname;
          win = u.nickname.row;
          c.chosen = {rows[win].line, std::string(rows[win].nickname())};
        } else if (f == 1) {
          c.field = sf.phone;
          win = u.phone.row;
          c.chosen = {rows[win].line, std::string(rows[win].phone())};
        } else {
          const uint32_t extra = slot_extra[f - 2];
          c.field = extras_spec[extra].spec.field;
          win = extra_rows[static_cast<size_t>(ui) * slots + (f - 2)];
          c.chosen = {rows[win].line, display(*find_extra(extras_of(win), extra))};
        }
        for (auto& v : values.values) {
          if (v.value != c.chosen.value) c.others.push_back(std::move(v));
        }
        plan.conflicts.push_back(std::move(c));
      }
    }
  }

  // --- Notes ------------------------------------------------------------------------------------
  for (const auto& [user, ids] : duplicate_students) {
    std::string list;
    for (std::string_view id : ids) (list += list.empty() ? "" : "、") += id;
    plan.notes.push_back("学员总表里有 " + std::to_string(ids.size()) + " 条用户ID为 " + std::string(rows[users(user).first_row].user_id()) + " 的记录（" +
                         list + "），本次只使用第一条，请在飞书里合并。");
  }
  std::sort(plan.notes.begin(), plan.notes.end());  // deterministic despite the hash map

  // A compact copy for the per-row loop below (UserAgg is too large to stay in cache).
  std::vector<int32_t> planned_student(user_ids.size());
  for (uint32_t ui = 0; ui < user_ids.size(); ++ui) planned_student[ui] = users(ui).planned_student;

  user_ids = Interner<UserAgg>();  // not needed at the peak, while the records are written

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
  const auto key_of = [&](uint32_t r) { return RecordKey{row_user[r], row_course[r], rows[r].day}; };
  for (uint32_t r = 0; r < rows.size(); ++r) {
    const ImportRow& row = rows[r];
    if (r + kPrefetchDistance < rows.size()) seen_in_file.prefetch(key_of(r + kPrefetchDistance).hash());
    const RecordKey key = key_of(r);
    const uint64_t hash = key.hash();
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
    const int64_t first = seen_in_file.find_or_insert(hash, r, [&](uint32_t o) {
      return rows[o].day == row.day && row_user[o] == row_user[r] && row_course[o] == row_course[r];
    });
    if (first != FlatIndex::kAbsent) {
      add_skipped(row, SkipReason::kDuplicateInFile).first_line = rows[first].line;
      continue;
    }
    plan.record_creates.emplace_back();
    RecordCreate& c = plan.record_creates.back();
    c.line = row.line;
    c.set_user_id(row.user_id());
    c.set_course(row.course());
    c.day = row.day;
    const int32_t planned = planned_student[row_user[r]];
    c.student = planned == kNone ? StudentLink::existing(student_record_id[row_user[r]]) : StudentLink::planned(planned);
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
