// http_transport.cpp — see http_transport.h.
#include "http_transport.h"

#include <cctype>

#include <httplib.h>

namespace ss {

namespace {

bool iequals(const std::string& a, const char* b) {
  size_t i = 0;
  for (; i < a.size() && b[i]; ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return i == a.size() && !b[i];
}

}  // namespace

Result<std::unique_ptr<HttplibTransport>> HttplibTransport::create(const std::string& base_url, HttpTimeouts t) {
  const auto scheme_end = base_url.find("://");
  if (scheme_end == std::string::npos || (base_url.compare(0, scheme_end, "http") != 0 && base_url.compare(0, scheme_end, "https") != 0)) {
    return Error{kErrBadValue, "地址应以 http:// 或 https:// 开头：" + base_url};
  }
  const auto path_start = base_url.find('/', scheme_end + 3);
  const std::string origin = base_url.substr(0, path_start);
  std::string prefix = path_start == std::string::npos ? std::string() : base_url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (origin.size() <= scheme_end + 3) return Error{kErrBadValue, "地址里没有主机名：" + base_url};
  std::unique_ptr<HttplibTransport> out(new HttplibTransport());
  out->client_ = std::make_unique<httplib::Client>(origin);
  if (!out->client_->is_valid()) return Error{kErrBadValue, "无法使用这个地址：" + base_url};
  out->client_->set_connection_timeout(t.connect_s, 0);
  out->client_->set_read_timeout(t.read_s, 0);
  out->client_->set_write_timeout(t.write_s, 0);
  out->client_->set_keep_alive(true);
  out->prefix_ = prefix;
  return out;
}

HttplibTransport::~HttplibTransport() = default;

void HttplibTransport::set_header(const std::string& name, const std::string& value) {
  for (auto& h : headers_) {
    if (h.name == name) {
      h.value = value;
      return;
    }
  }
  headers_.push_back({name, value});
}

void HttplibTransport::send(HttpRequest request, Callback on_done) {
  httplib::Headers headers;
  std::string content_type = "application/json; charset=utf-8";
  for (const auto& h : headers_) headers.emplace(h.name, h.value);
  for (const auto& h : request.headers) {
    if (iequals(h.name, "Content-Type")) content_type = h.value;
    else headers.emplace(h.name, h.value);
  }
  const std::string path = prefix_ + request.path;
  httplib::Result r = request.method == "GET"      ? client_->Get(path.c_str(), headers)
                      : request.method == "DELETE" ? client_->Delete(path.c_str(), headers, request.body, content_type.c_str())
                      : request.method == "PUT"    ? client_->Put(path.c_str(), headers, request.body, content_type.c_str())
                                                   : client_->Post(path.c_str(), headers, request.body, content_type.c_str());
  HttpResponse out;
  if (!r) {
    out.status = 0;
    out.transport_error = httplib::to_string(r.error());
    // A dropped keep-alive connection must not poison the next call.
    client_->stop();
  } else {
    out.status = r->status;
    out.body = std::move(r->body);
    for (const auto& [name, value] : r->headers) out.headers.push_back({name, value});
  }
  on_done(std::move(out));
}

}  // namespace ss
