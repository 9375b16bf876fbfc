# env.sh — sourced by the project's scripts: where things are and the Emscripten environment.
# Debian's emcc runs node tools that require('acorn') from /usr/share/nodejs, and its own cache is
# frozen; see ../shared/docs/toolchain.md.
ss_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export EM_CACHE=$ss_root/.deps/em-cache
export SS_BUILD_NATIVE=$ss_root/build/native
export SS_BUILD_WASM=$ss_root/build/wasm
export SS_JOBS=${SS_JOBS:-$(nproc)}
