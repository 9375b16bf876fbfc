#include "imgui.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace ss::app {

void draw_sync_progress(AppState& state) {
  const Language lang = state.language;
  const SyncState& s = state.sync;
  ImGui::Separator();
  ImGui::TextUnformatted(tr(lang, Text::Syncing));
  ImGui::TextUnformatted(s.progress.phase.c_str());
  track_last_item(state, "sync_phase");
  const float fraction = s.progress.total ? static_cast<float>(s.progress.done) / s.progress.total : 0.0f;
  ImGui::ProgressBar(fraction, ImVec2(480, 0));
  track_last_item(state, "sync_progress");
  ImGui::Text(tr(lang, Text::ProgressLine), static_cast<int>(s.progress.done), static_cast<int>(s.progress.total));
  ImGui::BeginDisabled(s.cancel_requested);
  if (tracked_button(state, "cancel_sync", s.cancel_requested ? tr(lang, Text::Cancelling) : tr(lang, Text::Cancel)))
    state.intents.cancel_sync = true;
  ImGui::EndDisabled();
}

}  // namespace ss::app
