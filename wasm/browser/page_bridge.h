// page_bridge.h — the app's doorway to the page around it (assets/page/shell.js).
//
// Implemented: [X] opening the hidden <input type=file>; [X] receiving a chosen or dropped file's bytes
//              and the CJK font's bytes (shell.js copies them into wasm memory and calls the exported
//              ss_on_* functions); [X] the test hook the browser tests read (ss_test_state: what the page
//              shows, as JSON; ss_widget_rect: where a widget is; ss_test_set_text: type into a text field).
#pragma once

#include "app_state.h"

namespace ss::app {

class AppController;
class FontAtlas;

// Connects the exported callbacks to the app; call once before the main loop.
void bridge_attach(AppState* state, FontAtlas* atlas, AppController* controller);

// Asks the page to open the file picker. Browsers allow this only shortly after a user gesture,
// which an ImGui button press is (it is handled in the next animation frame).
void bridge_open_file_picker();

}  // namespace ss::app
