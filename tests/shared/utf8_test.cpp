// Tests for text/utf8: validation, trimming of Unicode spaces at either end, full-width folding.
#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ss {
namespace {

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(is_valid_utf8("plain ascii, long enough for the fast path"));
  EXPECT_TRUE(is_valid_utf8("张三🌱"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abcdefgh\xE5\xBC"));  // truncated after the ASCII fast path
  EXPECT_FALSE(is_valid_utf8("\xB3\xC2\xBE\xB2"));  // GBK 陈静
}

TEST(Utf8, TrimsUnicodeSpacesAndZeroWidthAtBothEndsOnly) {
  EXPECT_EQ(trim_unicode("  a b  "), "a b");
  EXPECT_EQ(trim_unicode("\xE3\x80\x80张 三\xE3\x80\x80"), "张 三");  // ideographic spaces
  EXPECT_EQ(trim_unicode("\xE2\x80\x8B" "x\xC2\xA0\xEF\xBB\xBF"), "x");
  EXPECT_EQ(trim_unicode("🌱"), "🌱");
  EXPECT_EQ(trim_unicode("a\xE3\x80\x80"), "a");
  EXPECT_EQ(trim_unicode("\xE3\x80\x80\xE3\x80\x80"), "");
  EXPECT_EQ(trim_unicode(""), "");
  EXPECT_EQ(trim_unicode_view("\t\r\n").size(), 0u);
}

TEST(Utf8, VariedTrimAndBlankCheckAnswerAsTheGeneralTrim) {
  // Every character trim_unicode removes, and kept ones sharing their first or last bytes (U+2605 ★,
  // U+200E, U+2061, U+0085, U+00A1, U+1681, U+3001 、, U+FEFE, full-width ）), at either end of texts
  // of every length around the four bytes the varied trim reads as a word.
  const std::vector<std::string> blanks = {" ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u00ad", "\u1680", "\u2000",
                                           "\u2005", "\u200b", "\u200c", "\u200d", "\u2028", "\u2029", "\u202f",
                                           "\u205f", "\u2060", "\u3000", "\ufeff"};
  const std::vector<std::string> kept = {"a", "\x01", "学", "）", "🐟", "\u2605", "\u200e", "\u2061", "\u0085", "\u00a1",
                                         "\u1681", "\u3001", "\ufefe", "\u2030", "\u205e", "\u20ac", ""};
  std::vector<std::string> ends = blanks;
  ends.insert(ends.end(), kept.begin(), kept.end());
  const std::vector<std::string> middles = {"", "a", "ab", "abc", "学", "x学y", "🐟🐟"};
  size_t checked = 0;
  for (const std::string& head : ends) {
    for (const std::string& middle : middles) {
      for (const std::string& tail : ends) {
        const std::string s = head + middle + tail;
        ASSERT_EQ(trim_unicode_view_varied(s), trim_unicode_view(s)) << testing::PrintToString(s);
        ASSERT_EQ(is_blank_text(s), trim_unicode_view(s).empty()) << testing::PrintToString(s);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, ends.size() * middles.size() * ends.size());
}

TEST(Utf8, FoldsFullWidthAscii) {
  EXPECT_EQ(fold_full_width("ＩＤ１２３（Ａ）"), "ID123(A)");
  EXPECT_EQ(fold_full_width("用户\xE3\x80\x80ID"), "用户 ID");
  EXPECT_EQ(fold_full_width("不变"), "不变");
}

}  // namespace
}  // namespace ss
