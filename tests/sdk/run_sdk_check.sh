#!/usr/bin/env bash
# Starts feishu-emulator on a free port with the demo Base, runs the Node SDK check against it,
# stops the emulator. Usage: run_sdk_check.sh EMULATOR_BINARY DEMO_BASE_JSON CHECK_SCRIPT
set -u
emulator="$1"; base="$2"; script="$3"
out="$(mktemp)"
"$emulator" --base "$base" --port 0 >"$out" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$out"; }
trap cleanup EXIT
port=""
for _ in $(seq 1 200); do
  port="$(sed -n 's#^feishu-emulator listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p' "$out")"
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "feishu-emulator did not start:"; cat "$out"; exit 1
fi
node "$script" "http://127.0.0.1:$port" || exit 1
# SIGTERM must stop the emulator cleanly (exit status 0) and promptly.
kill -TERM "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$pid" 2>/dev/null; then echo "feishu-emulator ignored SIGTERM"; exit 1; fi
wait "$pid"; status=$?
if [ "$status" -ne 0 ]; then echo "feishu-emulator exited with $status after SIGTERM"; cat "$out"; exit 1; fi
echo "feishu-emulator stopped cleanly on SIGTERM"
