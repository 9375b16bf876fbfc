#include "imgui.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {

void draw_status_bar(AppState& state) {
  const Language lang = state.language;
  const ConnectionState& c = state.connection;

  auto dot = [](std::uint32_t color) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float r = ImGui::GetTextLineHeight() * 0.3f;
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r, color);
    ImGui::Dummy(ImVec2(r * 2.5f, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
  };

  dot(c.proxy == ProxyStatus::kUp ? kColorGreen : c.proxy == ProxyStatus::kDown ? kColorRed : kColorGrey);
  ImGui::TextUnformatted(tr(lang, c.proxy == ProxyStatus::kUp     ? Text::ProxyUp
                                  : c.proxy == ProxyStatus::kDown ? Text::ProxyDown
                                                                  : Text::ProxyUnknown));
  if (!state.sign_in.user.empty()) {
    ImGui::SameLine(0, 24);
    dot(c.check_busy || !c.check_done ? kColorGrey : c.check_ok ? kColorGreen : kColorRed);
    ImGui::TextUnformatted(tr(lang, c.check_busy || !c.check_done ? Text::FeishuChecking
                                    : c.check_ok                  ? Text::FeishuOk
                                                                  : Text::FeishuFailed));
    track_last_item(state, "feishu_status");
    ImGui::SameLine();
    if (tracked_button(state, "run_check", tr(lang, Text::RunCheck))) state.intents.run_check = true;
    ImGui::SameLine(0, 24);
    ImGui::Text(tr(lang, Text::SignedInAs), state.sign_in.user.c_str());
    ImGui::SameLine();
    if (tracked_button(state, "sign_out", tr(lang, Text::SignOut))) state.intents.sign_out = true;
  }
  if (c.check_done && !c.check_ok) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    for (const std::string& problem : c.check_problems) ImGui::TextWrapped("✗ %s", problem.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace ss::app
