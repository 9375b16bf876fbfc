// feishu_envelope.cpp — see feishu_envelope.h.
#include "feishu/feishu_envelope.h"

namespace ss {

using nlohmann::json;

Result<nlohmann::json> parse_feishu_envelope(std::string_view body) {
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    std::string head(body.substr(0, 120));
    return Error{kErrBadJson, "飞书返回的内容不是 JSON：" + head};
  }
  auto code = j.find("code");
  if (code == j.end() || !code->is_number_integer()) return Error{kErrBadJson, "飞书返回的 JSON 里没有 code"};
  const int c = code->get<int>();
  if (c != 0) {
    std::string msg;
    if (auto m = j.find("msg"); m != j.end() && m->is_string()) msg = m->get<std::string>();
    if (auto e = j.find("error"); e != j.end() && e->is_object()) {
      if (auto m = e->find("message"); m != e->end() && m->is_string() && !m->get_ref<const std::string&>().empty()) {
        msg += (msg.empty() ? "" : "：") + m->get<std::string>();
      }
    }
    return Error{c, msg.empty() ? "飞书返回错误 " + std::to_string(c) : msg};
  }
  auto data = j.find("data");
  if (data == j.end() || data->is_null()) return json::object();
  if (!data->is_object()) return Error{kErrBadJson, "飞书返回的 data 不是对象"};
  return std::move(*data);
}

}  // namespace ss
