// static_files.cpp — see static_files.h.
#include "static_files.h"

#include <filesystem>

#include <sys/stat.h>
#include <zlib.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "crypto_util.h"

namespace ssproxy {

namespace {
constexpr int64_t kMaxFileBytes = 128LL * 1024 * 1024;

std::string extension(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool compressible(const std::string& mime) {
  return mime.compare(0, 5, "text/") == 0 || mime.find("javascript") != std::string::npos ||
         mime.find("json") != std::string::npos || mime == "application/wasm" || mime == "image/svg+xml" ||
         mime == "font/ttf" || mime == "font/otf" || mime == "font/collection" || mime == "application/octet-stream";
}

bool hashed_name(const std::string& path) {
  static const std::regex kHashed(R"([.-][0-9a-fA-F]{8,}\.[A-Za-z0-9]+$)");
  return std::regex_search(path, kHashed);
}

bool accepts_gzip(const httplib::Request& req) {
  std::string ae = req.get_header_value("Accept-Encoding");
  size_t pos = ae.find("gzip");
  if (pos == std::string::npos) return false;
  size_t end = ae.find(',', pos);
  std::string part = ae.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
  return part.find("q=0") == std::string::npos || part.find("q=0.") != std::string::npos;
}
}  // namespace

bool safe_relative_path(const std::string& decoded_path, std::string* relative) {
  if (decoded_path.empty() || decoded_path[0] != '/') return false;
  if (decoded_path == "/") {
    *relative = "index.html";
    return true;
  }
  if (decoded_path.back() == '/') return false;  // directory: no listing
  std::string rest = decoded_path.substr(1);
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find('/', start);
    if (end == std::string::npos) end = rest.size();
    std::string seg = rest.substr(start, end - start);
    if (seg.empty() || seg[0] == '.') return false;  // "", ".", "..", dot-files such as .env
    for (unsigned char c : seg)
      if (c < 0x20 || c == 0x7F || c == '\\' || c == ':') return false;
    start = end + 1;
  }
  *relative = rest;
  return true;
}

std::string mime_type_for(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"}, {"json", "application/json; charset=utf-8"},
      {"map", "application/json; charset=utf-8"}, {"wasm", "application/wasm"},
      {"txt", "text/plain; charset=utf-8"}, {"csv", "text/csv; charset=utf-8"},
      {"svg", "image/svg+xml"}, {"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"},
      {"gif", "image/gif"}, {"webp", "image/webp"}, {"ico", "image/x-icon"},
      {"ttf", "font/ttf"}, {"otf", "font/otf"}, {"ttc", "font/collection"}, {"woff", "font/woff"},
      {"woff2", "font/woff2"}, {"data", "application/octet-stream"}};
  auto it = kTypes.find(extension(path));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool gzip_compress(const std::string& in, std::string* out) {
  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
  out->resize(deflateBound(&zs, in.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(&(*out)[0]);
  zs.avail_out = static_cast<uInt>(out->size());
  int rc = deflate(&zs, Z_FINISH);
  out->resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END;
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const std::string& relative, const std::string& full) {
  struct stat st {};
  if (stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxFileBytes) return nullptr;
  int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  {
    std::lock_guard<std::mutex> lk(mutex_);
    auto it = cache_.find(relative);
    if (it != cache_.end() && it->second->mtime_ns == mtime_ns && it->second->size == st.st_size) return it->second;
  }
  std::ifstream f(full, std::ios::binary);
  if (!f) return nullptr;
  std::stringstream ss;
  ss << f.rdbuf();
  auto entry = std::make_shared<Entry>();
  entry->mtime_ns = mtime_ns;
  entry->size = st.st_size;
  auto raw = std::make_shared<std::string>(ss.str());
  entry->etag = "\"" + sha256_hex(*raw).substr(0, 32) + "\"";
  if (compressible(mime_type_for(relative)) && raw->size() > 512) {
    auto gz = std::make_shared<std::string>();
    if (gzip_compress(*raw, gz.get()) && gz->size() < raw->size()) entry->gz = gz;
  }
  entry->raw = raw;
  std::lock_guard<std::mutex> lk(mutex_);
  cache_[relative] = entry;
  return entry;
}

void StaticFiles::preload() {
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string relative = std::filesystem::relative(it->path(), root_, ec).generic_string();
    if (!ec) load(relative, it->path().string());
  }
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
  std::string relative;
  if (!safe_relative_path(req.path, &relative)) return false;
  char root_real[PATH_MAX], file_real[PATH_MAX];
  if (realpath(root_.c_str(), root_real) == nullptr) return false;
  std::string full = root_ + "/" + relative;
  if (realpath(full.c_str(), file_real) == nullptr) return false;
  std::string root_prefix = std::string(root_real) + "/";
  if (std::string(file_real).compare(0, root_prefix.size(), root_prefix) != 0) return false;

  std::shared_ptr<const Entry> entry = load(relative, file_real);
  if (!entry) return false;
  std::string mime = mime_type_for(relative);
  bool html = mime.compare(0, 9, "text/html") == 0;
  res.set_header("Cache-Control", !html && hashed_name(relative) ? "public, max-age=31536000, immutable" : "no-cache");
  if (entry->gz) res.set_header("Vary", "Accept-Encoding");
  bool gzip = entry->gz && accepts_gzip(req);
  // Each representation has its own validator (RFC 9110 §8.8.3): the gzip bytes are not the plain bytes.
  std::string etag = gzip ? entry->etag.substr(0, entry->etag.size() - 1) + "-gz\"" : entry->etag;
  res.set_header("ETag", etag);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    return true;
  }
  std::shared_ptr<const std::string> body = gzip ? entry->gz : entry->raw;
  if (gzip) res.set_header("Content-Encoding", "gzip");
  // A sized content provider is written as is: cpp-httplib would otherwise compress text bodies a
  // second time on every request.
  res.set_content_provider(body->size(), mime.c_str(), [body](size_t offset, size_t length, httplib::DataSink& sink) {
    return sink.write(body->data() + offset, length);
  });
  return true;
}

}  // namespace ssproxy
