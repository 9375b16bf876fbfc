#include <string>

#include "imgui.h"
#include "mapping/header_aliases.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {
namespace {

// The column a role reads from, as shown in its combo.
std::string current_choice(const AppState& state, ColumnRole role) {
  const ImportState& im = state.import;
  const auto& chosen = im.mapping.column(role);
  if (chosen && chosen->empty()) return tr(state.language, Text::MappingNone);
  if (chosen) return *chosen;
  if (im.imported) {
    int index = im.imported->rows.columns[role];
    if (index >= 0 && index < static_cast<int>(im.headers.size()))
      return im.headers[index] + " " + tr(state.language, Text::MappingAuto);
  }
  return tr(state.language, Text::MappingAuto);
}

}  // namespace

void draw_mapping_panel(AppState& state) {
  const Language lang = state.language;
  ImportState& im = state.import;
  // Open by default when something is missing: that is when staff must act.
  const bool needs_attention = im.error.has_value();
  const bool open = ImGui::CollapsingHeader(tr(lang, Text::Mapping), needs_attention ? ImGuiTreeNodeFlags_DefaultOpen : 0);
  track_last_item(state, "mapping");
  if (!open) return;

  if (ImGui::BeginTable("mapping", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn(tr(lang, Text::MappingColumn), ImGuiTableColumnFlags_WidthFixed, 160);
    ImGui::TableSetupColumn(tr(lang, Text::MappingSource));
    ImGui::TableHeadersRow();
    for (int r = 0; r < kColumnRoleCount; ++r) {
      const ColumnRole role = static_cast<ColumnRole>(r);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(role_display_name(role));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(320);
      std::string id = std::string("##map_") + role_key(role);
      const std::string combo_id = std::string("map_") + role_key(role);
      const bool open = ImGui::BeginCombo(id.c_str(), current_choice(state, role).c_str());
      track_last_item(state, combo_id.c_str());
      if (open) {
        // Options are tracked as map_<role>#0 (detect), #1 (do not import), #2… (the file's columns).
        auto& column = im.mapping.column(role);
        int option = 0;
        auto choice = [&](const char* label, bool selected) {
          bool pressed = ImGui::Selectable(label, selected);
          track_last_item(state, (combo_id + "#" + std::to_string(option++)).c_str());
          if (pressed) state.intents.reimport = true;
          return pressed;
        };
        if (choice(tr(lang, Text::MappingAuto), !column.has_value())) column.reset();
        if (choice(tr(lang, Text::MappingNone), column && column->empty())) column = "";
        for (const std::string& header : im.headers)
          if (choice(header.c_str(), column && *column == header)) column = header;
        ImGui::EndCombo();
      }
    }
    ImGui::EndTable();
  }

  // Course and date once for the whole file: needed when the file has no such column.
  ImGui::SetNextItemWidth(320);
  if (ImGui::InputText(tr(lang, Text::FixedCourse), im.fixed_course, sizeof im.fixed_course,
                       ImGuiInputTextFlags_EnterReturnsTrue))
    state.intents.reimport = true;
  if (ImGui::IsItemDeactivatedAfterEdit()) state.intents.reimport = true;
  track_last_item(state, "fixed_course");
  if (!im.known_courses.empty()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("##known_courses", tr(lang, Text::KnownCourses))) {
      for (const std::string& course : im.known_courses)
        if (ImGui::Selectable(course.c_str())) {
          std::snprintf(im.fixed_course, sizeof im.fixed_course, "%s", course.c_str());
          state.intents.reimport = true;
        }
      ImGui::EndCombo();
    }
  }
  ImGui::SetNextItemWidth(320);
  if (ImGui::InputText(tr(lang, Text::FixedDate), im.fixed_date, sizeof im.fixed_date, ImGuiInputTextFlags_EnterReturnsTrue))
    state.intents.reimport = true;
  if (ImGui::IsItemDeactivatedAfterEdit()) state.intents.reimport = true;
  track_last_item(state, "fixed_date");
}

}  // namespace ss::app
