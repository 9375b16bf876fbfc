// sync_plan.cpp — see sync_plan.h.
#include "plan/sync_plan.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "normalize/date_parser.h"

namespace ss {
namespace {

using nlohmann::json;

struct RecordKey {
  std::string_view user_id;
  std::string_view course;
  int64_t day = 0;
  bool operator==(const RecordKey& o) const { return day == o.day && user_id == o.user_id && course == o.course; }
};

struct RecordKeyHash {
  size_t operator()(const RecordKey& k) const {
    size_t h = std::hash<std::string_view>{}(k.user_id);
    h ^= std::hash<std::string_view>{}(k.course) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= std::hash<int64_t>{}(k.day) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
  }
};

constexpr int32_t kNone = -1;

// An open-addressing (linear probing) index from a hash to an item of the caller's own arrays: each
// slot is 64 bits (32 bits of the hash, the item's index), so the table holds no keys and allocates
// once. Why not std::unordered_map: with one node per row, a 100,000-row file spent most of make_plan
// on node allocation and cache misses (bench/engine_bench, BM_PlanEmptyTables).
class FlatIndex {
 public:
  static constexpr int64_t kAbsent = -1;

  explicit FlatIndex(size_t max_items) {
    size_t capacity = 16;
    while (capacity < max_items * 2) capacity <<= 1;  // load factor ≤ 1/2
    slots_.assign(capacity, kEmpty);
    mask_ = capacity - 1;
  }

  // The item equal to the probe (same hash and same_as(item)), or kAbsent.
  template <class SameAs>
  int64_t find(size_t hash, SameAs same_as) const {
    const uint32_t tag = tag_of(hash);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == kEmpty) return kAbsent;
      const auto item = static_cast<uint32_t>(slot);
      if (static_cast<uint32_t>(slot >> 32) == tag && same_as(item)) return item;
    }
  }

  // Like find; when the probe is absent, records `item` for it and returns kAbsent (first one wins).
  template <class SameAs>
  int64_t find_or_insert(size_t hash, uint32_t item, SameAs same_as) {
    const uint32_t tag = tag_of(hash);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == kEmpty) {
        slots_[i] = (static_cast<uint64_t>(tag) << 32) | item;
        return kAbsent;
      }
      const auto existing = static_cast<uint32_t>(slot);
      if (static_cast<uint32_t>(slot >> 32) == tag && same_as(existing)) return existing;
    }
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};  // tag and item both 0xFFFFFFFF: never a real item
  // Widened first: size_t is 32 bits in wasm, where `hash >> 32` would be undefined behaviour (and was
  // miscompiled into tags that differ between insert and lookup).
  static uint32_t tag_of(size_t hash) {
    const uint64_t h = hash;
    return static_cast<uint32_t>(h >> 32) ^ static_cast<uint32_t>(h * 0x9E3779B1u);
  }
  std::vector<uint64_t> slots_;
  size_t mask_ = 0;
};

// Per 用户ID of the file: which row supplies each field, and whether the file disagrees with itself.
struct UserAgg {
  uint32_t first_row = 0;
  int32_t nickname_row = kNone;
  int32_t phone_row = kNone;
  bool nickname_conflict = false;
  bool phone_conflict = false;
  bool extra_conflict = false;
  int32_t planned_student = kNone;
  const std::string* existing_record_id = nullptr;
};

