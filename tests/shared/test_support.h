// test_support.h — file reading and fixture paths for the engine's tests (tests may do I/O; shared/ may not).
#pragma once

#include <string>

namespace ss::test {

// Whole file as bytes; fails the current test (ADD_FAILURE) and returns "" when it cannot be read.
std::string read_file(const std::string& path);

// tests/shared/fixtures/<name> (the project's copy of ../shared/fixtures).
std::string fixture_path(const std::string& name);
std::string read_fixture(const std::string& name);

}  // namespace ss::test
