#include <map>
#include <string>

#include "imgui.h"
#include "report/error_explanation.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {
namespace {

// Horizontal bars: new learning records per course, from the report's rows.
void draw_course_chart(AppState& state, const SyncReport& report) {
  std::map<std::string, size_t> per_course;
  size_t most = 1;
  for (const RowOutcome& row : report.rows)
    if (row.result == RowResult::kCreated) most = std::max(most, ++per_course[row.course]);
  if (per_course.empty()) return;
  ImGui::TextUnformatted(tr(state.language, Text::PerCourse));
  const float bar_width = 360.0f;
  for (const auto& [course, n] : per_course) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + bar_width * n / most, p.y + h), 0xFFE0A060, 3.0f);
    ImGui::Dummy(ImVec2(bar_width, h));
    ImGui::SameLine();
    ImGui::Text("%s  %s", with_thousands(n).c_str(), course.c_str());
  }
  track_last_item(state, "course_chart");
}

}  // namespace

void draw_report(AppState& state) {
  const Language lang = state.language;
  const SyncState& s = state.sync;
  if (!s.report) return;
  const SyncReport& report = *s.report;
  ImGui::Separator();
  ImGui::TextUnformatted(tr(lang, Text::ReportTitle));
  ImGui::PushStyleColor(ImGuiCol_Text, report.counts.failed ? kColorOrange : kColorGreen);
  ImGui::SetWindowFontScale(1.3f);
  ImGui::TextWrapped("%s%s", s.cancelled ? "" : tr(lang, Text::ReportDone), report.summary().c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor();
  track_last_item(state, "report_summary");
  if (s.cancelled) ImGui::TextWrapped("%s", tr(lang, Text::ReportCancelled));
  if (!s.report_note.empty()) ImGui::TextWrapped("%s", s.report_note.c_str());

  if (tracked_button(state, "download_report", tr(lang, Text::DownloadReport))) state.intents.download_report = true;
  ImGui::SameLine();
  if (tracked_button(state, "sync_again", tr(lang, Text::SyncAgain))) state.intents.start_over = true;
  draw_course_chart(state, report);

  std::vector<const RowOutcome*> failed;
  for (const RowOutcome& row : report.rows)
    if (row.result == RowResult::kFailed) failed.push_back(&row);
  if (failed.empty()) return;
  char title[96];
  std::snprintf(title, sizeof title, tr(lang, Text::ReportFailures), static_cast<int>(failed.size()));
  ImGui::TextUnformatted(title);
  if (ImGui::BeginTable("failures", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_ScrollY,
                        ImVec2(0, ImGui::GetContentRegionAvail().y))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(lang, Text::ColLine), ImGuiTableColumnFlags_WidthFixed, 60);
    ImGui::TableSetupColumn(tr(lang, Text::ColUserId));
    ImGui::TableSetupColumn("code", ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn(tr(lang, Text::ColReason));
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(failed.size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const RowOutcome& row = *failed[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", row.line);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.user_id.c_str());
        ImGui::TableNextColumn();
        if (row.feishu_code) ImGui::Text("%d", row.feishu_code);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s  %s", row.detail.c_str(), row.feishu_code ? explain_error_code(row.feishu_code) : "");
      }
    ImGui::EndTable();
  }
}

}  // namespace ss::app
