# Registers the wasm unit suites (built by the wasm configuration, see tests/wasm/CMakeLists.txt) with
# the native CTest. Node 20 needs --no-experimental-fetch to load an emcc-built .js from a file path.
set(STUDENT_SYNC_WASM_BUILD ${STUDENT_SYNC_ROOT}/build/wasm CACHE PATH "The wasm configuration's build tree")
find_program(NODE_EXECUTABLE node REQUIRED)
foreach(suite shared_tests_wasm exec_tests_wasm)
  add_test(NAME wasm.${suite}
           COMMAND ${NODE_EXECUTABLE} --no-experimental-fetch ${STUDENT_SYNC_WASM_BUILD}/tests-wasm/${suite}.js)
  set_tests_properties(wasm.${suite} PROPERTIES LABELS wasm TIMEOUT 300)
endforeach()
