// result.h — Result<T>: a value or an Error{code, message}; how every stage of the engine reports an
// expected failure (bad file, bad response, Feishu error) without exceptions.
//
// Why: the engine runs in wasm built with -fwasm-exceptions and in native tests; failures such as "this is
// not a CSV file" are normal outcomes the UI must show, not crashes. Feishu error codes keep their numbers
// (1254xxx, 99991xxx) all the way to the report; the engine's own codes are negative so they can never
// collide with Feishu's (which are 0 for success and positive otherwise).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ss {

// The engine's own error codes (negative). Feishu codes are used unchanged.
constexpr int kErrNotText = -1;            // binary input
constexpr int kErrEmptyFile = -2;          // 0 bytes / only a BOM / only whitespace
constexpr int kErrBadEncoding = -3;        // neither UTF-8, UTF-16 with BOM, nor GB18030
constexpr int kErrUnterminatedQuote = -4;  // CSV quote never closed
constexpr int kErrNoDataRows = -5;         // header but no rows
constexpr int kErrMissingColumn = -6;      // a required column could not be found
constexpr int kErrBadMapping = -7;         // a mapping names a column that is not in the file, or bad JSON
constexpr int kErrMissingValue = -8;       // e.g. no date column and no date given for the whole file
constexpr int kErrBadJson = -9;            // a response or saved setting is not the JSON we expect
constexpr int kErrBadValue = -10;          // a single value could not be converted

struct Error {
  int code = 0;
  std::string message;  // Chinese, shown to staff as is
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design, like std::optional
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

// For operations that produce nothing but may fail.
class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT
  static Status success() { return Status(); }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace ss
