#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# clang-tidy-14 over the security-critical libraries with the curated checks in .clang-tidy
# (the nested files in lib/crypto, lib/jwt and lib/netsuite make every warning an error).
# Usage: tools/clang-tidy.sh BUILD_DIR [FOLDER...]   (BUILD_DIR holds compile_commands.json;
# a clang build such as build/fuzz is best, since the flags are clang's)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: tools/clang-tidy.sh BUILD_DIR [FOLDER...]}"
shift
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(lib/crypto lib/jwt lib/netsuite)
if [ ! -f "$build/compile_commands.json" ]; then
    echo "clang-tidy: $build/compile_commands.json is missing; configure that build first" >&2
    exit 2
fi
files=()
for folder in "${folders[@]}"; do
    while IFS= read -r f; do files+=("$f"); done < <(find "$root/$folder" -name '*.cpp' | sort)
done
echo "clang-tidy: ${#files[@]} files in ${folders[*]}"
printf '%s\n' "${files[@]}" \
    | xargs -P "$(nproc)" -n 4 clang-tidy-14 -p "$build" --quiet 2> >(grep -v -E '^[0-9]+ warnings? generated|^Suppressed|^Use -header-filter' >&2)
echo "clang-tidy: clean"
