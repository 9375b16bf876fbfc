// api_error.h: the error value every emulator layer returns instead of throwing.
//
// Implemented:
//  [X] ApiError {http status, Feishu code, msg name, detail message} and the Feishu error envelope
//      {"code","msg","error":{"log_id","message"}} (feishu-bitable-api.md §2).
//  [X] Expected<T>: a value or an ApiError, so expected failures are values (architecture.md "Errors").
//  [X] Named constructors for the codes the emulator answers, with the HTTP status chosen in the
//      spec's "Decisions" section (400 validation/not found, 403 permission, 429 rate limit).
// Missing:
//  [ ] "troubleshooter" links are a fixed placeholder, not real Feishu URLs.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>

namespace feishu_emulator {

using nlohmann::json;

struct ApiError {
  int http_status = 400;
  long code = 0;
  std::string msg;      // Feishu's short name, e.g. "FieldNameNotFound"
  std::string message;  // the detail text placed in error.message
};

template <class T>
class Expected {
 public:
  Expected(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design, like std::optional
  Expected(ApiError error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const ApiError& error() const { return *error_; }

 private:
  std::optional<T> value_;
  std::optional<ApiError> error_;
};

// Status for "nothing to return but it may fail".
struct Done {};

inline ApiError bad_request(long code, std::string msg, std::string message) {
  return ApiError{400, code, std::move(msg), std::move(message)};
}

// The codes below keep Feishu's numbers (feishu-bitable-api.md §7) so clients can decide by `code`.
inline ApiError err_wrong_json(const std::string& m) { return bad_request(1254000, "WrongRequestJson", m); }
inline ApiError err_wrong_body(const std::string& m) { return bad_request(1254001, "WrongRequestBody", m); }
inline ApiError err_req_conv(const std::string& m) { return bad_request(1254010, "ReqConvError", m); }
inline ApiError err_page_size(const std::string& m) { return bad_request(1254011, "page_size must be greater than 0", m); }
inline ApiError err_not_supported(const std::string& m) { return bad_request(1254012, "NotSupportFieldOrView", m); }
inline ApiError err_table_name_dup(const std::string& m) { return bad_request(1254013, "TableNameDuplicated", m); }
inline ApiError err_field_name_dup(const std::string& m) { return bad_request(1254014, "FieldNameDuplicated", m); }
inline ApiError err_type_mismatch(const std::string& m) { return bad_request(1254015, "FieldTypeValueNotMatch", m); }
inline ApiError err_invalid_sort(const std::string& m) { return bad_request(1254016, "InvalidSort", m); }
inline ApiError err_invalid_filter(const std::string& m) { return bad_request(1254018, "InvalidFilter", m); }
inline ApiError err_invalid_field_names(const std::string& m) { return bad_request(1254024, "InvalidFieldNames", m); }
inline ApiError err_page_token(const std::string& m) { return bad_request(1254030, "InvalidPageToken", m); }
inline ApiError err_client_token(const std::string& m) { return bad_request(1254037, "Invalid client token", m); }
inline ApiError err_app_not_found(const std::string& m) { return bad_request(1254040, "BaseTokenNotFound", m); }
inline ApiError err_table_not_found(const std::string& m) { return bad_request(1254041, "TableIdNotFound", m); }
inline ApiError err_record_not_found(const std::string& m) { return bad_request(1254043, "RecordIdNotFound", m); }
inline ApiError err_field_name_not_found(const std::string& m) { return bad_request(1254045, "FieldNameNotFound", m); }
inline ApiError err_batch_too_big(const std::string& m) { return bad_request(1254104, "RecordAddOnceExceedLimit", m); }
inline ApiError err_write_conflict(const std::string& m) { return bad_request(1254291, "Write conflict", m); }
inline ApiError err_data_not_ready(const std::string& m) { return bad_request(1254607, "Data not ready", m); }
inline ApiError err_recommitted(const std::string& m) { return ApiError{403, 1254608, "ReqRecommited", m}; }
inline ApiError err_internal(const std::string& m) { return ApiError{500, 1255001, "InternalError", m}; }
inline ApiError err_client_token_conflict(const std::string& m) {
  return bad_request(1255006, "Client token conflict", m);
}
inline ApiError err_rate_limited() {
  return ApiError{429, 99991400, "request trigger frequency limit", "request trigger frequency limit"};
}
inline ApiError err_missing_token() {
  return bad_request(99991661, "Missing access token for authorization. Please make a request with token attached.",
                     "Missing access token for authorization.");
}
inline ApiError err_invalid_token() {
  return bad_request(99991663, "Invalid access token for authorization. Please make a request with token attached.",
                     "Invalid access token for authorization.");
}

// The Feishu failure envelope (§2). Gateway auth errors also carry "troubleshooter" (PROBE P06).
inline json error_envelope(const ApiError& e, const std::string& log_id) {
  json error = {{"log_id", log_id}, {"message", e.message}};
  if (e.code >= 99991000) error["troubleshooter"] = "feishu-emulator: see feishu-bitable-api.md §1.5";
  return json{{"code", e.code}, {"msg", e.msg}, {"error", std::move(error)}};
}

inline json success_envelope(json data) {
  return json{{"code", 0}, {"msg", "success"}, {"data", std::move(data)}};
}

}  // namespace feishu_emulator
