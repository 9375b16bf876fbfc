#include "i18n/strings.h"

namespace ss::app {
namespace {

struct Entry {
  const char* zh;
  const char* en;
};

constexpr Entry kStrings[] = {
#define SS_TEXT_ENTRY(id, zh, en) {zh, en},
    SS_UI_TEXTS(SS_TEXT_ENTRY)
#undef SS_TEXT_ENTRY
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == static_cast<size_t>(Text::kCount));

}  // namespace

const char* tr(Language language, Text text) {
  const Entry& e = kStrings[static_cast<size_t>(text)];
  return language == Language::Chinese ? e.zh : e.en;
}

std::string all_ui_text() {
  // Symbols and punctuation the screens and the engine's messages add around the table's strings.
  std::string all = "→…×✓✗·；：，。、（）「」“”—";
  for (const Entry& e : kStrings) {
    all += e.zh;
    all += e.en;
  }
  return all;
}

}  // namespace ss::app
