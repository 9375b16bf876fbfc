// Tests for text/utf8: validation, trimming of Unicode spaces at either end, full-width folding.
#include "text/utf8.h"

#include <gtest/gtest.h>

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

TEST(Utf8, FoldsFullWidthAscii) {
  EXPECT_EQ(fold_full_width("ＩＤ１２３（Ａ）"), "ID123(A)");
  EXPECT_EQ(fold_full_width("用户\xE3\x80\x80ID"), "用户 ID");
  EXPECT_EQ(fold_full_width("不变"), "不变");
}

}  // namespace
}  // namespace ss
