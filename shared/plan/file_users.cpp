// file_users.cpp — see file_users.h.
#include "plan/file_users.h"

#include <algorithm>
#include <cstring>

#include "core/byte_vectors.h"
#include "core/read_ahead.h"
#include "core/text_hash.h"

namespace ss {
namespace {

constexpr int32_t kNone = FileUsers::kNone;

// How far ahead of the row being aggregated its 用户ID is hashed (which loads its line of the file) and
// its index slot fetched. Its pool entry is not: prefetching it too (from the slot, half as far ahead)
// made import+plan slower, 20.8 -> 20.1 ms without it (fastest of 5 runs in each of 5 alternating
// rounds), as did a separate prefetch of the row's line.
constexpr uint32_t kAhead = 16;

// The first value a user had for a field, compared with each later value until one differs. Values of
// up to 20 bytes (every phone, all but a few hundredths of the nicknames: six Chinese characters are 18)
// are held whole, so the comparison does not read the far-away row where the value was first seen. With
// 12 bytes held and a pointer to the rest, a tenth of the nicknames were longer, and their comparisons
// missed the cache: BM_FileUsers 5.8 -> 5.4 ms. The size stays 28 bytes: the row number replaces the pointer.
//
// Values whose whole head is readable (WholeReads of the file: all but the file's last few values; cleaned
// copies kept elsewhere are read by their size) are copied and compared as 20 bytes, masked to their
// size: no branch on the size, which went either way at random (a nickname of six bytes, the next of nine).
class FirstValue {
 public:
  static constexpr size_t kHead = 20;

  void set(std::string_view v, uint32_t row, bool head_readable) {
    size_ = static_cast<uint32_t>(v.size());
    row_ = row;
    if (head_readable) {
      std::memcpy(head_, v.data(), kHead);  // past the size: never compared
    } else {
      std::memcpy(head_, v.data(), std::min(v.size(), kHead));
    }
  }
  // `text_of(row)`: the field's text in a row, for the part of a long value past the head.
  template <class TextOf>
  bool equals(std::string_view v, bool head_readable, TextOf text_of) const {
    if (v.size() != size_) return false;
    const size_t n = v.size();
    bool head_equal;
    if (head_readable) {
      const uint32_t lanes = lane_bits(SS_LANES(load_bytes(head_) != load_bytes(v.data())));
      uint32_t tail_held, tail_seen;  // bytes 16..19
      std::memcpy(&tail_held, head_ + 16, 4);
      std::memcpy(&tail_seen, v.data() + 16, 4);
      const uint32_t lane_mask = static_cast<uint32_t>((uint64_t{1} << std::min<size_t>(n, 16)) - 1);
      const uint64_t tail_mask = (uint64_t{1} << (8 * (std::min<size_t>(std::max<size_t>(n, 16), kHead) - 16))) - 1;
      head_equal = ((lanes & lane_mask) | ((tail_held ^ tail_seen) & tail_mask)) == 0;
    } else {
      const size_t head = std::min(n, kHead);
      head_equal = equal_text(std::string_view(head_, head), v.substr(0, head));
    }
    return head_equal && (n <= kHead || equal_text(text_of(row_).substr(kHead), v.substr(kHead)));
  }

 private:
  uint32_t size_ = 0;
  uint32_t row_ = 0;  // where the value was first seen
  char head_[kHead];
};

// One text field of one user across the file: the winning row and whether the file disagrees with itself.
struct FieldWinner {
  int32_t row = kNone;
  int32_t day = 0;  // of `row`
  bool conflict = false;
  FirstValue first;

  // Rows come in line order, so ">=" on the day makes the later line win ties. Until a value differs,
  // all values so far are equal, so comparing with the first one is enough. The winner is chosen by
  // selects, not a branch: which of two dates is later is a coin toss row by row.
  template <class TextOf>
  void see(std::string_view value, uint32_t r, int32_t row_day, const WholeReads& readable, TextOf text_of) {
    if (value.empty()) return;
    const bool fresh = row == kNone;
    const bool head_readable = readable.covers(value);
    if (fresh) {
      first.set(value, r, head_readable);
    } else if (!conflict && !first.equals(value, head_readable, text_of)) {
      conflict = true;
    }
    const bool take = fresh | (row_day >= day);
    row = take ? static_cast<int32_t>(r) : row;
    day = take ? row_day : day;
  }
};

// A user while the rows are read, stored beside its 用户ID in the interner's pool (one cache miss per row).
struct UserAgg {
  uint32_t first_row = 0;
  bool extra_conflict = false;
  FieldWinner nickname;
  FieldWinner phone;
};

// Numbers of course names, through a small direct-mapped cache in front of the interner: a file has a
// few dozen courses on 100,000 rows, and a cheap signature (length, first and last eight bytes) finds the
// number without hashing the whole name. A hit is confirmed by comparing the text, so names sharing a
// signature only cost a trip to the interner.
class CourseCache {
 public:
  uint32_t of(std::string_view name, Interner<>& names) {
    Slot& slot = slots_[signature(name) % kSlots];
    if (slot.number != kEmpty && equal_text(std::string_view(slot.text, slot.size), name)) return slot.number;
    slot.number = names.intern(name);
    slot.text = name.data();  // the row's text: it outlives this cache
    slot.size = static_cast<uint32_t>(name.size());
    return slot.number;
  }

