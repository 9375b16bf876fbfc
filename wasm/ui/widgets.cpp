#include "ui/widgets.h"

#include <string>

#include "imgui.h"

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

}  // namespace ss::app
