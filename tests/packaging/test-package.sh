#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package and the tarball with CPack and proves them from their own file
# trees, without installing anything on this machine:
#   - dpkg-deb --info: name, version, section, homepage; Depends has what dpkg-shlibdeps finds
#     and what is loaded at run time (SQLite driver, SVG plugins, libsecret), and every
#     dependency is a package installed here in a satisfying version (no typo, no wrong name)
#   - dpkg-deb --contents: the programs, .desktop, metainfo, icon, man pages; root-owned, /usr
#   - desktop-file-validate, appstreamcli validate --no-net, the man pages render cleanly
#   - the programs run from the extracted tree: --version, the app's demo smoke run, and
#     suitebench-cli jwt mint against suitebench-emulator --demo, exchanged with curl (200)
#   - every library Qt dlopens while they run belongs to a package named in Depends
#   - the tarball and `cmake --install` into a DESTDIR hold the same files as the .deb
#
# Usage: test-package.sh BUILD_DIR CPACK VERSION SUITEBENCH SUITEBENCH_CLI SUITEBENCH_EMULATOR
set -euo pipefail

if [ $# -ne 6 ]; then
    echo "usage: $0 BUILD_DIR CPACK VERSION SUITEBENCH SUITEBENCH_CLI SUITEBENCH_EMULATOR" >&2
    exit 2
fi
build=$1 cpack=$2 version=$3
built_app=$4 built_cli=$5 built_emulator=$6
app_id=io.github.suitebench.Suitebench

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
ok() { echo "   ok: $*"; }

for b in "$built_app" "$built_cli" "$built_emulator"; do
    [ -x "$b" ] || fail "not built: $b (build the project before running this test)"
done
for tool in dpkg-deb dpkg-shlibdeps desktop-file-validate appstreamcli help2man curl; do
    command -v "$tool" >/dev/null || fail "$tool missing: run packaging/setup-debian.sh"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sb-test-package.XXXXXX")
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The programs must not touch the real home or leave files in the shared /tmp.
mkdir -p "$work/home" "$work/tmp" "$work/runtime"
chmod 700 "$work/runtime"
export HOME="$work/home" TMPDIR="$work/tmp" XDG_RUNTIME_DIR="$work/runtime"
export XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache"
unset DISPLAY WAYLAND_DISPLAY

# --- 1. cpack ------------------------------------------------------------------------------
step "cpack -G DEB;TGZ"
start=$SECONDS
(cd "$build" && "$cpack" -G "DEB;TGZ" -B "$work/out") > "$work/cpack.log" 2>&1 \
    || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
ok "cpack took $((SECONDS - start)) s"
deb="$work/out/suitebench_${version}_$(dpkg --print-architecture).deb"
tgz="$work/out/suitebench-${version}-linux-$(uname -m).tar.gz"
[ -f "$deb" ] || { ls "$work/out" >&2; fail "no $deb"; }
[ -f "$tgz" ] || { ls "$work/out" >&2; fail "no $tgz"; }
ok "$(basename "$deb"), $(basename "$tgz")"

# --- 2. control fields ---------------------------------------------------------------------
step "dpkg-deb --info"
dpkg-deb --info "$deb" | sed 's/^/   /'
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = suitebench ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ "$(field Section)" = devel ] || fail "Section is '$(field Section)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[[ "$(field Homepage)" == https://* ]] || fail "no https Homepage"
[ -n "$(field Description)" ] || fail "no Description"

depends=$(field Depends)
# One name per line; alternatives ("a | b") count for each of their names.
dep_names=$(echo "$depends" | tr ',|' '\n' | sed -E 's/\(.*\)//; s/:any//; s/[[:space:]]//g' \
            | grep -v '^$' | sort -u)
has_dep() { echo "$dep_names" | grep -qx "$1"; }
# dlopened at run time (declared by hand) and linked (found by dpkg-shlibdeps)
for pkg in libqt6sql6-sqlite libqt6svg6 libsecret-1-0 \
           libc6 libstdc++6 libqt6core6 libqt6network6 libqt6widgets6 libqt6gui6 libssl3; do
    has_dep "$pkg" || fail "Depends lacks $pkg: $depends"
done
ok "Depends names the runtime-loaded and the linked libraries' packages"

