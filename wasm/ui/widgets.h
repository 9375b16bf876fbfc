// widgets.h — small helpers shared by the screens.
#pragma once

#include "app_state.h"

namespace ss::app {

// Records the last ImGui item's rectangle under `id`, for the browser tests' test hook.
void track_last_item(AppState& state, const char* id);

// A button whose label is translated and whose rectangle is tracked under `id`.
bool tracked_button(AppState& state, const char* id, const char* label);

}  // namespace ss::app
