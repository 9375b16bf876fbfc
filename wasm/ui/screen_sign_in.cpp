#include "imgui.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {

void draw_sign_in(AppState& state) {
  const Language lang = state.language;
  SignInState& s = state.sign_in;
  const float width = 360.0f;
  ImGui::SetCursorPos(ImVec2((ImGui::GetWindowWidth() - width) * 0.5f, ImGui::GetWindowHeight() * 0.25f));
  ImGui::BeginChild("sign_in", ImVec2(width, 260), true);
  ImGui::TextUnformatted(tr(lang, Text::SignInTitle));
  ImGui::Separator();
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(lang, Text::Username));
  ImGui::SetNextItemWidth(-1);
  bool submit = ImGui::InputText("##username", s.username, sizeof s.username, ImGuiInputTextFlags_EnterReturnsTrue);
  track_last_item(state, "username");
  ImGui::TextUnformatted(tr(lang, Text::Password));
  ImGui::SetNextItemWidth(-1);
  submit |= ImGui::InputText("##password", s.password, sizeof s.password,
                             ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  track_last_item(state, "password");
  ImGui::Spacing();
  ImGui::BeginDisabled(s.busy);
  submit |= tracked_button(state, "sign_in", s.busy ? tr(lang, Text::SigningIn) : tr(lang, Text::SignIn));
  ImGui::EndDisabled();
  if (submit && !s.busy && s.username[0]) state.intents.sign_in = true;
  if (!s.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextWrapped(tr(lang, Text::SignInFailed), s.error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
}

}  // namespace ss::app
