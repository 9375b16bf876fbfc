// app_state.h — everything the page knows, in one struct (see style.md: "state in one struct").
// Screens read it and record intents; main.cpp acts on intents between frames.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "i18n/strings.h"

namespace ss::app {

struct LoadedFile {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct AppState {
  Language language = Language::Chinese;
  bool has_file = false;
  LoadedFile file;
  bool cjk_font_ready = false;

  // Intents recorded by screens during a frame.
  bool request_file_picker = false;

  // Screen rectangles of the widgets drawn last frame, by id: the browser tests click through these
  // because ImGui draws into a canvas, not the DOM.
  std::map<std::string, WidgetRect> widget_rects;
};

}  // namespace ss::app
