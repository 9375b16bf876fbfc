// strings.h — every string the page shows, Chinese first, English second.
// The CJK font atlas is built from this table (plus the loaded file), so a string added here can never
// render as '?' for lack of a glyph.
#pragma once

#include <string>
#include <vector>

namespace ss::app {

enum class Language { Chinese, English };

enum class Text {
  AppTitle,
  UploadCsv,
  UploadHint,
  FileReceived,  // printf format: name, byte count
  LanguageToggle,
  FontLoading,
  kCount
};

const char* tr(Language language, Text text);

// Every string of every language, concatenated: the glyphs the UI itself needs.
std::string all_ui_text();

}  // namespace ss::app
