// font_atlas.h — the CJK font, with a glyph atlas built only from the characters actually shown.
//
// Why: a full CJK atlas (~28,000 glyphs) takes seconds to rasterise and a huge texture; the page
// shows a few hundred distinct characters (UI strings + the loaded file). Text is collected as it
// appears and the atlas is rebuilt between frames when new characters arrive.
// Until the font file has arrived (fetched after first paint), ImGui's built-in font draws Latin text.
#pragma once

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace ss::app {

class FontAtlas {
 public:
  // Takes the bytes of a TrueType font or collection (face 0 is used).
  void set_font(std::vector<std::uint8_t> font_bytes);
  bool has_font() const { return !font_bytes_.empty(); }

  // Remember the characters of `utf8`; the next rebuild_if_needed() includes them.
  void want_glyphs(std::string_view utf8);

  // Call between frames (before ImGui::NewFrame). Returns true when the atlas was rebuilt.
  bool rebuild_if_needed(float pixel_size);

  std::size_t glyph_count() const { return codepoints_.size(); }

 private:
  std::vector<std::uint8_t> font_bytes_;
  std::set<std::uint32_t> codepoints_;
  bool dirty_ = false;
  ImVector<ImWchar> ranges_;  // the atlas keeps a pointer to these until the next rebuild
};

}  // namespace ss::app
