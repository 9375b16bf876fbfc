// Interner: numbers in order of first appearance; texts and payloads kept exactly, and in place, while
// the pool's chunks and the index grow (thousands of entries of every size up to 300 bytes, and three far
// larger, one larger than a chunk).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plan/interner.h"

namespace ss {
namespace {

struct Tally {
  uint32_t number = 0;
  uint32_t seen = 0;
};

TEST(Interner, KeepsTextsAndPayloadsWhileItGrows) {
  // Sizes from 0 to 300 bytes and two texts of 70,000 and 200,000 bytes in the middle; each text distinct
  // by its prefix.
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) texts.push_back(std::to_string(i) + ":" + std::string(static_cast<size_t>(i * 7 % 301), 'x'));
  texts.insert(texts.begin() + 1500, "big1:" + std::string(70000, 'y'));
  texts.insert(texts.begin() + 1501, "big2:" + std::string(200000, 'z'));
  texts.insert(texts.begin() + 1502, "big3:" + std::string(300000, 'w'));  // more than a chunk's 256 KiB
  texts.push_back("");

  Interner<Tally> interner(4);  // sized for far fewer: the index grows
  std::vector<const Tally*> where;
  for (size_t i = 0; i < texts.size(); ++i) {
    bool added = false;
    Tally* tally = nullptr;
    const uint32_t number = interner.intern(texts[i], hash_text(texts[i]), &added, &tally);
    ASSERT_TRUE(added) << i;
    ASSERT_EQ(number, i);
    tally->number = number;
    ++tally->seen;
    where.push_back(tally);
  }
  ASSERT_EQ(interner.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {  // again: the same numbers, the payloads where they were
    bool added = true;
    Tally* tally = nullptr;
    ASSERT_EQ(interner.intern(texts[i], hash_text(texts[i]), &added, &tally), i);
    ASSERT_FALSE(added);
    ASSERT_EQ(tally, where[i]) << i;  // entries never move
    ASSERT_EQ(tally->number, i);
    ++tally->seen;
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(interner[static_cast<uint32_t>(i)], texts[i]) << i;
    ASSERT_EQ(interner.find(texts[i]), static_cast<int64_t>(i));
    ASSERT_EQ(interner.payload(static_cast<uint32_t>(i)).seen, 2u);
  }
  EXPECT_EQ(interner.find("3000:"), FlatIndex::kAbsent);
}

}  // namespace
}  // namespace ss
