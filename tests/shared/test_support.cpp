// test_support.cpp — see test_support.h.
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ss::test {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string fixture_path(const std::string& name) { return std::string(SS_TEST_FIXTURES_DIR) + "/" + name; }

std::string read_fixture(const std::string& name) { return read_file(fixture_path(name)); }

}  // namespace ss::test
