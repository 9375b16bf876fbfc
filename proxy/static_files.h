// static_files.h — serves the built page (index.html, .js, .wasm, fonts) from the configured root.
//
// Implemented: [X] MIME types incl. application/wasm (browsers refuse streaming compile without it)
//              [X] gzip when the request accepts it: each file compressed once, kept in memory with its
//                  ETag, reloaded when its size or mtime changes
//              [X] Cache-Control: no-cache for HTML and unhashed names (revalidated by ETag → 304);
//                  a year + immutable for names carrying a content hash (app.3f9a2c1d.js)
//              [X] no directory listing; no "..", ".", dot-files, backslashes or NULs in any segment
//                  (checked after URL decoding, so %2e%2e is caught too); the resolved real path must
//                  stay under the root (symlinks cannot escape)
// Missing:     [ ] brotli, Range requests on compressed bodies (whole-file answers only)
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace ssproxy {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // False when there is nothing to serve (caller answers 404).
  bool serve(const httplib::Request& req, httplib::Response& res);
  // Reads and compresses every file under the root once, so the first visitor does not wait for the
  // 5 MB font to be gzipped (about a second at level 9). Safe to run on a background thread.
  void preload();

 private:
  struct Entry {
    int64_t mtime_ns = 0;
    int64_t size = 0;
    std::shared_ptr<const std::string> raw;
    std::shared_ptr<const std::string> gz;  // null when not worth compressing
    std::string etag;
  };
  std::shared_ptr<const Entry> load(const std::string& relative, const std::string& full);
  std::string root_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Entry>> cache_;
};

// "/a/b.js" → "a/b.js"; "/" → "index.html"; false for anything unsafe or a directory-style path.
bool safe_relative_path(const std::string& decoded_path, std::string* relative);
std::string mime_type_for(const std::string& path);
bool gzip_compress(const std::string& in, std::string* out);

}  // namespace ssproxy
