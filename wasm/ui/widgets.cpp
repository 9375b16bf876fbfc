#include "ui/widgets.h"

#include "imgui.h"
#include "normalize/date_parser.h"

namespace ss::app {

void track_last_item(AppState& state, const char* id) {
  ImVec2 min = ImGui::GetItemRectMin();
  ImVec2 max = ImGui::GetItemRectMax();
  state.widget_rects[id] = WidgetRect{min.x, min.y, max.x - min.x, max.y - min.y};
}

bool tracked_button(AppState& state, const char* id, const char* label) {
  // "label##id" keeps the ImGui id stable when the language (and so the label) changes.
  std::string full = std::string(label) + "##" + id;
  bool pressed = ImGui::Button(full.c_str());
  track_last_item(state, id);
  return pressed;
}

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string date_text(std::int32_t day) {
  return format_date(civil_from_days(day));
}

void count_tile(AppState& state, const char* id, const char* caption, std::size_t value, std::uint32_t color) {
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::SetWindowFontScale(1.8f);
  ImGui::TextUnformatted(with_thousands(value).c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor();
  ImGui::TextUnformatted(caption);
  ImGui::EndGroup();
  track_last_item(state, id);
}

}  // namespace ss::app
