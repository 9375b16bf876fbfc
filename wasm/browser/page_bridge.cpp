#include "browser/page_bridge.h"

#include <emscripten.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "font_atlas.h"

namespace {

ss::app::AppState* g_state = nullptr;
ss::app::FontAtlas* g_atlas = nullptr;
std::string g_test_state_json;  // kept alive until the next call: JS reads it as a C string

}  // namespace

namespace ss::app {

void bridge_attach(AppState* state, FontAtlas* atlas) {
  g_state = state;
  g_atlas = atlas;
}

EM_JS(void, js_open_file_picker, (), {
  const input = document.getElementById('file-input');
  if (input) { input.value = null; input.click(); }
});

void bridge_open_file_picker() { js_open_file_picker(); }

}  // namespace ss::app

extern "C" {

// shell.js hands over a file the user chose; `data` was malloc'ed by JS and is freed here.
EMSCRIPTEN_KEEPALIVE void ss_on_file_loaded(const char* name, std::uint8_t* data, int size) {
  if (g_state) {
    g_state->file.name = name ? name : "";
    g_state->file.bytes.assign(data, data + (size > 0 ? size : 0));
    g_state->has_file = true;
    if (g_atlas) g_atlas->want_glyphs(g_state->file.name);
  }
  free(data);
}

EMSCRIPTEN_KEEPALIVE void ss_on_font_loaded(std::uint8_t* data, int size) {
  if (g_atlas && size > 0) g_atlas->set_font(std::vector<std::uint8_t>(data, data + size));
  if (g_state) g_state->cjk_font_ready = size > 0;
  free(data);
}

// The test hook: a JSON snapshot of what the page shows. Tests must not reach into anything else.
EMSCRIPTEN_KEEPALIVE const char* ss_test_state() {
  nlohmann::json j;
  if (g_state) {
    j["language"] = g_state->language == ss::app::Language::Chinese ? "zh" : "en";
    j["cjk_font_ready"] = g_state->cjk_font_ready;
    j["file"] = g_state->has_file
                    ? nlohmann::json{{"name", g_state->file.name}, {"bytes", g_state->file.bytes.size()}}
                    : nlohmann::json(nullptr);
    j["glyphs"] = g_atlas ? g_atlas->glyph_count() : 0;
  }
  g_test_state_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_test_state_json.c_str();
}

// Rectangle (CSS pixels) of the widget with this id as drawn last frame, as JSON, or "null".
EMSCRIPTEN_KEEPALIVE const char* ss_widget_rect(const char* id) {
  g_test_state_json = "null";
  if (g_state && id) {
    auto it = g_state->widget_rects.find(id);
    if (it != g_state->widget_rects.end()) {
      const auto& r = it->second;
      g_test_state_json = nlohmann::json{{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}.dump();
    }
  }
  return g_test_state_json.c_str();
}

}  // extern "C"
