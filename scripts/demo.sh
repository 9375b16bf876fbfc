#!/usr/bin/env bash
# demo.sh — the README's demo command: set up this machine, build, and start the emulator, the proxy
# and the page. Prints the URL to open and the demo account. SS_DEMO_PORT chooses the port (8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh --demo
exec node scripts/demo.js
