# Every Emscripten-specific setting of the wasm configuration lives here.
# Inputs made by scripts/setup.sh: Dear ImGui 1.86 sources (apt-get source imgui) and SDL2 2.26.5
# built for wasm (apt-get source libsdl2); Emscripten's ports cannot be downloaded here.

# One exception policy for the whole wasm build: native wasm exceptions, so a programmer error that
# throws is caught where the code says, not turned into an abort. Expected failures are values anyway.
add_compile_options(-fwasm-exceptions)
# SIMD128 and bulk memory (every browser since 2021, node >= 16): the engine's byte scans use vector
# extensions, and memcpy/memset become single instructions (bench/parse_bench.js: 4 % faster imports).
add_compile_options(-msimd128 -mbulk-memory)
add_link_options(-mbulk-memory)
add_link_options(-fwasm-exceptions)

set(IMGUI_DIR ${STUDENT_SYNC_DEPS}/src/imgui-1.86+ds)
set(SDL2_WASM_DIR ${STUDENT_SYNC_DEPS}/sdl2-wasm)
foreach(required ${IMGUI_DIR}/imgui.cpp ${SDL2_WASM_DIR}/lib/libSDL2.a)
  if(NOT EXISTS ${required})
    message(FATAL_ERROR "${required} is missing: run scripts/setup.sh first")
  endif()
endforeach()

# nlohmann/json is header-only: use Debian's copy, exposing only its own folder (never all of
# /usr/include, whose glibc headers would shadow Emscripten's libc).
set(NLOHMANN_JSON_WASM_INCLUDE ${CMAKE_BINARY_DIR}/nlohmann-json-include)
file(MAKE_DIRECTORY ${NLOHMANN_JSON_WASM_INCLUDE})
file(CREATE_LINK /usr/include/nlohmann ${NLOHMANN_JSON_WASM_INCLUDE}/nlohmann SYMBOLIC)
add_library(nlohmann_json_wasm INTERFACE)
target_include_directories(nlohmann_json_wasm SYSTEM INTERFACE ${NLOHMANN_JSON_WASM_INCLUDE})
add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json_wasm)

add_library(sdl2_wasm INTERFACE)
target_include_directories(sdl2_wasm INTERFACE ${SDL2_WASM_DIR}/include ${SDL2_WASM_DIR}/include/SDL2)
target_link_libraries(sdl2_wasm INTERFACE ${SDL2_WASM_DIR}/lib/libSDL2.a)

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_link_libraries(imgui PUBLIC sdl2_wasm)
# Third-party code: its warnings are not ours to fix.
target_compile_options(imgui PRIVATE -w)
