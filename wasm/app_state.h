// app_state.h — everything the page knows, in one struct (style.md: "state in one struct").
// Screens (ui/) read it and record intents; the controller (app_controller.h) acts on intents between
// frames and fills the state from the proxy's answers and the engine's results.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/sync_schema.h"
#include "i18n/strings.h"
#include "mapping/column_mapping.h"
#include "pipeline/import_file.h"
#include "plan/snapshot.h"
#include "plan/sync_plan.h"
#include "report/sync_report.h"

namespace ss::app {

struct LoadedFile {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;
};

struct SignInState {
  bool session_checked = false;  // GET /api/session answered
  bool busy = false;
  std::string user;  // empty = signed out
  std::string csrf_token;
  std::string error;  // shown under the form
  char username[64] = {};
  char password[128] = {};
};

enum class ProxyStatus { kUnknown, kUp, kDown };

struct ConnectionState {
  ProxyStatus proxy = ProxyStatus::kUnknown;
  bool check_busy = false;
  bool check_done = false;
  bool check_ok = false;
  std::vector<std::string> check_problems;  // the proxy's Chinese explanations
};

enum class Stage { kUpload, kPreview, kSyncing, kReport };

struct ImportState {
  bool has_file = false;
  LoadedFile file;
  std::vector<std::string> headers;  // the file's header row, also when mapping it failed
  std::optional<ImportedFile> imported;
  std::optional<Error> error;  // file-level: encoding, CSV structure, missing column
  ColumnMapping mapping;
  char fixed_course[256] = {};
  char fixed_date[32] = {};
  std::vector<std::string> known_courses;  // from 学习记录表, for the course picker
};

struct PreviewState {
  bool snapshot_loading = false;
  bool snapshot_ready = false;
  std::optional<Error> snapshot_error;
  Snapshot snapshot;
  std::size_t snapshot_calls = 0;
  std::optional<Plan> plan;
  std::optional<SyncReport> rows;  // per-line outcomes of the plan, before execution
  int tab = 0;
};

struct SyncProgress {
  std::string phase;  // shown as is
  std::size_t done = 0;
  std::size_t total = 0;
};

struct SyncState {
  bool running = false;
  bool cancel_requested = false;
  bool cancelled = false;
  SyncProgress progress;
  std::size_t api_calls = 0;
  std::optional<SyncReport> report;
  std::string report_note;  // e.g. what a cancel left undone
};

struct DemoTablesState {
  bool open = false;
  bool loading = false;
  nlohmann::json students = nlohmann::json::array();
  nlohmann::json records = nlohmann::json::array();
};

// What staff asked for this frame; the controller clears each after acting on it.
struct Intents {
  bool sign_in = false;
  bool sign_out = false;
  bool run_check = false;
  bool open_file_picker = false;
  bool reimport = false;  // mapping, course or date changed
  bool start_sync = false;
  bool cancel_sync = false;
  bool download_report = false;
  bool start_over = false;
  bool refresh_demo_tables = false;
};

struct AppState {
  Language language = Language::Chinese;
  bool cjk_font_ready = false;
  SyncSchema schema;
  SignInState sign_in;
  ConnectionState connection;
  Stage stage = Stage::kUpload;
  ImportState import;
  PreviewState preview;
  SyncState sync;
  DemoTablesState demo;
  Intents intents;

  // Screen rectangles of the widgets drawn last frame, by id: the browser tests click through these
  // because ImGui draws into a canvas, not the DOM.
  std::map<std::string, WidgetRect> widget_rects;
};

}  // namespace ss::app
