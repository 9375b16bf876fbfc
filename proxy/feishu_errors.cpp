// feishu_errors.cpp — see feishu_errors.h. Codes and meanings: docs/feishu-bitable-api.md §1.3, §1.5, §7.
#include "feishu_errors.h"

namespace ssproxy {

std::string explain_feishu_code(int64_t code, int http_status, const std::string& msg) {
  std::string tail = "（飞书 code=" + std::to_string(code) + (msg.empty() ? "" : "，" + msg) + "）";
  switch (code) {
    case 10003:
    case 10014:
    case 10015:
      return "App ID 或 App Secret 不正确" + tail +
             "：请在飞书开放平台「凭证与基础信息」核对，更新 .env 中的 FEISHU_APP_ID / FEISHU_APP_SECRET 后重启代理；并确认应用已发布。";
    case 1254040:
    case 91403:
    case 1254302:
    case 1254304:
      return "应用未被添加为多维表格协作者，或没有编辑权限" + tail +
             "：打开多维表格 → 右上角「…」→「更多」→「添加文档应用」，添加本应用并给「可编辑」权限；同时确认配置中的 app_token 正确。";
    case 1254041:
      return "找不到这张数据表" + tail +
             "：配置中的 table_id 不属于这个多维表格。请运行 student-sync-proxy setup-tables --config <配置文件> 重新建表/写入 table_id。";
    case 1254045:
      return "字段名不存在" + tail + "：请确认配置中的字段名与多维表格中的完全一致（包括空格），或运行 setup-tables 补齐字段。";
    case 99991672:
    case 99991679:
      return "应用缺少多维表格权限" + tail +
             "：在飞书开放平台「权限管理」开通 bitable:app（查看、评论、编辑和管理多维表格），然后发布新版本。";
    case 99991661:
    case 99991663:
    case 99991664:
      return "访问令牌无效" + tail + "：代理已自动重新获取一次仍失败；请确认 App ID/Secret 属于这个企业的自建应用。";
    case 99991400:
    case 1254290:
    case 1254112:
      return "请求太频繁，被飞书限流" + tail + "：稍等几秒再试。";
    case 1254291:
      return "写入冲突" + tail + "：同一张表有另一个写入正在进行，稍后重试。";
    case -502:
      return "连不上飞书" + tail + "：请检查本机网络、防火墙/代理设置，以及配置中的 feishu_base_url。";
    default:
      break;
  }
  if (http_status == 403)
    return "没有权限" + tail + "：请把应用添加为多维表格协作者（「…」→「更多」→「添加文档应用」）并给予可编辑权限。";
  return "飞书返回错误" + tail + "：请对照飞书开放平台错误码文档处理。";
}

}  // namespace ssproxy
