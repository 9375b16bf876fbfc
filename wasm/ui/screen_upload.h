#pragma once
#include "app_state.h"

namespace ss::app {
// The first screen: title, upload button, and what arrived.
void draw_upload(AppState& state);
}  // namespace ss::app
