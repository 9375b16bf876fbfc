// Tests for normalize/phone_normalizer and normalize/cell_cleaning.
#include "normalize/phone_normalizer.h"

#include <gtest/gtest.h>

#include "core/sync_schema.h"
#include "normalize/cell_cleaning.h"

namespace ss {
namespace {

TEST(PhoneNormalizer, StripsSeparatorsPrefixesAndGuards) {
  for (const char* text : {"13700137002", "+86 137-0013-7002", "+86 13700137002", "0086 137 0013 7002", "8613700137002",
                           "137-0013-7002", "(137) 0013 7002", "（137）0013-7002", "\t13700137002", "'13700137002",
                           "=\"13700137002\"", "１３７００１３７００２", "13700137002.0", "137 0013 7002"}) {
    PhoneResult r = normalize_phone(text, kFieldPhone);
    EXPECT_EQ(r.status, PhoneStatus::kOk) << text << " " << r.message;
    EXPECT_EQ(r.value, "13700137002") << text;
  }
}

TEST(PhoneNormalizer, EmptyIsNotAnError) {
  EXPECT_EQ(normalize_phone("", kFieldPhone).status, PhoneStatus::kEmpty);
  EXPECT_EQ(normalize_phone("  ", kFieldPhone).status, PhoneStatus::kEmpty);
}

TEST(PhoneNormalizer, ScientificNotationIsAnErrorWithTheExcelAdvice) {
  PhoneResult r = normalize_phone("1.39001E+10", kFieldPhone);
  EXPECT_EQ(r.status, PhoneStatus::kError);
  EXPECT_EQ(r.message.find("手机号 1.39001E+10 被 Excel 改成了科学计数法"), 0u) << r.message;
  EXPECT_NE(r.message.find("请把该列设为文本后重新导出"), std::string::npos);
  EXPECT_EQ(normalize_phone("1.3900139001e10", kFieldPhone).status, PhoneStatus::kError);
}

TEST(PhoneNormalizer, MaskedNumberWarnsAndIsNotWritten) {
  PhoneResult r = normalize_phone("138****0000", kFieldPhone);
  EXPECT_EQ(r.status, PhoneStatus::kWarning);
  EXPECT_TRUE(r.value.empty());
  EXPECT_NE(r.message.find("打了码"), std::string::npos);
}

TEST(PhoneNormalizer, WrongLengthWarnsButIsWritten) {
  PhoneResult r = normalize_phone("1380013800", kFieldPhone);
  EXPECT_EQ(r.status, PhoneStatus::kWarning);
  EXPECT_EQ(r.value, "1380013800");
  PhoneResult foreign = normalize_phone("+1 415 555 0000", kFieldPhone);
  EXPECT_EQ(foreign.status, PhoneStatus::kWarning);
  EXPECT_EQ(foreign.value, "+14155550000");
}

TEST(PhoneNormalizer, PhoneFieldNeverGetsCharactersItRejects) {
  PhoneResult r = normalize_phone("138 0013 8000 转 8", kFieldPhone);
  EXPECT_EQ(r.status, PhoneStatus::kWarning);
  EXPECT_TRUE(r.value.empty());
  PhoneResult text_field = normalize_phone("138 0013 8000 转 8", kFieldText);
  EXPECT_EQ(text_field.status, PhoneStatus::kWarning);
  EXPECT_EQ(text_field.value, "138 0013 8000 转 8");
  EXPECT_TRUE(is_phone_field_value("+8613800138000"));
  EXPECT_FALSE(is_phone_field_value("138-0013"));
}

TEST(CellCleaning, UserIdLosesPaddingGuardsAndZeroWidthCharacters) {
  EXPECT_EQ(clean_user_id(" u_5f3b2c1a9e8d7_AbCdEf1234 "), "u_5f3b2c1a9e8d7_AbCdEf1234");
  EXPECT_EQ(clean_user_id("\tu_1"), "u_1");
  EXPECT_EQ(clean_user_id("=\"123\""), "123");
  EXPECT_EQ(clean_user_id("'123"), "123");
  EXPECT_EQ(clean_user_id("=123"), "123");
  EXPECT_EQ(clean_user_id("u_\xE2\x80\x8B" "1\xEF\xBB\xBF"), "u_1");
  EXPECT_EQ(clean_user_id("\xE3\x80\x80u_1\xC2\xA0"), "u_1");
  EXPECT_EQ(clean_user_id("  "), "");
  EXPECT_EQ(clean_user_id("\xE2\x80\x8B"), "");
}

// The fast paths (ASCII IDs, plain 11-digit phones) must give what the general code gives.
TEST(CellCleaning, FastPathsAgreeWithTheGeneralRules) {
  EXPECT_EQ(clean_user_id("' u_1 "), "u_1");         // a guard hiding a space, all ASCII
  EXPECT_EQ(clean_user_id("=\" u_1\""), "u_1");
  EXPECT_EQ(clean_user_id("学员\xE2\x80\x8B" "01\xC2\xAD"), "学员01");  // zero-width inside non-ASCII text
  EXPECT_EQ(clean_user_id("\xE2\x80\x8B" " 学员01"), "学员01");
  PhoneResult plain = normalize_phone(" 13800138000 ", kFieldPhone);
  EXPECT_EQ(plain.status, PhoneStatus::kOk);
  EXPECT_EQ(plain.value, "13800138000");
  EXPECT_TRUE(plain.message.empty());
  EXPECT_EQ(normalize_phone("23800138000", kFieldPhone).status, PhoneStatus::kWarning);  // not a mobile number
}

}  // namespace
}  // namespace ss
