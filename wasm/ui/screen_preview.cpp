#include <string>
#include <string_view>

#include "imgui.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {
namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                        ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                        ImGuiTableFlags_SizingStretchProp;

std::string cell_text(const nlohmann::json& v, const char* empty) {
  if (v.is_null()) return empty;
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// One scrollable table of `count` rows; only visible rows are submitted (ImGuiListClipper), so 100,000
// rows scroll as smoothly as 10.
template <typename DrawRow>
void list_table(const char* id, std::initializer_list<const char*> columns, size_t count, DrawRow&& draw_row) {
  if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), kTableFlags, ImVec2(0, ImGui::GetContentRegionAvail().y)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* c : columns) ImGui::TableSetupColumn(c);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(count));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ImGui::TableNextRow();
      draw_row(static_cast<size_t>(i));
    }
  ImGui::EndTable();
}

// Plan fields are string_views (not NUL-terminated): drawn by range.
void column_text(std::string_view s) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(s.data(), s.data() + s.size());
}

}  // namespace

void draw_preview(AppState& state) {
  const Language lang = state.language;
  const PreviewState& pv = state.preview;
  if (pv.snapshot_loading) {
    ImGui::TextUnformatted(tr(lang, Text::ReadingTables));
    return;
  }
  if (pv.snapshot_error) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextWrapped("%s %s", tr(lang, Text::TablesReadFailed), pv.snapshot_error->message.c_str());
    ImGui::PopStyleColor();
    if (tracked_button(state, "retry_read", tr(lang, Text::Retry))) state.intents.reimport = true;
    return;
  }
  if (!pv.plan) return;
  const Plan& plan = *pv.plan;
  const char* empty = tr(lang, Text::Empty);

  ImGui::Separator();
  ImGui::TextUnformatted(tr(lang, Text::PreviewTitle));
  count_tile(state, "count_new_students", tr(lang, Text::CountNewStudents), plan.student_creates.size(), kColorGreen);
  ImGui::SameLine(0, 40);
  count_tile(state, "count_updates", tr(lang, Text::CountUpdates), plan.student_updates.size(), kColorBlue);
  ImGui::SameLine(0, 40);
  count_tile(state, "count_new_records", tr(lang, Text::CountNewRecords), plan.record_creates.size(), kColorGreen);
  ImGui::SameLine(0, 40);
  count_tile(state, "count_skipped", tr(lang, Text::CountSkipped), plan.skipped.size(), kColorGrey);
  ImGui::SameLine(0, 40);
  count_tile(state, "count_rejected", tr(lang, Text::CountRejected), plan.rejected.size(), kColorRed);
  ImGui::Text(tr(lang, Text::ApiCalls), static_cast<int>(plan.lower_bound.total()), static_cast<int>(pv.snapshot_calls));
  for (const std::string& note : plan.notes) ImGui::TextColored(ImColor(kColorOrange), "%s", note.c_str());

  ImGui::BeginDisabled(!plan.has_writes() || !state.connection.check_ok);
  if (tracked_button(state, "start_sync", plan.has_writes() ? tr(lang, Text::StartSync) : tr(lang, Text::NothingToSync)))
    state.intents.start_sync = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (tracked_button(state, "start_over", tr(lang, Text::ChooseAnother))) state.intents.start_over = true;

  if (!ImGui::BeginTabBar("preview_tabs")) return;
  auto tab = [&](const char* id, Text caption, size_t n) {
    std::string label = std::string(tr(lang, caption)) + " (" + with_thousands(n) + ")###" + id;
    return ImGui::BeginTabItem(label.c_str());
  };
  if (tab("tab_new_students", Text::CountNewStudents, plan.student_creates.size())) {
    list_table("new_students", {tr(lang, Text::ColLine), tr(lang, Text::ColUserId), tr(lang, Text::ColNickname), tr(lang, Text::ColPhone)},
               plan.student_creates.size(), [&](size_t i) {
                 const StudentCreate& s = plan.student_creates[i];
                 column_text(std::to_string(s.line));
                 column_text(s.user_id());
                 column_text(s.nickname().empty() ? empty : s.nickname());
                 column_text(s.phone().empty() ? empty : s.phone());
               });
    ImGui::EndTabItem();
  }
  if (tab("tab_updates", Text::CountUpdates, plan.student_updates.size())) {
    list_table("updates", {tr(lang, Text::ColLine), tr(lang, Text::ColUserId), tr(lang, Text::ColOldNew)},
               plan.student_updates.size(), [&](size_t i) {
                 const StudentUpdate& u = plan.student_updates[i];
                 column_text(std::to_string(u.line));
                 column_text(u.user_id);
                 std::string changes;
                 for (const CellChange& c : u.changes)
                   changes += (changes.empty() ? "" : "；") + c.field + "：" + cell_text(c.old_value, empty) + " → " +
                              cell_text(c.new_value, empty);
                 column_text(changes);
               });
    ImGui::EndTabItem();
  }
  if (tab("tab_new_records", Text::CountNewRecords, plan.record_creates.size())) {
    list_table("new_records", {tr(lang, Text::ColLine), tr(lang, Text::ColUserId), tr(lang, Text::ColCourse), tr(lang, Text::ColDate)},
               plan.record_creates.size(), [&](size_t i) {
                 const RecordCreate& r = plan.record_creates[i];
                 column_text(std::to_string(r.line));
                 column_text(r.user_id());
                 column_text(r.course());
                 column_text(date_text(r.day));
               });
    ImGui::EndTabItem();
  }
  if (tab("tab_skipped", Text::CountSkipped, plan.skipped.size())) {
    list_table("skipped", {tr(lang, Text::ColLine), tr(lang, Text::ColUserId), tr(lang, Text::ColCourse), tr(lang, Text::ColDate), tr(lang, Text::ColReason)},
               plan.skipped.size(), [&](size_t i) {
                 const SkippedRecord& s = plan.skipped[i];
                 column_text(std::to_string(s.line));
                 column_text(s.user_id());
                 column_text(s.course());
                 column_text(date_text(s.day));
                 char reason[160];
                 if (s.reason == SkipReason::kAlreadyInBitable)
                   std::snprintf(reason, sizeof reason, tr(lang, Text::SkipInBitable), std::string(s.existing_record_id()).c_str());
                 else
                   std::snprintf(reason, sizeof reason, tr(lang, Text::SkipRepeatOf), s.first_line);
                 column_text(reason);
               });
    ImGui::EndTabItem();
  }
  if (tab("tab_rejected", Text::CountRejected, plan.rejected.size())) {
    list_table("rejected", {tr(lang, Text::ColLine), tr(lang, Text::ColUserId), tr(lang, Text::ColReason)},
               plan.rejected.size(), [&](size_t i) {
                 const RejectedRow& r = plan.rejected[i];
                 column_text(std::to_string(r.line));
                 column_text(r.user_id.empty() ? empty : r.user_id);
                 column_text(r.reason);
               });
    ImGui::EndTabItem();
  }
  if (!plan.conflicts.empty() && tab("tab_conflicts", Text::Conflicts, plan.conflicts.size())) {
    list_table("conflicts", {tr(lang, Text::ColUserId), tr(lang, Text::ColField), tr(lang, Text::ColOldNew)},
               plan.conflicts.size(), [&](size_t i) {
                 const FieldConflict& c = plan.conflicts[i];
                 column_text(c.user_id);
                 column_text(c.field);
                 auto with_line = [&](const ConflictValue& v) {
                   char ref[48];
                   std::snprintf(ref, sizeof ref, tr(lang, Text::LineRef), v.line);
                   return std::string(v.value) + ref;
                 };
                 std::string others;
                 for (const ConflictValue& o : c.others) others += with_line(o) + " ";
                 column_text(others + "→ " + with_line(c.chosen));
               });
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace ss::app
