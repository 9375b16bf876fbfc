#include "app_controller.h"

#include <cstring>
#include <utility>

#include "browser/browser_storage.h"
#include "csv/csv_reader.h"
#include "text/text_decoder.h"
#include "font_atlas.h"
#include "sync_runner.h"

namespace ss::app {
namespace {

using nlohmann::json;

json parse_or_null(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

// The proxy's own errors are {"code":-status,"msg":"…"}; Feishu's keep their code and msg.
std::string message_of(const json& j, int status) {
  if (j.is_object() && j.contains("msg") && j["msg"].is_string()) return j["msg"].get<std::string>();
  if (status == 0) return "无法连接代理服务";
  return "HTTP " + std::to_string(status);
}

std::string string_at(const json& j, const char* a, const char* b) {
  if (!j.is_object() || !j.contains(a) || !j[a].is_object()) return {};
  const json& inner = j[a];
  return inner.contains(b) && inner[b].is_string() ? inner[b].get<std::string>() : std::string();
}

// The header row alone, so the mapping panel can offer the file's columns when automatic mapping failed.
std::vector<std::string> header_row(std::string_view bytes) {
  auto decoded = decode_text(std::string(bytes));
  if (!decoded) return {};
  auto table = parse_csv(decoded->utf8);
  if (!table || table->record_count() == 0) return {};
  std::vector<std::string> headers;
  for (size_t c = 0; c < table->width(0); ++c) headers.emplace_back(table->cell(0, c));
  return headers;
}

}  // namespace

AppController::AppController(AppState& state, FontAtlas& atlas)
    : state_(state), atlas_(atlas), runner_(std::make_unique<SyncRunner>(state, transport_, atlas)) {}

AppController::~AppController() = default;

void AppController::get_json(const char* path, std::function<void(int, const json&)> done) {
  transport_.send(HttpRequest{"GET", path, {}, {}}, [this, done = std::move(done)](HttpResponse r) {
    state_.connection.proxy = r.status == 0 ? ProxyStatus::kDown : ProxyStatus::kUp;
    done(r.status, parse_or_null(r.body));
  });
}

void AppController::post_json(const char* path, const json& body, std::function<void(int, const json&)> done) {
  HttpRequest request{"POST", path, body.dump(-1, ' ', false, json::error_handler_t::replace), {}};
  transport_.send(std::move(request), [this, done = std::move(done)](HttpResponse r) {
    state_.connection.proxy = r.status == 0 ? ProxyStatus::kDown : ProxyStatus::kUp;
    done(r.status, parse_or_null(r.body));
  });
}

void AppController::start() {
  get_json("/api/session", [this](int status, const json& j) {
    state_.sign_in.session_checked = true;
    if (status == 200 && !string_at(j, "user", "name").empty()) on_signed_in(j);
  });
}

void AppController::on_signed_in(const json& session) {
  state_.sign_in.user = string_at(session, "user", "name");
  state_.sign_in.csrf_token = session.value("csrf_token", "");
  state_.sign_in.error.clear();
  std::memset(state_.sign_in.password, 0, sizeof state_.sign_in.password);
  transport_.set_csrf_token(state_.sign_in.csrf_token);
  atlas_.want_glyphs(state_.sign_in.user);
  load_schema();
  run_check();
  runner_->load_known_courses();
}

void AppController::sign_in() {
  SignInState& s = state_.sign_in;
  s.busy = true;
  s.error.clear();
  post_json("/api/login", json{{"username", s.username}, {"password", s.password}}, [this](int status, const json& j) {
    state_.sign_in.busy = false;
    if (status == 200) return on_signed_in(j);
    state_.sign_in.error = message_of(j, status);
    atlas_.want_glyphs(state_.sign_in.error);
  });
}

void AppController::sign_out() {
  post_json("/api/logout", json::object(), [this](int, const json&) {
    state_.sign_in.user.clear();
    state_.sign_in.csrf_token.clear();
    transport_.set_csrf_token({});
    state_.connection.check_done = false;
  });
}

void AppController::run_check() {
  state_.connection.check_busy = true;
  get_json("/api/check", [this](int status, const json& j) {
    ConnectionState& c = state_.connection;
    c.check_busy = false;
    c.check_done = true;
    c.check_problems.clear();
    c.check_ok = status == 200 && j.is_object() && j.value("ok", false);
    if (j.is_object() && j.contains("items") && j["items"].is_array())
      for (const json& item : j["items"])
        if (item.is_object() && !item.value("ok", true)) c.check_problems.push_back(item.value("message", ""));
    if (status != 200) c.check_problems.push_back(message_of(j, status));
    for (const std::string& p : c.check_problems) atlas_.want_glyphs(p);
  });
}

// The proxy's configured field names (and the phone field's type) become the engine's schema.
void AppController::load_schema() {
  get_json("/api/config", [this](int status, const json& j) {
    if (status != 200 || !j.is_object() || !j.contains("tables")) return;
    const json& t = j["tables"];
    auto field = [&](const char* table, const char* role, std::string& out) {
      if (t.contains(table) && t[table].contains("fields") && t[table]["fields"].contains(role) &&
          t[table]["fields"][role].is_string())
        out = t[table]["fields"][role].get<std::string>();
    };
    SyncSchema& s = state_.schema;
    field("students", "user_id", s.students.user_id);
    field("students", "nickname", s.students.nickname);
    field("students", "phone", s.students.phone);
    field("students", "records_link", s.students.records_link);
    field("records", "user_id", s.records.user_id);
    field("records", "course", s.records.course);
    field("records", "study_date", s.records.date);
    field("records", "student_link", s.records.student_link);
  });
  get_json("/api/tables/students/fields", [this](int status, const json& j) {
    if (status != 200 || !j.is_object() || j.value("code", -1) != 0) return;
    for (const json& f : j["data"]["items"])
      if (f.value("field_name", "") == state_.schema.students.phone)
        state_.schema.phone_field_type = f.value("type", kFieldPhone) == kFieldText ? kFieldText : kFieldPhone;
  });
}

void AppController::on_file(std::string name, std::vector<std::uint8_t> bytes) {
  if (state_.sync.running) return;  // the plan being executed must not change under the executor
  ImportState& im = state_.import;
  im.has_file = true;
  im.file = LoadedFile{std::move(name), std::move(bytes)};
  im.mapping = ColumnMapping{};
  im.fixed_course[0] = im.fixed_date[0] = '\0';
  atlas_.want_glyphs(im.file.name);
  state_.stage = Stage::kUpload;
  state_.sync = SyncState{};
  reimport();
  restore_saved_mapping();
}

// A mapping saved for this header layout replaces the automatic one (staff corrected it before).
void AppController::restore_saved_mapping() {
  ImportState& im = state_.import;
  if (im.headers.empty()) return;
  auto saved = storage_get(header_layout_key(im.headers));
  if (!saved) return;
  auto mapping = mapping_from_json(json::parse(*saved, nullptr, false));
  if (!mapping.ok()) return;
  im.mapping = std::move(mapping.value());
  std::snprintf(im.fixed_course, sizeof im.fixed_course, "%s", im.mapping.fixed_course.c_str());
  std::snprintf(im.fixed_date, sizeof im.fixed_date, "%s", im.mapping.fixed_date.c_str());
  reimport();
}

void AppController::reimport() {
  ImportState& im = state_.import;
  if (!im.has_file) return;
  im.mapping.fixed_course = im.fixed_course;
  im.mapping.fixed_date = im.fixed_date;
  std::string_view bytes(reinterpret_cast<const char*>(im.file.bytes.data()), im.file.bytes.size());
  // A copy: the file's bytes stay in ImportState for the next re-import (mapping changes) and the audit
  // hash, while import_file takes its input over (the rows point into the decoded text it keeps).
  Result<ImportedFile> result = import_file(std::string(bytes), im.mapping, state_.schema);
  state_.preview = PreviewState{};
  if (!result.ok()) {
    im.imported.reset();
    im.error = result.error();
    im.headers = header_row(bytes);
    atlas_.want_glyphs(im.error->message);
    for (const std::string& h : im.headers) atlas_.want_glyphs(h);
    return;
  }
  im.error.reset();
  im.imported = std::move(result.value());
  im.headers = im.imported->headers;
  want_glyphs_of_file();
  if (!state_.sign_in.user.empty()) runner_->prepare_preview();
}

// Every character the preview may show: headers, cells of valid rows, messages.
void AppController::want_glyphs_of_file() {
  const ImportedFile& f = *state_.import.imported;
  for (const std::string& h : f.headers) atlas_.want_glyphs(h);
  for (const ImportRow& r : f.rows.rows) {
    atlas_.want_glyphs(r.user_id());
    atlas_.want_glyphs(r.nickname());
    atlas_.want_glyphs(r.course());
  }
  for (const RowIssue& issue : f.rows.issues) atlas_.want_glyphs(issue.message);
  for (const RejectedRow& r : f.rows.rejected) atlas_.want_glyphs(r.reason);
}

// Remembered only when staff change the mapping themselves, so a layout's automatic detection is never
// frozen into storage.
void AppController::save_mapping() {
  const ImportState& im = state_.import;
  if (!im.headers.empty()) storage_set(header_layout_key(im.headers), mapping_to_json(im.mapping).dump());
}

void AppController::act_on_intents() {
  Intents& in = state_.intents;
  if (std::exchange(in.sign_in, false)) sign_in();
  if (std::exchange(in.sign_out, false)) sign_out();
  if (std::exchange(in.run_check, false)) run_check();
  if (std::exchange(in.reimport, false)) {
    reimport();
    save_mapping();
  }
  if (std::exchange(in.start_sync, false)) runner_->start_sync();
  if (std::exchange(in.cancel_sync, false)) runner_->cancel();
  if (std::exchange(in.refresh_demo_tables, false)) runner_->refresh_demo_tables();
  if (std::exchange(in.download_report, false) && state_.sync.report)
    offer_download(state_.import.file.name + ".结果.csv", report_to_csv(*state_.sync.report), "text/csv;charset=utf-8");
  if (std::exchange(in.start_over, false)) {
    state_.import = ImportState{};
    state_.preview = PreviewState{};
    state_.sync = SyncState{};
    state_.stage = Stage::kUpload;
  }
}

}  // namespace ss::app
