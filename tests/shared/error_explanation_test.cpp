#include "report/error_explanation.h"

#include <gtest/gtest.h>

#include <string>

#include "exec/retry_policy.h"

TEST(ErrorExplanation, TellsStaffWhatToDoForCommonFeishuCodes) {
  EXPECT_NE(std::string(ss::explain_error_code(1254040)).find("添加文档应用"), std::string::npos);
  EXPECT_NE(std::string(ss::explain_error_code(99991400)).find("重新上传同一文件"), std::string::npos);
  EXPECT_NE(std::string(ss::explain_error_code(ss::kErrNoAnswer)).find("结果未知"), std::string::npos);
}

TEST(ErrorExplanation, UnknownCodesGetTheGenericSentence) {
  EXPECT_STREQ(ss::explain_error_code(424242), ss::explain_error_code(-424242));
  EXPECT_STRNE(ss::explain_error_code(424242), ss::explain_error_code(1254072));
}
