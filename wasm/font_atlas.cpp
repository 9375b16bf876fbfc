#include "font_atlas.h"

#include "imgui.h"
#include "imgui_impl_opengl3.h"

namespace ss::app {
namespace {

// Decodes UTF-8 leniently: malformed bytes are skipped (the text itself is never changed here).
template <typename F>
void for_each_codepoint(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) { ++i; continue; }
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    f(cp);
    i += len;
  }
}

}  // namespace

void FontAtlas::set_font(std::vector<std::uint8_t> font_bytes) {
  font_bytes_ = std::move(font_bytes);
  dirty_ = true;
}

void FontAtlas::want_glyphs(std::string_view utf8) {
  for_each_codepoint(utf8, [&](std::uint32_t cp) {
    // ImWchar is 16-bit in this build: characters beyond the BMP (emoji) cannot be in the atlas and
    // are drawn by ImGui as its fallback glyph; the data itself is untouched.
    if (cp >= 0x20 && cp <= 0xFFFF && codepoints_.insert(cp).second) dirty_ = true;
  });
}

bool FontAtlas::rebuild_if_needed(float pixel_size) {
  if (!dirty_ || font_bytes_.empty()) return false;
  dirty_ = false;

  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
  // ImGui draws any character missing from the atlas (emoji included: ImWchar is 16-bit here) with
  // U+FFFD when the atlas has it, so staff see that something is there; the data is never changed.
  builder.AddChar(0xFFFD);
  for (std::uint32_t cp : codepoints_) builder.AddChar(static_cast<ImWchar>(cp));
  ranges_.clear();
  builder.BuildRanges(&ranges_);

  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  ImFontConfig config;
  config.FontNo = 0;
  config.FontDataOwnedByAtlas = false;  // we keep the bytes for the next rebuild
  config.OversampleH = 1;               // CJK strokes gain little from horizontal oversampling
  atlas->AddFontFromMemoryTTF(font_bytes_.data(), static_cast<int>(font_bytes_.size()), pixel_size,
                              &config, ranges_.Data);
  atlas->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  return true;
}

}  // namespace ss::app
