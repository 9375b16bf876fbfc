// DateCache: a date text is found only by all of its bytes and its size, never for a text it cannot
// read whole, and never with another text's day.
#include "normalize/date_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ss {
namespace {

// The texts laid out one after another as in a file, each followed by different bytes, with room after
// the last for whole reads.
struct FileOf {
  std::string text;
  std::vector<std::string_view> views;
  explicit FileOf(const std::vector<std::string>& texts) {
    std::vector<size_t> at;
    for (const std::string& t : texts) {
      at.push_back(text.size());
      text += t + "," + std::to_string(at.size()) + "\n";
    }
    text += std::string(64, 'x');
    for (size_t k = 0; k < texts.size(); ++k) views.push_back(std::string_view(text).substr(at[k], texts[k].size()));
  }
};

bool find(const DateCache& cache, std::string_view text, int32_t& day) { return cache.find(cache.key(text), day); }

TEST(DateCache, FindsATextByItsBytesAndSizeWhateverFollowsIt) {
  const FileOf file({"2024-01-15", "2024-01-15", "2024-01-1", "2024-01-150", "2024-01-16", "2024-01-15 ",
                     std::string("2024-01-15\0", 11)});
  DateCache cache(file.text);
  cache.remember(cache.key(file.views[0]), 19737);
  int32_t day = 0;
  EXPECT_TRUE(find(cache, file.views[1], day));  // the same text elsewhere, followed by other bytes
  EXPECT_EQ(day, 19737);
  EXPECT_FALSE(find(cache, file.views[2], day));  // a prefix
  EXPECT_FALSE(find(cache, file.views[3], day));  // one byte more
  EXPECT_FALSE(find(cache, file.views[4], day));  // one byte different
  EXPECT_FALSE(find(cache, file.views[5], day));  // a space more
  EXPECT_FALSE(find(cache, file.views[6], day));  // a NUL more: the size tells
}

TEST(DateCache, ComparesTheBytesPastTheFirstSixteen) {
  const FileOf file({"2024年12月31日", "2024年12月31号", "0123456789abcdefX", "0123456789abcdefY", "0123456789abcdef"});
  DateCache cache(file.text);
  cache.remember(cache.key(file.views[0]), 1);
  cache.remember(cache.key(file.views[2]), 2);
  int32_t day = 0;
  EXPECT_TRUE(find(cache, file.views[0], day));
  EXPECT_EQ(day, 1);
  EXPECT_FALSE(find(cache, file.views[1], day));
  EXPECT_TRUE(find(cache, file.views[2], day));
  EXPECT_EQ(day, 2);
  EXPECT_FALSE(find(cache, file.views[3], day));  // differs in byte 16 only
  EXPECT_FALSE(find(cache, file.views[4], day));  // its first sixteen bytes
}

// Remembers each text in turn, its index as its day, then looks each up: a day found must be that of an
// equal text, and the text remembered last is always found. The number of texts found.
size_t remember_all_then_find(const std::vector<std::string>& texts) {
  const FileOf file(texts);
  DateCache cache(file.text);
  for (size_t k = 0; k < texts.size(); ++k) cache.remember(cache.key(file.views[k]), static_cast<int32_t>(k));
  size_t found = 0;
  for (size_t k = 0; k < texts.size(); ++k) {
    int32_t day = -1;
    if (!find(cache, file.views[k], day)) continue;
    ++found;
    EXPECT_EQ(texts[static_cast<size_t>(day)], texts[k]) << k;  // equal texts may repeat: the last one's day
  }
  int32_t day = -1;
  EXPECT_TRUE(find(cache, file.views.back(), day));
  EXPECT_EQ(day, static_cast<int32_t>(texts.size() - 1));
  return found;
}

TEST(DateCache, TextsDifferingInTheirLastByteOnlyKeepTheirOwnDays) {
  // 256 texts of kMaxText bytes, the same but for the last: some share a set of the cache.
  std::vector<std::string> texts;
  for (int b = 0; b < 256; ++b) texts.push_back(std::string("2024年12月31").append(DateCache::kMaxText - 15, '_') + static_cast<char>(b));
  EXPECT_GT(remember_all_then_find(texts), 200u);
}

TEST(DateCache, KeepsNoTextItCannotReadWhole) {
  const std::string long_text = "2024-01-15 09:05:07";  // longer than kMaxText
  const FileOf file({long_text});
  std::string text = "2024-01-15";
  DateCache cache(text);  // too short for a whole read from its start
  cache.remember(cache.key(text), 1);
  int32_t day = 0;
  EXPECT_FALSE(find(cache, text, day));

  DateCache in_file(file.text);
  in_file.remember(in_file.key(file.views[0]), 1);
  EXPECT_FALSE(find(in_file, file.views[0], day));
  const std::string_view tail = std::string_view(file.text).substr(file.text.size() - 10);  // too near the end
  in_file.remember(in_file.key(tail), 2);
  EXPECT_FALSE(find(in_file, tail, day));
  const std::string elsewhere = "2024-01-15" + std::string(64, ' ');  // not in the file
  in_file.remember(in_file.key(std::string_view(elsewhere).substr(0, 10)), 3);
  EXPECT_FALSE(find(in_file, std::string_view(elsewhere).substr(0, 10), day));

  DateCache empty{std::string_view()};
  empty.remember(empty.key(file.views[0].substr(0, 10)), 4);
  EXPECT_FALSE(find(empty, file.views[0].substr(0, 10), day));
}

TEST(DateCache, ManyTextsNeverGetAnotherTextsDay) {
  // More texts than the cache holds, of every size it keeps: some are forgotten, none is confused.
  std::vector<std::string> texts;
  for (int k = 0; k < 30000; ++k) {
    std::string t = std::to_string(k * 7919 % 100003);
    t = std::string(static_cast<size_t>(k % 12), "0-/.x"[k % 5]) + t;  // sizes 1..17, shared prefixes
    texts.push_back(t.substr(0, DateCache::kMaxText));
  }
  EXPECT_GT(remember_all_then_find(texts), 4000u);
}

}  // namespace
}  // namespace ss
