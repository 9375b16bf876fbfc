#include "transport/transport.h"

#include <algorithm>
#include <cctype>

namespace ss {

std::string HttpResponse::header(const std::string& name) const {
  auto same = [](const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const HttpHeader& h : headers)
    if (same(h.name, name)) return h.value;
  return {};
}

}  // namespace ss
