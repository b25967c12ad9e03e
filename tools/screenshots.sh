#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts `suitebench --demo` under Xvfb and saves a screenshot of each main screen (request,
# SuiteQL, JWT inspector with a broken assertion's findings, timeline, dark palette, the setup
# wizard's pages, a 100 MiB response, the environment manager and export dialog) into
# docs/screenshots/, plus a root-window capture with ImageMagick's `import` as a cross-check.
# Usage: tools/screenshots.sh [build-dir]   (default: build/default)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/default}"
app="$build/app/gui/suitebench"
out="$root/docs/screenshots"
if [ ! -x "$app" ]; then
    echo "screenshots: $app not found; build the 'suitebench' target first" >&2
    exit 1
fi
mkdir -p "$out"
export QT_QPA_PLATFORM=xcb
# One X server for the whole run: the app grabs each screen itself, `import` takes a last look.
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    set -e
    "$1" --demo --screenshots "$2" &
    pid=$!
    sleep 3
    import -window root "$2/00-first-screen-import.png" || true
    wait $pid
' _ "$app" "$out"
ls -1 "$out"