# Every dependency must be a real package, installed here in a version that satisfies it:
# the programs run below with exactly these packages, so the field is neither a typo nor
# too strict. (Alternatives: one of them must do.)
IFS=',' read -ra items <<< "$depends"
for item in "${items[@]}"; do
    satisfied=no
    IFS='|' read -ra alternatives <<< "$item"
    for alt in "${alternatives[@]}"; do
        alt=$(echo "$alt" | sed -E 's/^[[:space:]]+|[[:space:]]+$//g')
        name=${alt%% *}
        name=${name%:any}
        installed=$(dpkg-query -W -f='${db:Status-Status} ${Version}' "$name" 2>/dev/null || true)
        [ "${installed%% *}" = installed ] || continue
        if [[ "$alt" =~ \(([<>=]+)[[:space:]]*([^\)]+)\) ]]; then
            dpkg --compare-versions "${installed#* }" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" \
                || continue
        fi
        satisfied=yes
        break
    done
    [ "$satisfied" = yes ] || fail "dependency not satisfiable on this machine: '$item'"
done
ok "all ${#items[@]} dependencies are installed here in satisfying versions"

# --- 3. contents ---------------------------------------------------------------------------
step "dpkg-deb --contents"
dpkg-deb --contents "$deb" > "$work/contents.txt"
expected_files=(
    ./usr/bin/suitebench
    ./usr/bin/suitebench-cli
    ./usr/bin/suitebench-emulator
    "./usr/share/applications/$app_id.desktop"
    "./usr/share/metainfo/$app_id.metainfo.xml"
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    ./usr/share/man/man1/suitebench.1.gz
    ./usr/share/man/man1/suitebench-cli.1.gz
    ./usr/share/man/man1/suitebench-emulator.1.gz
    ./usr/share/doc/suitebench/copyright
)
for path in "${expected_files[@]}"; do
    grep -q " ${path}\$" "$work/contents.txt" || { cat "$work/contents.txt" >&2; fail "missing $path"; }
done
awk '{print $6}' "$work/contents.txt" | grep -v '^\./$' | grep -v '^\./usr/' \
    && fail "files outside /usr"
awk '{print $2}' "$work/contents.txt" | grep -v '^root/root$' && fail "files not owned by root"
for b in suitebench suitebench-cli suitebench-emulator; do
    grep -q "^-rwxr-xr-x .* \./usr/bin/$b\$" "$work/contents.txt" || fail "/usr/bin/$b not 0755"
done
ok "${#expected_files[@]} expected files, all under /usr, root-owned, programs 0755"

x="$work/root"
dpkg-deb -x "$deb" "$x"

# --- 4. desktop entry, metainfo, icon, man pages -----------------------------------------
step "desktop-file-validate"
desktop="$x/usr/share/applications/$app_id.desktop"
desktop-file-validate "$desktop" 2>&1 | sed 's/^/   /'
desktop-file-validate "$desktop" > /dev/null || fail "desktop-file-validate"
grep -qx "Icon=$app_id" "$desktop" || fail "Icon= is not $app_id"
exec_program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n 1)
[ -x "$x/usr/bin/$exec_program" ] || fail "Exec=$exec_program is not a packaged program"
ok "valid; Icon and Exec point at packaged files"

step "appstreamcli validate --no-net"
metainfo="$x/usr/share/metainfo/$app_id.metainfo.xml"
appstreamcli validate --no-net "$metainfo" 2>&1 | sed 's/^/   /'
appstreamcli validate --no-net "$metainfo" > /dev/null || fail "appstreamcli validate"
appstreamcli validate-tree --no-net "$x/usr" 2>&1 | sed 's/^/   /'
appstreamcli validate-tree --no-net "$x/usr" > /dev/null || fail "appstreamcli validate-tree"
grep -q "<id>$app_id</id>" "$metainfo" || fail "metainfo id is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    || fail "metainfo launchable is not $app_id.desktop"
newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
[ "$newest" = "$version" ] || fail "newest metainfo release is $newest, the package is $version"
grep -q '<screenshot' "$metainfo" || fail "no screenshots"
grep -q '<release [^>]*date="' "$metainfo" || fail "release without a date"
ok "valid; newest release is $version"

step "icon"
icon="$x/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
grep -q '<svg' "$icon" || fail "icon is not an SVG"
grep -q 'viewBox=' "$icon" || fail "icon has no viewBox (not scalable)"
ok "scalable SVG"

step "man pages"
for page in suitebench suitebench-cli suitebench-emulator; do
    f="$x/usr/share/man/man1/$page.1.gz"
    gzip -t "$f" || fail "$page.1.gz is not gzip"
    zcat "$f" | grep -q "^\.TH \"\\?${page^^}\"\\? \"\\?1\"\\?" || fail "$page.1 has no .TH ${page^^} 1"
    zcat "$f" | grep -q "$version" || fail "$page.1 does not name version $version"
    warnings=$(zcat "$f" | groff -k -man -Tutf8 -ww -z 2>&1 || true)
    [ -z "$warnings" ] || fail "$page.1: groff warnings: $warnings"
