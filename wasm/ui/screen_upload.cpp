#include "imgui.h"
#include "text/text_decoder.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {
namespace {

const char* delimiter_name(char d) { return d == '\t' ? "Tab" : d == ';' ? ";" : ","; }

void draw_issues(AppState& state, const ImportRows& rows) {
  if (rows.issues.empty()) return;
  char title[96];
  std::snprintf(title, sizeof title, tr(state.language, Text::Issues), static_cast<int>(rows.issues.size()));
  if (!ImGui::CollapsingHeader(title, ImGuiTreeNodeFlags_DefaultOpen)) return;
  track_last_item(state, "issues");
  ImGui::BeginChild("issues", ImVec2(0, std::min(160.0f, 24.0f + 20.0f * rows.issues.size())), true);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.issues.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RowIssue& issue = rows.issues[i];
      ImGui::PushStyleColor(ImGuiCol_Text, issue.severity == Severity::kError ? kColorRed : kColorOrange);
      ImGui::TextUnformatted(issue.message.c_str());
      ImGui::PopStyleColor();
    }
  ImGui::EndChild();
}

}  // namespace

void draw_upload(AppState& state) {
  const Language lang = state.language;
  ImportState& im = state.import;

  ImGui::TextWrapped("%s", tr(lang, Text::UploadHint));
  if (tracked_button(state, "upload", tr(lang, Text::UploadCsv))) state.intents.open_file_picker = true;
  if (!im.has_file) return;

  ImGui::SameLine();
  ImGui::Text(tr(lang, Text::FileReceived), im.file.name.c_str(), with_thousands(im.file.bytes.size()).c_str());
  track_last_item(state, "file_info");
  if (im.imported) {
    ImGui::TextDisabled(tr(lang, Text::FileSummary), encoding_name(im.imported->encoding),
                        delimiter_name(im.imported->delimiter), static_cast<int>(im.imported->rows.data_row_count));
  }
  if (im.error) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextUnformatted(tr(lang, Text::FileError));
    ImGui::TextWrapped("%s", im.error->message.c_str());
    ImGui::PopStyleColor();
    track_last_item(state, "file_error");
  }
  if (!im.headers.empty()) draw_mapping_panel(state);
  if (im.imported) draw_issues(state, im.imported->rows);
}

}  // namespace ss::app
