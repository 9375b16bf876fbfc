#include "i18n/strings.h"

namespace ss::app {
namespace {

struct Entry {
  const char* zh;
  const char* en;
};

// Indexed by Text; keep in the enum's order.
constexpr Entry kStrings[] = {
    {"学员信息同步", "Student Sync"},
    {"上传CSV文件", "Upload CSV file"},
    {"选择从小鹅通导出的学员 CSV 文件。文件只在本机浏览器里读取。",
     "Choose a student CSV exported from Xiaoe-tong. The file is read in this browser only."},
    {"已读取文件：%s（%s 字节）", "File received: %s (%s bytes)"},
    {"English", "中文"},
    {"正在加载中文字体…", "Loading the CJK font…"},
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == static_cast<size_t>(Text::kCount),
              "every Text needs an entry");

}  // namespace

const char* tr(Language language, Text text) {
  const Entry& e = kStrings[static_cast<size_t>(text)];
  return language == Language::Chinese ? e.zh : e.en;
}

std::string all_ui_text() {
  std::string all;
  for (const Entry& e : kStrings) {
    all += e.zh;
    all += e.en;
  }
  return all;
}

}  // namespace ss::app
