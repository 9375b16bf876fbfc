// error_explanation.cpp — codes from feishu-bitable-api.md §1.3, §1.5, §7 and the engine's own
// negative codes (core/result.h, exec/retry_policy.h).
#include "report/error_explanation.h"

#include "exec/retry_policy.h"

namespace ss {

const char* explain_error_code(int code) {
  switch (code) {
    case 10003:
    case 10014:
    case 10015: return "App ID 或 App Secret 不正确，请管理员检查代理配置。";
    case 99991661:
    case 99991663:
    case 99991677: return "访问凭证缺失或已过期，重试仍失败时请管理员检查代理。";
    case 99991672: return "应用没有多维表格权限，请在飞书开放平台为应用开通 bitable:app 权限并发布。";
    case 99991400:
    case 1254290:
    case 1254112: return "请求过于频繁，飞书限流；稍后重新上传同一文件即可继续，不会重复。";
    case 1254291: return "有人同时在写这张表（写冲突）；稍后重新上传同一文件即可继续。";
    case 1254607: return "飞书还在处理上一次修改；稍后重新上传同一文件即可继续。";
    case 1255001:
    case 1255002:
    case 1255003:
    case 1255004:
    case 1255005:
    case 1255040: return "飞书服务内部错误或超时；稍后重新上传同一文件即可继续，不会重复。";
    case 1254040:
    case 1254041:
    case 1254302:
    case 1254304:
    case 91403: return "应用无法访问这个多维表格：请把应用添加为多维表格协作者（“…”→“更多”→“添加文档应用”）。";
    case 1254045: return "多维表格里没有这个字段名（名字须完全一致，注意空格），请管理员运行连接检查。";
    case 1254060:
    case 1254061:
    case 1254064:
    case 1254015: return "这一格的值与多维表格字段的类型不符。";
    case 1254072: return "手机号格式不被飞书接受（只能是数字，可带 +）。";
    case 1254067:
    case 1254074: return "关联字段的值无效：关联的学员记录不存在。";
    case 1254104: return "单次写入的记录太多（超过批量上限）。";
    case 1254103: return "数据表的记录数已达上限。";
    case 1255006: return "重复请求被拒绝（client_token 冲突）；重新上传同一文件即可核对并补齐。";
    case kErrNoAnswer: return "没有收到飞书的答复（网络中断或超时），结果未知；重新上传同一文件即可核对并补齐。";
    case kErrHttpStatus: return "代理或飞书返回了无法识别的错误。";
    case kErrStudentNotCreated: return "这一行的学员没能创建，所以学习记录也没有写入。";
    case kErrCancelled: return "同步已取消，这一行没有写入。";
    default: return "飞书拒绝了这次写入；请把错误码告诉管理员。";
  }
}

}  // namespace ss