std::string display(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

const json* find_extra(const std::vector<ExtraValue>& extras, uint32_t extra) {
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
  plan.rejected = input.rejected;
  const std::vector<ImportRow>& rows = input.rows;
  const auto& extras_spec = input.columns.extras;

  // Extra columns going to the students table get a slot each; record extras are copied per row.
  std::vector<int32_t> student_slot(extras_spec.size(), kNone);
  std::vector<uint32_t> slot_extra;
  for (uint32_t e = 0; e < extras_spec.size(); ++e) {
    if (extras_spec[e].spec.table == TableKind::kStudents) {
      student_slot[e] = static_cast<int32_t>(slot_extra.size());
      slot_extra.push_back(e);
    }
  }
  const size_t slots = slot_extra.size();

  // --- Snapshot indexes -------------------------------------------------------------------------
  std::unordered_map<std::string_view, uint32_t> existing_students;
  existing_students.reserve(snapshot.students.size() * 2 + 1);
  std::unordered_map<std::string_view, std::vector<const std::string*>> duplicate_students;
  for (uint32_t i = 0; i < snapshot.students.size(); ++i) {
    const auto& s = snapshot.students[i];
    if (s.user_id.empty()) continue;
    auto [it, inserted] = existing_students.try_emplace(s.user_id, i);
    if (!inserted) {
      auto& ids = duplicate_students[s.user_id];
      if (ids.empty()) ids.push_back(&snapshot.students[it->second].record_id);
      ids.push_back(&s.record_id);
    }
  }
  std::unordered_map<std::string_view, std::string_view> user_of_student;  // only for records without 用户ID
  for (const auto& r : snapshot.records) {
    if (r.user_id.empty() && !r.student_ids.empty()) {
      for (const auto& s : snapshot.students) user_of_student.emplace(s.record_id, s.user_id);
      break;
    }
  }
  // Keys of the snapshot's records (user_id empty = no usable key), indexed by FlatIndex.
  std::vector<RecordKey> existing_keys(snapshot.records.size());
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
    existing_keys[i] = RecordKey{uid, r.course, local_day_of_ms(*r.date_ms, schema.utc_offset_minutes)};
    existing_records.find_or_insert(RecordKeyHash{}(existing_keys[i]), i,
                                    [&](uint32_t other) { return existing_keys[other] == existing_keys[i]; });
  }

  // --- Pass 1: aggregate the file per 用户ID -----------------------------------------------------
  // 用户ID → index into users (compared through the user's first row).
  FlatIndex user_index(rows.size());
  const auto user_hash = [](std::string_view uid) { return std::hash<std::string_view>{}(uid); };
  std::vector<UserAgg> users;
  std::vector<int32_t> extra_rows;  // users.size() × slots, winning row per student extra
  std::vector<uint32_t> row_user(rows.size());
  for (uint32_t r = 0; r < rows.size(); ++r) {
    const ImportRow& row = rows[r];
    const int64_t known = user_index.find_or_insert(user_hash(row.user_id), static_cast<uint32_t>(users.size()),
                                                    [&](uint32_t u) { return rows[users[u].first_row].user_id == row.user_id; });
    const auto user = known == FlatIndex::kAbsent ? static_cast<uint32_t>(users.size()) : static_cast<uint32_t>(known);
    if (known == FlatIndex::kAbsent) {
      users.push_back(UserAgg{});
      users.back().first_row = r;
      extra_rows.resize(extra_rows.size() + slots, kNone);
    }
    row_user[r] = user;
    UserAgg& u = users[user];
    // Rows come in line order, so ">=" on the day makes the later line win ties.
    if (!row.nickname.empty()) {
      if (u.nickname_row == kNone) {
        u.nickname_row = static_cast<int32_t>(r);
      } else {
        const ImportRow& cur = rows[u.nickname_row];
        if (cur.nickname != row.nickname) u.nickname_conflict = true;
        if (row.day >= cur.day) u.nickname_row = static_cast<int32_t>(r);
      }
    }
    if (!row.phone.empty()) {
      if (u.phone_row == kNone) {
        u.phone_row = static_cast<int32_t>(r);
      } else {
        const ImportRow& cur = rows[u.phone_row];
        if (cur.phone != row.phone) u.phone_conflict = true;
        if (row.day >= cur.day) u.phone_row = static_cast<int32_t>(r);
      }
    }
    for (const ExtraValue& ev : row.extras) {
      const int32_t slot = student_slot[ev.extra];
      if (slot == kNone) continue;
      int32_t& win = extra_rows[static_cast<size_t>(user) * slots + slot];
      if (win == kNone) {
        win = static_cast<int32_t>(r);
      } else {
        const ImportRow& cur = rows[win];
        if (*find_extra(cur.extras, ev.extra) != ev.value) u.extra_conflict = true;
        if (row.day >= cur.day) win = static_cast<int32_t>(r);
      }
    }
  }

  // --- Students: create or update --------------------------------------------------------------
  const StudentFields& sf = schema.students;
  for (uint32_t ui = 0; ui < users.size(); ++ui) {
    UserAgg& u = users[ui];
    const ImportRow& first = rows[u.first_row];
    const std::string* nickname = u.nickname_row == kNone ? nullptr : &rows[u.nickname_row].nickname;
    const std::string* phone = u.phone_row == kNone ? nullptr : &rows[u.phone_row].phone;
    auto found = existing_students.find(first.user_id);
    if (found == existing_students.end()) {
      StudentCreate c;
      c.user_id = first.user_id;
      c.line = first.line;
      if (nickname) c.nickname = *nickname;
      if (phone) c.phone = *phone;
      for (size_t s = 0; s < slots; ++s) {
        const int32_t win = extra_rows[static_cast<size_t>(ui) * slots + s];
        if (win == kNone) continue;
        c.extras.push_back({extras_spec[slot_extra[s]].spec.field, *find_extra(rows[win].extras, slot_extra[s])});
      }
      u.planned_student = static_cast<int32_t>(plan.student_creates.size());
      plan.student_creates.push_back(std::move(c));
      continue;
    }
    const StudentSnapshot& old = snapshot.students[found->second];
    u.existing_record_id = &old.record_id;
    StudentUpdate up;
    const auto change_text = [&](const std::string& field, const std::string& before, const std::string* after) {
      if (after == nullptr || after->empty() || *after == before) return;
      up.changes.push_back({field, before.empty() ? json(nullptr) : json(before), json(*after)});
    };
    change_text(sf.nickname, old.nickname, nickname);
    change_text(sf.phone, old.phone, phone);
    for (size_t s = 0; s < slots; ++s) {
      const int32_t win = extra_rows[static_cast<size_t>(ui) * slots + s];
      if (win == kNone) continue;
      const std::string& field = extras_spec[slot_extra[s]].spec.field;
      const json& after = *find_extra(rows[win].extras, slot_extra[s]);
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
  bool any_conflict = false;
  for (const auto& u : users) any_conflict = any_conflict || u.nickname_conflict || u.phone_conflict || u.extra_conflict;
  if (any_conflict) {
    // Per conflicted user and field: distinct values in order of first appearance.
    struct Collect {
      std::vector<ConflictValue> values;
      void add(int line, const std::string& v) {
        for (auto& x : values) {
          if (x.value == v) return;
        }
        values.push_back({line, v});
      }
    };
    std::unordered_map<uint64_t, Collect> collected;  // key: user index × (2 + slots) + field
    const uint64_t fields = 2 + slots;
    for (uint32_t r = 0; r < rows.size(); ++r) {
      const UserAgg& u = users[row_user[r]];
      const uint64_t base = static_cast<uint64_t>(row_user[r]) * fields;
      if (u.nickname_conflict && !rows[r].nickname.empty()) collected[base].add(rows[r].line, rows[r].nickname);
      if (u.phone_conflict && !rows[r].phone.empty()) collected[base + 1].add(rows[r].line, rows[r].phone);
      if (u.extra_conflict) {
        for (const ExtraValue& ev : rows[r].extras) {
          if (student_slot[ev.extra] != kNone) collected[base + 2 + student_slot[ev.extra]].add(rows[r].line, display(ev.value));
        }
      }
    }
    for (uint32_t ui = 0; ui < users.size(); ++ui) {
      const UserAgg& u = users[ui];
      const std::string& uid = rows[u.first_row].user_id;
      for (uint64_t f = 0; f < fields; ++f) {
        auto it = collected.find(ui * fields + f);
        if (it == collected.end() || it->second.values.size() < 2) continue;
        FieldConflict c;
        c.user_id = uid;
        int32_t win;
        if (f == 0) {
          c.field = sf.nickname;
          win = u.nickname_row;
          c.chosen = {rows[win].line, rows[win].nickname};
        } else if (f == 1) {
          c.field = sf.phone;
          win = u.phone_row;
          c.chosen = {rows[win].line, rows[win].phone};
        } else {
          const uint32_t extra = slot_extra[f - 2];
          c.field = extras_spec[extra].spec.field;
          win = extra_rows[static_cast<size_t>(ui) * slots + (f - 2)];
          c.chosen = {rows[win].line, display(*find_extra(rows[win].extras, extra))};
        }
        for (auto& v : it->second.values) {
          if (v.value != c.chosen.value) c.others.push_back(std::move(v));
        }
        plan.conflicts.push_back(std::move(c));
      }
    }
  }

  // --- Learning records ------------------------------------------------------------------------
  // Record key → the first row of the file with it.
  FlatIndex seen_in_file(rows.size());
  plan.record_creates.reserve(rows.size());
  for (uint32_t r = 0; r < rows.size(); ++r) {
    const ImportRow& row = rows[r];
    const RecordKey key{row.user_id, row.course, row.day};
    const size_t hash = RecordKeyHash{}(key);
    if (!snapshot.records.empty()) {
      const int64_t existing = existing_records.find(hash, [&](uint32_t i) { return existing_keys[i] == key; });
      if (existing != FlatIndex::kAbsent) {
        SkippedRecord s{row.line, row.user_id, row.course, row.date_ms, SkipReason::kAlreadyInBitable,
                        snapshot.records[existing].record_id, 0};
        plan.skipped.push_back(std::move(s));
        continue;
      }
    }
    const int64_t first = seen_in_file.find_or_insert(hash, r, [&](uint32_t o) {
      return rows[o].day == row.day && rows[o].user_id == row.user_id && rows[o].course == row.course;
    });
    if (first != FlatIndex::kAbsent) {
      plan.skipped.push_back({row.line, row.user_id, row.course, row.date_ms, SkipReason::kDuplicateInFile, {}, rows[first].line});
      continue;
    }
    RecordCreate c;
    c.line = row.line;
    c.user_id = row.user_id;
    c.course = row.course;
    c.date_ms = row.date_ms;
    const UserAgg& u = users[row_user[r]];
    if (u.existing_record_id != nullptr) {
      c.student.record_id = *u.existing_record_id;
    } else {
      c.student.planned_student = u.planned_student;
    }
    for (const ExtraValue& ev : row.extras) {
      if (extras_spec[ev.extra].spec.table == TableKind::kRecords) c.extras.push_back({extras_spec[ev.extra].spec.field, ev.value});
    }
    plan.record_creates.push_back(std::move(c));
  }

  // --- Notes ------------------------------------------------------------------------------------
  for (const auto& [uid, ids] : duplicate_students) {
    const std::string_view file_uid = uid;  // C++17 lambdas cannot capture structured bindings
    const auto same_user = [&](uint32_t u) { return rows[users[u].first_row].user_id == file_uid; };
    const bool in_file = user_index.find(user_hash(file_uid), same_user) != FlatIndex::kAbsent;
    if (!in_file) continue;  // not touched by this file
    std::string list;
    for (const auto* id : ids) list += (list.empty() ? "" : "、") + *id;
    plan.notes.push_back("学员总表里有 " + std::to_string(ids.size()) + " 条用户ID为 " + std::string(uid) + " 的记录（" + list +
                         "），本次只使用第一条，请在飞书里合并。");
  }
  std::sort(plan.notes.begin(), plan.notes.end());  // deterministic despite the hash map

  plan.lower_bound = write_call_lower_bound(plan, schema.batch_size);
  return plan;
}

}  // namespace ss
