// database.h — the proxy's own SQLite file (accounts, sessions, audit trail): one connection, one lock.
//
// Implemented: [X] open/create with WAL and a busy timeout (the admin command may run beside the server)
//              [X] schema creation (idempotent)   [X] prepared statements with text/int binding
// Missing:     [ ] schema migrations (version 1 only so far)
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace ssproxy {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, int64_t value);
  Statement& bind_null(int index);
  bool step();  // true while a row is available; throws on error (programmer error / disk failure)
  void run();   // step to completion
  std::string text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Creates the parent directory when missing. Returns nullptr and sets *error on failure.
  static std::unique_ptr<Database> open(const std::string& path, std::string* error);
  ~Database();
  // Every use holds the lock for the whole statement sequence: handlers run on a thread pool.
  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex_); }
  sqlite3* handle() { return db_; }
  void exec(const char* sql);
  int64_t last_insert_id() const;
  int changes() const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::mutex mutex_;
};

int64_t now_ms();

}  // namespace ssproxy
