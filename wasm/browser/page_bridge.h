// page_bridge.h — the app's doorway to the page around it (assets/page/shell.js).
//
// Implemented: opening the hidden <input type=file>; receiving the chosen file's bytes and the CJK
// font's bytes (shell.js copies them into wasm memory and calls the exported ss_on_* functions);
// the test hook (ss_test_state / ss_widget_rect) the browser tests read.
// Missing: drag-and-drop, fetch() transport to the proxy (later issues).
#pragma once

#include "app_state.h"

namespace ss::app {

class FontAtlas;

// Connects the exported callbacks to this state and atlas; call once before the main loop.
void bridge_attach(AppState* state, FontAtlas* atlas);

// Asks the page to open the file picker. Browsers allow this only shortly after a user gesture,
// which an ImGui button press is (it is handled in the next animation frame).
void bridge_open_file_picker();

}  // namespace ss::app
