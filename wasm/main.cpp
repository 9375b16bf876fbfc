// main.cpp — the page's entry point: SDL2 window with a WebGL2 context, Dear ImGui, one main loop.
// Screens live in ui/; the page around the canvas in assets/page/; the bridge to it in browser/.
#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdio>
#include <memory>
#include <utility>

#include "app_controller.h"
#include "app_state.h"
#include "browser/page_bridge.h"
#include "font_atlas.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "ui/screens.h"
#include "ui/widgets.h"

namespace {

constexpr float kFontPixels = 18.0f;

struct Runtime {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  ss::app::AppState state;
  ss::app::FontAtlas atlas;
  std::unique_ptr<ss::app::AppController> controller;
  double css_width = 0, css_height = 0;
};

// Keeps the canvas the size of the browser window; SDL's ALLOW_HIGHDPI backs it with
// devicePixelRatio times as many pixels, so text stays sharp on high-DPI screens.
void follow_browser_window(Runtime& rt) {
  double w = 0, h = 0;
  emscripten_get_element_css_size("#canvas", &w, &h);
  if (w == rt.css_width && h == rt.css_height) return;
  rt.css_width = w;
  rt.css_height = h;
  SDL_SetWindowSize(rt.window, static_cast<int>(w), static_cast<int>(h));
}

void draw_header(ss::app::AppState& state) {
  using namespace ss::app;
  ImGui::SetWindowFontScale(1.5f);
  ImGui::TextUnformatted(tr(state.language, Text::AppTitle));
  track_last_item(state, "title");
  ImGui::SetWindowFontScale(1.0f);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 70);
  if (tracked_button(state, "language", tr(state.language, Text::LanguageToggle)))
    state.language = state.language == Language::Chinese ? Language::English : Language::Chinese;
  if (!state.cjk_font_ready) ImGui::TextDisabled("%s", tr(state.language, Text::FontLoading));
}

void draw_page(ss::app::AppState& state) {
  using namespace ss::app;
  draw_header(state);
  draw_status_bar(state);
  ImGui::Separator();
  if (!state.sign_in.session_checked) return;
  if (state.sign_in.user.empty()) return draw_sign_in(state);
  draw_demo_tables(state);
  switch (state.stage) {
    case Stage::kUpload:
    case Stage::kPreview:
      draw_upload(state);
      draw_preview(state);
      break;
    case Stage::kSyncing:
      draw_sync_progress(state);
      break;
    case Stage::kReport:
      draw_report(state);
      break;
  }
}

void frame(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  ss::app::AppState& state = rt.state;

  follow_browser_window(rt);
  SDL_Event event;
  while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);

  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (rt.atlas.rebuild_if_needed(kFontPixels * dpr)) ImGui::GetIO().FontGlobalScale = 1.0f / dpr;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("main", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_page(state);
  ImGui::End();

  ImGui::Render();
  ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  glClearColor(0.96f, 0.96f, 0.97f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  // Intents recorded by the screens, acted on outside the drawing code.
  if (std::exchange(state.intents.open_file_picker, false)) ss::app::bridge_open_file_picker();
  rt.controller->act_on_intents();
}

}  // namespace

int main() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);

  static Runtime rt;  // lives for the page's lifetime; the main loop never returns
  rt.window = SDL_CreateWindow("学员信息同步", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720,
                               SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  rt.gl = SDL_GL_CreateContext(rt.window);
  if (!rt.gl) {
    std::fprintf(stderr, "WebGL2 is not available: %s\n", SDL_GetError());
    return 1;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing to persist between visits yet
  ImGui::StyleColorsLight();
  ImGui::GetStyle().FrameRounding = 4.0f;
  ImGui_ImplSDL2_InitForOpenGL(rt.window, rt.gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  rt.atlas.want_glyphs(ss::app::all_ui_text());
  rt.controller = std::make_unique<ss::app::AppController>(rt.state, rt.atlas);
  ss::app::bridge_attach(&rt.state, &rt.atlas, rt.controller.get());
  rt.controller->start();
  emscripten_set_main_loop_arg(frame, &rt, 0, true);
  return 0;
}
