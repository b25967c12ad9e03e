# SPDX-License-Identifier: MIT
# run-with-keyring.sh: invoked as `sh run-with-keyring.sh <test binary> [args]`
# Runs "$@" inside a private D-Bus session with an unlocked, throw-away gnome-keyring
# (reliability doc §4.1): private HOME/XDG dirs so a developer's login keyring is never
# touched, no DISPLAY so no graphical prompter can hang the test.
set -eu
KC="$(mktemp -d)"
trap 'rm -rf "$KC"' EXIT
mkdir -m 700 "$KC/run" "$KC/data"
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    HOME="$KC" XDG_DATA_HOME="$KC/data" XDG_RUNTIME_DIR="$KC/run" \
    timeout 60 dbus-run-session -- sh -c \
    'printf %s ci-only-password | gnome-keyring-daemon --unlock --components=secrets >&2 && exec "$@"' sh "$@"
