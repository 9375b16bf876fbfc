// Tests for text/text_decoder: encodings the exports come in, and what is refused.
#include "text/text_decoder.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace ss {
namespace {

TEST(TextDecoder, Utf8WithoutBomPassesThrough) {
  auto r = decode_text("用户ID,昵称\nu1,张三\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, SourceEncoding::kUtf8);
  EXPECT_EQ(r->utf8, "用户ID,昵称\nu1,张三\n");
}

TEST(TextDecoder, Utf8BomIsRemoved) {
  auto r = decode_text("\xEF\xBB\xBF" "a,b\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, SourceEncoding::kUtf8Bom);
  EXPECT_EQ(r->utf8, "a,b\n");
}

TEST(TextDecoder, Utf16LittleEndianWithBom) {
  std::string bytes = "\xFF\xFE";
  for (char16_t u : std::u16string(u"用户ID\t昵称\r\n")) {
    bytes.push_back(static_cast<char>(u & 0xFF));
    bytes.push_back(static_cast<char>(u >> 8));
  }
  auto r = decode_text(bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, SourceEncoding::kUtf16Le);
  EXPECT_EQ(r->utf8, "用户ID\t昵称\r\n");
}

TEST(TextDecoder, Utf16BigEndianWithBomAndSurrogatePair) {
  std::string bytes = "\xFE\xFF";
  for (char16_t u : std::u16string(u"a,🌱\n")) {
    bytes.push_back(static_cast<char>(u >> 8));
    bytes.push_back(static_cast<char>(u & 0xFF));
  }
  auto r = decode_text(bytes);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, SourceEncoding::kUtf16Be);
  EXPECT_EQ(r->utf8, "a,🌱\n");
}

TEST(TextDecoder, Gb18030FallbackWhenNotUtf8) {
  // "陈静,周杰" in GBK.
  auto r = decode_text("\xB3\xC2\xBE\xB2,\xD6\xDC\xBD\xDC\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, SourceEncoding::kGb18030);
  EXPECT_EQ(r->utf8, "陈静,周杰\r\n");
}

TEST(TextDecoder, Gb18030FourByteSequenceDecodes) {
  // U+20000 (𠀀) in GB18030 is 95 32 82 36.
  auto r = decode_text("a,\x95\x32\x82\x36\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "a,\xF0\xA0\x80\x80\n");
}

TEST(TextDecoder, EmptyInputIsAnError) {
  auto r = decode_text("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrEmptyFile);
  EXPECT_NE(r.error().message.find("空"), std::string::npos);
}

TEST(TextDecoder, OnlyBomAndWhitespaceIsEmpty) {
  auto r = decode_text("\xEF\xBB\xBF \r\n\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrEmptyFile);
}

TEST(TextDecoder, NulBytesMeanBinary) {
  auto r = decode_text(std::string("PK\x03\x04\x00\x00rest", 10));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrNotText);
  EXPECT_NE(r.error().message.find("不是文本/CSV 文件"), std::string::npos);
}

TEST(TextDecoder, BinaryFixtureIsRejected) {
  auto r = decode_text(test::read_fixture("bad/binary.csv"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrNotText);
}

TEST(TextDecoder, InvalidInBothUtf8AndGb18030IsAnEncodingError) {
  // 0x80 alone is invalid UTF-8 and not a GB18030 lead byte... 0xFF is invalid in both.
  auto r = decode_text("a,b\n\xFF\xFF\xFF\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrBadEncoding);
}

TEST(TextDecoder, Utf8BomWithBrokenBodyIsAnEncodingError) {
  auto r = decode_text("\xEF\xBB\xBF" "a,\xC3\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrBadEncoding);
}

}  // namespace
}  // namespace ss

// Supplementary-plane characters between ordinary ones: musl's iconv (the wasm build) got these wrong,
// so the decoder handles them itself; this runs natively and as wasm (tests/wasm).
TEST(TextDecoder, Gb18030SupplementaryCharactersAmongOthers) {
  // "陈𠀀静,𪛖\n" in GB18030.
  auto r = ss::decode_text("\xb3\xc2\x95\x32\x82\x36\xbe\xb2,\x98\x35\xf3\x36\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "陈𠀀静,𪛖\n");
  EXPECT_EQ(r->encoding, ss::SourceEncoding::kGb18030);
}
