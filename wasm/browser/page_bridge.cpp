#include "browser/page_bridge.h"

#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "app_controller.h"
#include "font_atlas.h"

namespace {

ss::app::AppState* g_state = nullptr;
ss::app::FontAtlas* g_atlas = nullptr;
ss::app::AppController* g_controller = nullptr;
std::string g_answer;  // kept alive until the next call: JS reads it as a C string

const char* stage_name(ss::app::Stage stage) {
  switch (stage) {
    case ss::app::Stage::kUpload: return "upload";
    case ss::app::Stage::kPreview: return "preview";
    case ss::app::Stage::kSyncing: return "syncing";
    case ss::app::Stage::kReport: return "report";
  }
  return "";
}

nlohmann::json test_state_json(const ss::app::AppState& s) {
  using nlohmann::json;
  json j;
  j["language"] = s.language == ss::app::Language::Chinese ? "zh" : "en";
  j["cjk_font_ready"] = s.cjk_font_ready;
  j["glyphs"] = g_atlas ? g_atlas->glyph_count() : 0;
  j["session_checked"] = s.sign_in.session_checked;
  j["user"] = s.sign_in.user;
  j["sign_in_error"] = s.sign_in.error;
  j["proxy"] = s.connection.proxy == ss::app::ProxyStatus::kUp ? "up" : s.connection.proxy == ss::app::ProxyStatus::kDown ? "down" : "unknown";
  j["check"] = s.connection.check_done ? json{{"ok", s.connection.check_ok}, {"problems", s.connection.check_problems}} : json(nullptr);
  j["stage"] = stage_name(s.stage);
  const auto& im = s.import;
  j["file"] = im.has_file ? json{{"name", im.file.name}, {"bytes", im.file.bytes.size()}} : json(nullptr);
  j["file_error"] = im.error ? json{{"code", im.error->code}, {"message", im.error->message}} : json(nullptr);
  j["headers"] = im.headers;
  j["mapping"] = ss::mapping_to_json(im.mapping);
  if (im.imported) {
    json issues = json::array();
    for (const auto& issue : im.imported->rows.issues)
      issues.push_back({{"line", issue.line}, {"error", issue.severity == ss::Severity::kError}, {"message", issue.message}});
    j["issues"] = issues;
    j["data_rows"] = im.imported->rows.data_row_count;
  }
  const auto& pv = s.preview;
  j["snapshot"] = {{"loading", pv.snapshot_loading}, {"ready", pv.snapshot_ready}, {"calls", pv.snapshot_calls},
                   {"error", pv.snapshot_error ? pv.snapshot_error->message : ""}};
  if (pv.plan) {
    const ss::Plan& p = *pv.plan;
    j["preview"] = {{"new_students", p.student_creates.size()}, {"updates", p.student_updates.size()},
                    {"new_records", p.record_creates.size()}, {"skipped", p.skipped.size()},
                    {"rejected", p.rejected.size()}, {"conflicts", p.conflicts.size()},
                    {"write_calls", p.lower_bound.total()}, {"summary", ss::plan_summary(p)}};
  } else {
    j["preview"] = nullptr;
  }
  j["sync"] = {{"running", s.sync.running}, {"cancelled", s.sync.cancelled}, {"phase", s.sync.progress.phase},
               {"done", s.sync.progress.done}, {"total", s.sync.progress.total}, {"api_calls", s.sync.api_calls}};
  if (s.sync.report) {
    const auto& c = s.sync.report->counts;
    j["report"] = {{"summary", s.sync.report->summary()}, {"students_created", c.students_created},
                   {"students_updated", c.students_updated}, {"records_created", c.records_created},
                   {"skipped", c.skipped}, {"failed", c.failed}};
  } else {
    j["report"] = nullptr;
  }
  j["demo"] = {{"students", s.demo.students.size()}, {"records", s.demo.records.size()}, {"loading", s.demo.loading}};
  return j;
}

}  // namespace

namespace ss::app {

void bridge_attach(AppState* state, FontAtlas* atlas, AppController* controller) {
  g_state = state;
  g_atlas = atlas;
  g_controller = controller;
}

EM_JS(void, js_open_file_picker, (), {
  const input = document.getElementById('file-input');
  if (input) { input.value = null; input.click(); }
});

void bridge_open_file_picker() { js_open_file_picker(); }

}  // namespace ss::app

extern "C" {

// shell.js hands over a file the user chose or dropped; `data` was malloc'ed by JS and is freed here.
EMSCRIPTEN_KEEPALIVE void ss_on_file_loaded(const char* name, std::uint8_t* data, int size) {
  if (g_controller)
    g_controller->on_file(name ? name : "", std::vector<std::uint8_t>(data, data + (size > 0 ? size : 0)));
  std::free(data);
}

EMSCRIPTEN_KEEPALIVE void ss_on_font_loaded(std::uint8_t* data, int size) {
  if (g_atlas && size > 0) g_atlas->set_font(std::vector<std::uint8_t>(data, data + size));
  if (g_state) g_state->cjk_font_ready = size > 0;
  std::free(data);
}

// The test hook: a JSON snapshot of what the page shows. Tests must not reach into anything else.
EMSCRIPTEN_KEEPALIVE const char* ss_test_state() {
  g_answer = g_state ? test_state_json(*g_state).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : "null";
  return g_answer.c_str();
}

// Rectangle (CSS pixels) of the widget with this id as drawn last frame, as JSON, or "null".
EMSCRIPTEN_KEEPALIVE const char* ss_widget_rect(const char* id) {
  g_answer = "null";
  if (g_state && id) {
    auto it = g_state->widget_rects.find(id);
    if (it != g_state->widget_rects.end()) {
      const auto& r = it->second;
      g_answer = nlohmann::json{{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}.dump();
    }
  }
  return g_answer.c_str();
}

// Types `value` into the text field `id` as staff would (then the field's edit intent fires). Exists
// because synthetic keyboard events cannot enter Chinese through an IME into a canvas.
EMSCRIPTEN_KEEPALIVE int ss_test_set_text(const char* id, const char* value) {
  if (!g_state || !id || !value) return 0;
  std::string field(id);
  auto set = [&](char* buffer, std::size_t size) { std::snprintf(buffer, size, "%s", value); };
  if (field == "username") set(g_state->sign_in.username, sizeof g_state->sign_in.username);
  else if (field == "password") set(g_state->sign_in.password, sizeof g_state->sign_in.password);
  else if (field == "fixed_course") set(g_state->import.fixed_course, sizeof g_state->import.fixed_course), g_state->intents.reimport = true;
  else if (field == "fixed_date") set(g_state->import.fixed_date, sizeof g_state->import.fixed_date), g_state->intents.reimport = true;
  else return 0;
  return 1;
}

}  // extern "C"