 private:
  // Slots for a few times the courses a file has: 40 courses in 64 slots left a handful sharing a slot,
  // each evicting the other on every row (BM_FileUsers 7.1 -> 6.7 ms with 256; 4 KiB, on the stack).
  static constexpr size_t kSlots = 256;
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
  Slot slots_[kSlots];
};

}  // namespace

FileUsers FileUsers::of(const ImportRows& in) {
  FileUsers out;
  for (uint32_t e = 0; e < in.columns.extras.size(); ++e) {
    const bool student_field = in.columns.extras[e].spec.table == TableKind::kStudents;
    out.student_slot_.push_back(student_field ? static_cast<int32_t>(out.slot_extra_.size()) : kNone);
    if (student_field) out.slot_extra_.push_back(e);
  }
  const size_t slots = out.slot_extra_.size();
  const uint32_t n = static_cast<uint32_t>(in.rows.size());
  out.row_user_.resize(n);
  out.row_course_.resize(n);
  // The vectors' buffers as locals: the interner's byte copies may alias anything, so through the
  // vectors each access reloaded their pointers (and each loop bound recomputed the size).
  const ImportRow* const rows = in.rows.data();
  uint32_t* const row_user = out.row_user_.data();
  uint32_t* const row_course = out.row_course_.data();

  // Each 用户ID with its UserAgg, numbered in order of first appearance; sized for a new user on every
  // row, so that its index never grows (16 bytes a row, freed with it).
  Interner<UserAgg> user_ids(n);
  CourseCache courses;
  const WholeReads readable(in.text->last_adopted(), FirstValue::kHead);
  // Hashes of the 用户IDs of the next kAhead rows, in a ring. Hashing a row that far ahead also loads its
  // line of the file, which the row's other cells share: by the time the row is aggregated its cells are
  // in cache (the file is far larger than the cache, and wasm has no prefetch instruction; hashing all
  // rows in a pass of their own loaded every line twice, 7 ms of 60 in wasm).
  uint64_t user_hash[kAhead];
  for (uint32_t r = 0; r < std::min(kAhead, n); ++r) user_hash[r] = hash_text(rows[r].user_id());
  for (uint32_t r = 0; r < n; ++r) {
    const uint64_t hash = user_hash[r % kAhead];
    if (r + kAhead < n) {
      const uint64_t ahead = hash_text(rows[r + kAhead].user_id());
      user_hash[r % kAhead] = ahead;
      user_ids.prefetch_slot(ahead);
    }
    const ImportRow& row = rows[r];
    bool new_user = false;
    UserAgg* agg;
    const uint32_t user = user_ids.intern(row.user_id(), hash, &new_user, &agg);
    row_user[r] = user;
    row_course[r] = courses.of(row.course(), out.courses_);
    UserAgg& u = *agg;
    if (new_user) {
      u.first_row = r;
      if (slots != 0) out.extra_rows_.resize(out.extra_rows_.size() + slots, kNone);
    }
    u.nickname.see(row.nickname(), r, row.day, readable, [rows](uint32_t at) { return rows[at].nickname(); });
    u.phone.see(row.phone(), r, row.day, readable, [rows](uint32_t at) { return rows[at].phone(); });
    if (slots == 0) continue;
    for (const ExtraValue& ev : in.extras(row)) {
      const int32_t slot = out.student_slot_[ev.extra];
      if (slot == kNone) continue;
      int32_t& win = out.extra_rows_[static_cast<size_t>(user) * slots + slot];
      if (win == kNone) {
        win = static_cast<int32_t>(r);
      } else {
        if (*in.extra_value(rows[win], ev.extra) != ev.value) u.extra_conflict = true;  // the winning row has one
        if (row.day >= rows[win].day) win = static_cast<int32_t>(r);
      }
    }
  }

  out.users_.resize(user_ids.size());
  for (uint32_t ui = 0; ui < out.users_.size(); ++ui) {
    const UserAgg& agg = user_ids.payload(ui);
    User& u = out.users_[ui];
    u.first_row = agg.first_row;
    u.nickname_row = agg.nickname.row;
    u.phone_row = agg.phone.row;
    u.nickname_conflict = agg.nickname.conflict;
    u.phone_conflict = agg.phone.conflict;
    u.extra_conflict = agg.extra_conflict;
  }
  out.built_ = true;
  out.rows_data_ = rows;
  return out;
}

FileUsers::UserLookup FileUsers::user_lookup(const ImportRows& rows) const {
  UserLookup lookup;
  lookup.user_ids_ = Interner<>(users_.size());  // their number is known: the index never grows
  for (uint32_t ui = 0; ui < users_.size(); ++ui) {
    // Each user's first row, then (closer) its 用户ID's text: far apart in a file larger than the cache.
    if (ui + kAhead < users_.size()) prefetch_address(&rows.rows[users_[ui + kAhead].first_row]);
    if (ui + kAhead / 2 < users_.size()) prefetch_address(rows.rows[users_[ui + kAhead / 2].first_row].user_id().data());
    lookup.user_ids_.intern(rows.rows[users_[ui].first_row].user_id());
  }
  return lookup;
}

}  // namespace ss
