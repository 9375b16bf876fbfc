#!/usr/bin/env bash
# setup.sh — make this machine able to build, test and demo Student Sync. Idempotent: every step checks
# whether it is already done, so a second run finishes in seconds.
#
# What it does (Debian 12; everything from Debian's packages and the npm registry):
#   1. apt packages (Emscripten, libraries, Chromium, CJK font), enabling deb-src on the existing
#      Debian entry when source packages are needed;
#   2. Dear ImGui and SDL2 sources via `apt-get source` into .deps/src;
#   3. a writable Emscripten cache in .deps/em-cache (Debian's is frozen);
#   4. SDL2 built for wasm into .deps/sdl2-wasm;
#   5. npm packages pinned by package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
deps=$root/.deps
source scripts/env.sh

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(
  build-essential cmake pkg-config dpkg-dev
  emscripten
  nlohmann-json3-dev libcpp-httplib-dev libssl-dev libsqlite3-dev zlib1g-dev libbrotli-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  chromium fonts-wqy-microhei python3

)

# --- 1. apt -------------------------------------------------------------------------------------
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

need_sources=0
[ -d "$deps/src/imgui-1.86+ds" ] && [ -d "$deps/src/libsdl2-2.26.5+dfsg" ] || need_sources=1

sources_file=/etc/apt/sources.list.d/debian.sources
if [ "$need_sources" = 1 ] && ! grep -qE '^Types:.*deb-src' "$sources_file" 2>/dev/null; then
  # Reuse the machine's own Debian entry (and its mirror) for source packages: the first
  # `Types: deb` stanza is the main archive.
  log "enabling deb-src on the existing Debian entry in $sources_file"
  as_root sed -i '0,/^Types: deb$/s//Types: deb deb-src/' "$sources_file"
  apt_updated=0
fi

if [ "${#missing[@]}" -gt 0 ] || [ "${apt_updated:-1}" = 0 ]; then
  log "apt-get update"
  as_root apt-get update -q
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- 2. ImGui and SDL2 sources --------------------------------------------------------------------
if [ "$need_sources" = 1 ]; then
  log "fetching Dear ImGui and SDL2 source packages"
  mkdir -p "$deps/src"
  (cd "$deps/src" && apt-get source -q imgui libsdl2 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  [ -d "$deps/src/imgui-1.86+ds" ] && [ -d "$deps/src/libsdl2-2.26.5+dfsg" ] || {
    echo "setup: apt-get source did not give imgui-1.86+ds and libsdl2-2.26.5+dfsg in $deps/src" >&2; exit 1; }
fi

# --- 3. writable Emscripten cache -----------------------------------------------------------------
if [ ! -e "$EM_CACHE/.copied-from-debian" ]; then
  log "copying Emscripten's frozen cache to $EM_CACHE"
  rm -rf "$EM_CACHE" && mkdir -p "$EM_CACHE"
  cp -r /usr/share/emscripten/cache/. "$EM_CACHE/"
  touch "$EM_CACHE/.copied-from-debian"
fi

# --- 4. SDL2 for wasm -----------------------------------------------------------------------------
if [ ! -f "$deps/sdl2-wasm/lib/libSDL2.a" ]; then
  log "building SDL2 for wasm (one to a few minutes)"
  rm -rf "$deps/sdl2-wasm-build"
  emcmake cmake -S "$deps/src/libsdl2-2.26.5+dfsg" -B "$deps/sdl2-wasm-build" -DCMAKE_BUILD_TYPE=Release \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$deps/sdl2-wasm" > "$deps/sdl2-wasm.log"
  cmake --build "$deps/sdl2-wasm-build" -j"$(nproc)" >> "$deps/sdl2-wasm.log"
  cmake --install "$deps/sdl2-wasm-build" >> "$deps/sdl2-wasm.log"
fi

# --- 5. npm packages (node and npm come with the machine, not from apt: Debian's nodejs conflicts) ------------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.ss-installed; then
  log "npm ci"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.ss-installed
fi

log "ready"
