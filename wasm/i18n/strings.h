// strings.h — every string the page shows, Chinese first, English second, in one X-macro table so an
// id can never be out of step with its text.
// The CJK font atlas is built from this table (plus the loaded file and the proxy's answers), so a
// string added here can never render as '?' for lack of a glyph.
#pragma once

#include <string>

namespace ss::app {

enum class Language { Chinese, English };

// X(id, 中文, English). Entries with % are printf formats; keep the same arguments in both languages.
#define SS_UI_TEXTS(X)                                                                                   \
  X(AppTitle, "学员信息同步", "Student Sync")                                                            \
  X(LanguageToggle, "English", "中文")                                                                   \
  X(FontLoading, "正在加载中文字体…", "Loading the CJK font…")                                           \
  X(SignInTitle, "员工登录", "Staff sign-in")                                                            \
  X(Username, "账号", "Account")                                                                         \
  X(Password, "密码", "Password")                                                                        \
  X(SignIn, "登录", "Sign in")                                                                           \
  X(SigningIn, "正在登录…", "Signing in…")                                                               \
  X(SignOut, "退出登录", "Sign out")                                                                     \
  X(SignedInAs, "已登录：%s", "Signed in: %s")                                                           \
  X(SignInFailed, "登录失败：%s", "Sign-in failed: %s")                                                  \
  X(ProxyUp, "代理：已连接", "Proxy: reachable")                                                         \
  X(ProxyDown, "代理：无法连接（请检查网络或联系管理员）", "Proxy: unreachable (check the network or ask the admin)") \
  X(ProxyUnknown, "代理：检查中…", "Proxy: checking…")                                                   \
  X(FeishuOk, "飞书：连接正常", "Feishu: connection OK")                                                 \
  X(FeishuFailed, "飞书：连接有问题", "Feishu: connection problem")                                      \
  X(FeishuChecking, "飞书：检查中…", "Feishu: checking…")                                                \
  X(RunCheck, "检查连接", "Check connection")                                                            \
  X(UploadCsv, "上传CSV文件", "Upload CSV file")                                                         \
  X(UploadHint, "选择或拖入从小鹅通导出的学员 CSV 文件。文件只在本机浏览器里读取，确认前不会写入任何数据。", \
    "Choose or drop a student CSV exported from Xiaoe-tong. It is read in this browser; nothing is written before you confirm.") \
  X(FileReceived, "文件：%s（%s 字节）", "File: %s (%s bytes)")                                          \
  X(FileSummary, "编码 %s，分隔符 %s，%d 行数据", "Encoding %s, delimiter %s, %d data rows")              \
  X(FileError, "无法读取这个文件：", "This file cannot be read:")                                        \
  X(Mapping, "列对应关系", "Column mapping")                                                             \
  X(MappingColumn, "表格字段", "Bitable field")                                                          \
  X(MappingSource, "来自文件的列", "From file column")                                                   \
  X(MappingAuto, "（自动识别）", "(detect)")                                                             \
  X(MappingNone, "（不导入）", "(do not import)")                                                        \
  X(FixedCourse, "整份文件的课程", "Course for the whole file")                                          \
  X(FixedDate, "整份文件的学习日期（如 2024-03-01）", "Date for the whole file (e.g. 2024-03-01)")       \
  X(KnownCourses, "已有课程", "Existing courses")                                                        \
  X(Apply, "应用", "Apply")                                                                              \
  X(Issues, "问题与提醒（%d）", "Problems and warnings (%d)")                                            \
  X(ReadingTables, "正在读取多维表格的现有数据…", "Reading the current Bitable data…")                  \
  X(TablesReadFailed, "读取多维表格失败：", "Reading Bitable failed:")                                   \
  X(Retry, "重试", "Retry")                                                                              \
  X(PreviewTitle, "同步预览（尚未写入任何数据）", "Preview (nothing written yet)")                       \
  X(CountNewStudents, "新学员", "New students")                                                          \
  X(CountUpdates, "需更新", "To update")                                                                 \
  X(CountNewRecords, "新学习记录", "New learning records")                                               \
  X(CountSkipped, "重复跳过", "Duplicates skipped")                                                      \
  X(CountRejected, "错误行", "Rejected rows")                                                            \
  X(ApiCalls, "预计写入调用 %d 次（读取已用 %d 次）", "About %d write calls (reading took %d)")          \
  X(Conflicts, "同一用户ID的不同信息", "Differing data per user ID")              \
  X(StartSync, "开始同步", "Start sync")                                                                 \
  X(NothingToSync, "没有需要写入的内容", "Nothing to write")                                             \
  X(ChooseAnother, "换一个文件", "Choose another file")                                                  \
  X(ColLine, "行号", "Line")                                                                             \
  X(ColUserId, "用户ID", "User ID")                                                                      \
  X(ColNickname, "昵称", "Nickname")                                                                     \
  X(ColPhone, "手机号", "Phone")                                                                         \
  X(ColCourse, "课程", "Course")                                                                         \
  X(ColDate, "学习日期", "Date")                                                                         \
  X(ColField, "字段", "Field")                                                                           \
  X(ColOldNew, "原值 → 新值", "Old → new")                                                               \
  X(ColReason, "原因", "Reason")                                                                         \
  X(ColStudent, "学员", "Student")                                                                       \
  X(ColResult, "结果", "Result")                                                                         \
  X(Empty, "（空）", "(empty)")                                                                          \
  X(Syncing, "正在同步…", "Syncing…")                                                                    \
  X(ProgressLine, "正在处理第 %d / %d 条记录…", "Processing record %d of %d…")                          \
  X(Cancel, "取消", "Cancel")                                                                            \
  X(Cancelling, "正在取消：当前批次完成后停止…", "Cancelling after the current batch…")                  \
  X(ReportTitle, "同步报告", "Sync report")                                                              \
  X(ReportDone, "处理完毕！", "Done!")                                                                   \
  X(ReportCancelled, "已取消：以下是取消前完成的部分。再次上传同一文件即可继续，不会重复。",             \
    "Cancelled: below is what was done. Upload the same file again to continue; nothing is duplicated.") \
  X(ReportFailures, "失败的行（%d）", "Failed rows (%d)")                                                \
  X(DownloadReport, "下载逐行结果（CSV）", "Download per-row results (CSV)")                             \
  X(PerCourse, "各课程新增学习记录", "New learning records per course")                                  \
  X(SyncAgain, "同步另一个文件", "Sync another file")                                                   \
  X(DemoTables, "演示：查看模拟器中的两张表", "Demo: show the emulated tables")                          \
  X(Refresh, "刷新", "Refresh")                                                                          \
  X(LinkedRecords, "学习记录", "Learning records")                                                       \
  X(Phase, "阶段", "Phase")                                                                              \
  X(SkipInBitable, "已在学习记录表中（%s）", "Already in the learning records (%s)")                     \
  X(SkipRepeatOf, "与第%d行重复", "Repeats line %d")                                                     \
  X(LineRef, "（第%d行）", " (line %d)")

enum class Text {
#define SS_TEXT_ID(id, zh, en) id,
  SS_UI_TEXTS(SS_TEXT_ID)
#undef SS_TEXT_ID
  kCount
};

const char* tr(Language language, Text text);

// Every string of every language, concatenated: the glyphs the UI itself needs.
std::string all_ui_text();

}  // namespace ss::app
