// app_controller.h — acts on the intents the screens record, between frames: talks to the proxy
// (through FetchTransport), runs the engine (import, plan, execute) and writes results into AppState.
// It knows nothing of ImGui; the screens know nothing of HTTP.
#pragma once

#include <memory>

#include "app_state.h"
#include "browser/fetch_transport.h"

namespace ss::app {

class FontAtlas;
class SyncRunner;

class AppController {
 public:
  AppController(AppState& state, FontAtlas& atlas);
  ~AppController();

  // Once, at start-up: is there a session already (page reload), is the proxy up.
  void start();
  // Every frame, after the screens have been drawn.
  void act_on_intents();
  // A file arrived from the picker or a drop.
  void on_file(std::string name, std::vector<std::uint8_t> bytes);

 private:
  void get_json(const char* path, std::function<void(int status, const nlohmann::json&)> done);
  void post_json(const char* path, const nlohmann::json& body, std::function<void(int status, const nlohmann::json&)> done);
  void on_signed_in(const nlohmann::json& session);
  void sign_in();
  void sign_out();
  void run_check();
  void load_schema();
  void reimport();
  void restore_saved_mapping();
  void save_mapping();
  void want_glyphs_of_file();

  AppState& state_;
  FontAtlas& atlas_;
  FetchTransport transport_;
  std::unique_ptr<SyncRunner> runner_;
};

}  // namespace ss::app
