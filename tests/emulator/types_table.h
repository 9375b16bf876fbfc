// types_table.h: a table with one field of every supported type, for value and filter tests.
#pragma once

#include "emulator_harness.h"

namespace emulator_test {

inline std::string create_types_table(Emulator& emu) {
  const json fields = json::array({
      {{"field_name", "文本"}, {"type", 1}},
      {{"field_name", "数字"}, {"type", 2}},
      {{"field_name", "单选"}, {"type", 3}, {"property", {{"options", {{{"name", "在读"}}}}}}},
      {{"field_name", "多选"}, {"type", 4}},
      {{"field_name", "日期"}, {"type", 5}},
      {{"field_name", "勾选"}, {"type", 7}},
      {{"field_name", "电话"}, {"type", 13}},
      {{"field_name", "网址"}, {"type", 15}},
      {{"field_name", "单向"}, {"type", 18}, {"property", {{"table_id", kStudents}}}},
      {{"field_name", "双向"}, {"type", 21}, {"property", {{"table_id", kStudents}, {"back_field_name", "类型表"}}}},
      {{"field_name", "创建时间"}, {"type", 1001}},
      {{"field_name", "修改时间"}, {"type", 1002}},
  });
  Reply r = emu.post(std::string("/open-apis/bitable/v1/apps/") + kApp + "/tables",
                     {{"table", {{"name", "类型表"}, {"fields", fields}}}});
  EXPECT_EQ(r.code(), 0) << r.raw;
  return r.code() == 0 ? r.data()["table_id"].get<std::string>() : "";
}

}  // namespace emulator_test