done
zcat "$x/usr/share/man/man1/suitebench-cli.1.gz" | grep -qi 'exit codes' || fail "cli page lacks exit codes"
zcat "$x/usr/share/man/man1/suitebench-cli.1.gz" | grep -q 'jwt mint' || fail "cli page lacks commands"
zcat "$x/usr/share/man/man1/suitebench-emulator.1.gz" | grep -q 'clockSkewSeconds' \
    || fail "emulator page lacks its settings table"
ok "3 pages, gzip, render without groff warnings"

# --- 5. the programs run from the package's tree -------------------------------------------
step "programs from the extracted tree"
for b in suitebench suitebench-cli suitebench-emulator; do
    f="$x/usr/bin/$b"
    # Qt's standard project setup gives $ORIGIN:$ORIGIN/../lib; nothing absolute (build tree)
    rpath=$(readelf -d "$f" | sed -n 's/.*R\(UN\)\{0,1\}PATH.*\[\(.*\)\]/\2/p')
    for entry in ${rpath//:/ }; do
        # shellcheck disable=SC2016 # a literal $ORIGIN
        [[ "$entry" == '$ORIGIN'* ]] || fail "$b has an absolute RPATH/RUNPATH entry: $entry"
    done
    missing=$(ldd "$f" | grep 'not found' || true)
    [ -z "$missing" ] || fail "$b: unresolved libraries: $missing"
done
ok "no RPATH into the build tree (only \$ORIGIN-relative); every linked library resolves"

check_version() {   # program expected-output [env...]
    local program=$1 expected=$2 out
    shift 2
    out=$(env "$@" timeout 30 "$x/usr/bin/$program" --version 2>/dev/null) \
        || fail "$program --version failed"
    [ "$out" = "$expected" ] || fail "$program --version printed '$out', expected '$expected'"
    ok "$program --version: $out"
}
check_version suitebench-cli "suitebench-cli $version"
check_version suitebench-emulator "suitebench-emulator $version"
check_version suitebench "suitebench $version" QT_QPA_PLATFORM=offscreen

# The library trace: which files Qt dlopens (plugins, libssl, libsecret, …) while it runs.
trace_env=(LD_DEBUG=files)

step "suitebench --demo --smoke (offscreen) from the extracted tree"
env "${trace_env[@]}" LD_DEBUG_OUTPUT="$work/ld-app" QT_QPA_PLATFORM=offscreen \
    timeout 90 "$x/usr/bin/suitebench" --demo --smoke > "$work/app.out" 2>&1 \
    || { cat "$work/app.out" >&2; fail "suitebench --demo --smoke"; }
ok "$(tail -n 1 "$work/app.out")"

step "suitebench-cli jwt mint against suitebench-emulator --demo, both from the extracted tree"
env "${trace_env[@]}" LD_DEBUG_OUTPUT="$work/ld-emulator" \
    "$x/usr/bin/suitebench-emulator" --demo --port 0 > "$work/emulator.out" 2> "$work/emulator.err" &
pids+=($!)
for _ in $(seq 1 200); do
    grep -q '"token_url"' "$work/emulator.out" 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$work/emulator.err" >&2; fail "emulator exited"; }
    sleep 0.1
done
line=$(head -n 1 "$work/emulator.out")
json() { echo "$line" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
token_url=$(json token_url) client_id=$(json client_id) cert_id=$(json cert_id)
key_file=$(json private_key_file) account=$(json account) suiteql_url=$(json suiteql_url)
if [ -z "$token_url" ] || [ -z "$client_id" ] || [ -z "$cert_id" ] || [ -z "$key_file" ]; then
    fail "emulator's first line lacks token_url/client_id/cert_id/private_key_file: $line"
fi
ok "emulator at $(json base_url)"

assertion=$(timeout 30 "$x/usr/bin/suitebench-cli" jwt mint --account "$account" \
            --client-id "$client_id" --cert-id "$cert_id" --key "$key_file") \
    || fail "suitebench-cli jwt mint"
status=$(curl -sS --max-time 20 -o "$work/token.json" -w '%{http_code}' \
         --data-urlencode grant_type=client_credentials \
         --data-urlencode client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
         --data-urlencode "client_assertion=$assertion" "$token_url") || fail "curl token"
[ "$status" = 200 ] || fail "token exchange: HTTP $status: $(cat "$work/token.json")"
access_token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$work/token.json")
[ -n "$access_token" ] || fail "no access_token in $(cat "$work/token.json")"
ok "the minted assertion was exchanged: HTTP 200 with an access token"

# A SuiteQL call reads the emulator's SQLite database through the Qt SQLite driver plugin.
status=$(curl -sS --max-time 20 -o "$work/suiteql.json" -w '%{http_code}' \
         -H "Authorization: Bearer $access_token" -H 'Prefer: transient' \
         -H 'Content-Type: application/json' \
         --data '{"q":"SELECT id FROM customer WHERE ROWNUM <= 1"}' "$suiteql_url") \
    || fail "curl suiteql"
[ "$status" = 200 ] || fail "SuiteQL: HTTP $status: $(cat "$work/suiteql.json")"
ok "SuiteQL with the access token: HTTP 200"

kill "${pids[-1]}"
wait "${pids[-1]}" 2>/dev/null || true
pids=()

# --- 6. what was dlopened is declared ------------------------------------------------------
step "libraries loaded at run time belong to declared packages"
# ld.so's trace has, per dlopen(), "file=NAME [0];  dynamically loaded by LOADER [0]" (also
# for names that are then not found, such as Debian Qt's *.so.avx2 tries) and, when it
# succeeds, "opening file=PATH [0]; direct_opencount=N": pair each PATH with its LOADER.
for trace in "$work"/ld-app.* "$work"/ld-emulator.*; do
    awk '/dynamically loaded by/ { l = $0; sub(/.*dynamically loaded by /, "", l); sub(/ .*/, "", l) }
         /opening file=/ { f = $0; sub(/.*opening file=/, "", f); sub(/ .*/, "", f); print f, l }' \
        "$trace"
done | sort -u > "$work/dlopened.txt"
[ -s "$work/dlopened.txt" ] || fail "no trace of dynamically loaded libraries"
grep -q 'sqldrivers/libqsqlite' "$work/dlopened.txt" || fail "the SQLite driver was not loaded"
while read -r file loader; do
    # Only what Qt or our programs load by name; a library's own dlopens (glvnd, NSS) are
    # that library's package's business.
    case "$loader" in
        */libQt6*|*/suitebench|*/suitebench-cli|*/suitebench-emulator) ;;
        *) continue ;;
    esac
    real=$(readlink -f "$file")
    owner=$(dpkg -S "$real" 2>/dev/null || dpkg -S "$file" 2>/dev/null || true)
    owner=${owner%%:*}
    [ -n "$owner" ] || fail "$file (loaded by $loader) belongs to no package"
    case "$file" in
        # optional desktop integrations: used when present, never needed
        */platformthemes/*|*/platforminputcontexts/*|*/styles/*|*/wayland-*|*/xcbglintegrations/*)
            echo "   optional: $file ($owner)"; continue ;;
    esac
    has_dep "$owner" || fail "$file is loaded at run time but its package $owner is not in Depends"
    echo "   $(basename "$file") <- $owner"
done < "$work/dlopened.txt"
ok "every library Qt loaded by name comes from a package in Depends"

# --- 7. the tarball and a DESTDIR install hold the same files ------------------------------
step "tarball"
top="suitebench-${version}-linux-$(uname -m)"
sed -n 's|.* \./usr/\(.*[^/]\)$|\1|p' "$work/contents.txt" | sort > "$work/deb-files.txt"
tar -tzf "$tgz" | grep -v '/$' | sed "s|^$top/||" | sort > "$work/tgz-files.txt"
diff -u "$work/deb-files.txt" "$work/tgz-files.txt" || fail "the tarball's files differ from the .deb's"
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
out=$(timeout 30 "$work/tgz/$top/bin/suitebench-cli" --version) || fail "tarball's suitebench-cli"
[ "$out" = "suitebench-cli $version" ] || fail "tarball's suitebench-cli --version: $out"
ok "same $(wc -l < "$work/deb-files.txt") files as the .deb; bin/suitebench-cli runs"

step "cmake --install into a DESTDIR"
DESTDIR="$work/destdir" "$(dirname "$cpack")/cmake" --install "$build" --prefix /usr > "$work/install.log" 2>&1 \
    || { cat "$work/install.log" >&2; fail "cmake --install"; }
(cd "$work/destdir/usr" && find . -type f -o -type l | sed 's|^\./||' | sort) > "$work/destdir-files.txt"
diff -u "$work/deb-files.txt" "$work/destdir-files.txt" || fail "DESTDIR install differs from the .deb"
ok "same files as the .deb"

echo "PASS: $(basename "$deb") and $(basename "$tgz") in $SECONDS s"
