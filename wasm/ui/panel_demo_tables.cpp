#include <string>

#include "imgui.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {

// What the Base holds now: each student with the learning records linked to it, so a newcomer sees
// what a sync did without opening Feishu.
void draw_demo_tables(AppState& state) {
  const Language lang = state.language;
  DemoTablesState& demo = state.demo;
  const bool was_open = demo.open;
  demo.open = ImGui::CollapsingHeader(tr(lang, Text::DemoTables));
  track_last_item(state, "demo_tables");
  if (!demo.open) return;
  if (!was_open) state.intents.refresh_demo_tables = true;
  if (tracked_button(state, "demo_refresh", tr(lang, Text::Refresh))) state.intents.refresh_demo_tables = true;
  ImGui::SameLine();
  ImGui::Text("%s: %s  ·  %s: %s", tr(lang, Text::CountNewStudents), with_thousands(demo.students.size()).c_str(),
              tr(lang, Text::LinkedRecords), with_thousands(demo.records.size()).c_str());
  if (!ImGui::BeginTable("demo_students", 4,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY |
                             ImGuiTableFlags_Resizable,
                         ImVec2(0, 260)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr(lang, Text::ColUserId));
  ImGui::TableSetupColumn(tr(lang, Text::ColNickname));
  ImGui::TableSetupColumn(tr(lang, Text::ColPhone));
  ImGui::TableSetupColumn(tr(lang, Text::LinkedRecords));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(demo.students.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const nlohmann::json& s = demo.students[i];
      ImGui::TableNextRow();
      for (const char* key : {"user_id", "nickname", "phone", "records"}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.value(key, "").c_str());
      }
    }
  ImGui::EndTable();
}

}  // namespace ss::app
