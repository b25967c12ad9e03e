#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs every Debian 12 package Suitebench needs to build, test and run.
# The single source of dependencies: the README's commands and .ci/run call this.
# Runs `apt-get update` only when something is missing; does nothing when all is present.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools
    qt6-httpserver-dev qt6-websockets-dev
    qtkeychain-qt6-dev libssl-dev libexpected-dev libsqlite3-dev
    # clang toolchain: fuzzing, sanitizers, static analysis, formatting
    clang-14 libclang-rt-14-dev clang-tidy-14 clang-format-14
    # loaded at run time (not found by the linker)
    libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins libsecret-1-0
    # the desktop app: SVG icons (Qt6::Svg headers and CMake config)
    qt6-svg-dev
    # tests: real openssl and age for interop, headless X, a throw-away keyring
    openssl ca-certificates age xvfb xauth dbus gnome-keyring util-linux
    # packaging and screenshots
    desktop-file-utils appstream imagemagick help2man dpkg-dev file
    # tests/packaging: a token call against the emulator, man page lint
    curl groff-base
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#packages[@]} packages present"
    exit 0
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
