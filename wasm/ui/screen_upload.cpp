#include "ui/screen_upload.h"

#include <string>

#include "imgui.h"
#include "ui/widgets.h"

namespace ss::app {
namespace {

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

void draw_upload(AppState& state) {
  const Language lang = state.language;
  ImGui::SetWindowFontScale(1.6f);
  ImGui::TextUnformatted(tr(lang, Text::AppTitle));
  track_last_item(state, "title");
  ImGui::SetWindowFontScale(1.0f);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 80);
  if (tracked_button(state, "language", tr(lang, Text::LanguageToggle)))
    state.language = lang == Language::Chinese ? Language::English : Language::Chinese;
  ImGui::Separator();

  if (!state.cjk_font_ready) ImGui::TextDisabled("%s", tr(lang, Text::FontLoading));
  ImGui::TextWrapped("%s", tr(lang, Text::UploadHint));
  if (tracked_button(state, "upload", tr(lang, Text::UploadCsv))) state.request_file_picker = true;

  if (state.has_file) {
    ImGui::Spacing();
    ImGui::Text(tr(lang, Text::FileReceived), state.file.name.c_str(),
                with_thousands(state.file.bytes.size()).c_str());
  }
}

}  // namespace ss::app
