// date_cache.h — the days of the 学习日期 texts a file has already had, so that each distinct text is
// parsed once.
//
// Why: an export of 100,000 rows has a few thousand distinct date texts in a dozen styles ("2024-01-15",
// "2024/1/5", "2024.01.15", "2024年1月5日", …, mixed row by row). Parsing each row's date cost ~20 ns,
// much of it branches on the style that went either way at random; a lookup here is the same
// instructions whatever the style. Only texts of up to kMaxText bytes are kept (every date-only style;
// a date with a time of day is nearly always new, and parse_date's ISO shortcut takes it at once), and
// only dates parse_date accepts without a warning: anything else is parsed every time.
//
// Exact, not a guess: a text is found only when all its bytes and its size equal those of a text parsed
// before with the same time zone, and parse_date gives one answer per text.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/byte_vectors.h"
#include "core/read_ahead.h"

namespace ss {

class DateCache {
 public:
  static constexpr size_t kMaxText = 17;  // "2024年12月31日"; "2024-01-15 09:05" is 16, but rarely repeats
  static constexpr size_t kReadBytes = 20;  // read from each text's start

  // `file`: the text the date cells are views into (their bytes are read kReadBytes at a time from their
  // start, masked to their size, so a cell must have kReadBytes bytes of it from its start; cells that do
  // not, at the very end of the file or copied elsewhere, are never found).
  explicit DateCache(std::string_view file) : readable_(file, kReadBytes) {
    if (readable_.any()) sets_.resize(kSets);
  }

  // A text as compared: its first 16 bytes and bytes 16..19 with those past its size zero, and its size
  // beside bytes 16..19 in one word. (Apart as two 4-byte fields, they were stored separately and loaded
  // as one 8-byte word, which waited for both stores to retire.)
  struct Key {
    ByteVector head;
    uint64_t tail_and_size;
    size_t set;
    bool usable;  // false: a text this cache never holds
  };
  // The key of `text`, whose set starts loading: taken well before find(), the load overlaps other work
  // (the table is larger than the first-level cache, and the file streaming through evicts it further).
  Key key(std::string_view text) const {
    Key key;
    key.usable = key_of(text, key);
    if (key.usable) prefetch_address(&sets_[key.set]);
    return key;
  }

  // The day remembered for the key's text: true and `day` set, or false.
  bool find(const Key& key, int32_t& day) const {
    if (!key.usable) return false;
    const Set& set = sets_[key.set];
    const bool first = set.way[0].holds(key), second = set.way[1].holds(key);
    day = first ? set.way[0].day : set.way[1].day;
    return first | second;
  }

  // Remembers the day of the key's text (as the newest of its set: the older one of the two goes).
  void remember(const Key& key, int32_t day) {
    if (!key.usable) return;
    Set& set = sets_[key.set];
    set.way[1] = set.way[0];
    set.way[0] = {key.head, key.tail_and_size, day};
  }

 private:
  static constexpr size_t kSetBits = 12;  // 4096 sets of two: 256 KiB, for a few thousand texts
  static constexpr size_t kSets = size_t{1} << kSetBits;

  struct Way {
    ByteVector head{};
    uint64_t tail_and_size = ~uint64_t{0};  // no text has this size
    int32_t day = 0;
    bool holds(const Key& key) const {
      return (tail_and_size == key.tail_and_size) & (lane_bits(SS_LANES(head != key.head)) == 0);
    }
  };
  struct alignas(64) Set {
    Way way[2];
  };

  bool key_of(std::string_view text, Key& key) const {
    const size_t n = text.size();
    if (n > kMaxText || !readable_.covers(text)) return false;
    static const ByteVector kLane = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    ByteVector size_lanes;
    std::memset(&size_lanes, static_cast<int>(n), sizeof size_lanes);
    key.head = load_bytes(text.data()) & SS_LANES(kLane < size_lanes);
    uint32_t tail;
    std::memcpy(&tail, text.data() + 16, 4);
    const size_t tail_bytes = n > 16 ? n - 16 : 0;  // 0..4
    tail &= static_cast<uint32_t>((uint64_t{1} << (8 * tail_bytes)) - 1);
    key.tail_and_size = tail | static_cast<uint64_t>(n) << 32;
    uint64_t low, high;
    std::memcpy(&low, &key.head, 8);
    std::memcpy(&high, reinterpret_cast<const char*>(&key.head) + 8, 8);
    const uint64_t mixed = (low * 0x9E3779B97F4A7C15ULL) ^ ((high ^ key.tail_and_size) * 0xC2B2AE3D27D4EB4FULL);
    key.set = static_cast<size_t>((mixed ^ (mixed >> 29)) >> (64 - kSetBits));
    return true;
  }

  WholeReads readable_;  // the cells that may be keys
  std::vector<Set> sets_;
};

}  // namespace ss
