// screens.h — one function per screen or panel, each a function of AppState (immediate mode): it reads
// state, draws, and records intents in state.intents. No screen talks to the network or the engine.
#pragma once

#include "app_state.h"

namespace ss::app {

void draw_sign_in(AppState& state);
void draw_status_bar(AppState& state);
void draw_upload(AppState& state);
void draw_mapping_panel(AppState& state);
void draw_preview(AppState& state);
void draw_sync_progress(AppState& state);
void draw_report(AppState& state);
void draw_demo_tables(AppState& state);

}  // namespace ss::app
