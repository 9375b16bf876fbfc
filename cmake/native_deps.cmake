# Native-only third-party libraries, all from Debian packages (scripts/setup.sh installs them).
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)

# Debian's libcpp-httplib-dev is a compiled library built with OpenSSL, zlib and brotli support;
# every includer must see the same defines or the class layouts disagree.
find_library(CPP_HTTPLIB_LIBRARY NAMES cpp-httplib REQUIRED)
add_library(httplib_debian INTERFACE)
target_link_libraries(httplib_debian INTERFACE ${CPP_HTTPLIB_LIBRARY} OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB Threads::Threads)
target_compile_definitions(httplib_debian INTERFACE
  CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT)
