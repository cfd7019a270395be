#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of staff, refunds and after-sales (issue 6) on a demo station
# filled by th-aftersales-seed, under Xvfb:
#
#   build-aux/screenshots-aftersales.sh [OUTDIR] [SHOT...]
#
# SHOT is refund, ledger, monthly, sign-in or case (all by default). Each is
# taken in English as OUTDIR/SHOT.png and in Chinese as OUTDIR/SHOT-zh_CN.png:
# the counter window, or for refund and case the dialog alone (Xvfb has no
# window manager to place a dialog over its window).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TIHUO_BUILD_DIR:-$top/_build}
out=${1:-$top/data/screenshots}
shift || true
shots=("$@")
[ ${#shots[@]} -gt 0 ] || shots=(refund ledger monthly sign-in case)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data"
export TIHUO_LOCALEDIR="$build/po" TIHUO_SOUNDS_DIR="$top/data/sounds"
export GDK_DEBUG=no-portals NO_AT_BRIDGE=1 GTK_A11Y=none
db=$("$build/tests/gui/th-aftersales-seed" "$XDG_DATA_HOME/tihuo/demo")
mkdir -p "$out"

take() {   # LANGUAGE LOCALE SHOT FILE
  xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
    LANGUAGE=$1 LANG=$2 LC_ALL=$2 "$3" "$4" "$5" > "$7" 2>&1 &
    pid=$!
    for _ in $(seq 100); do grep -q ready "$7" 2>/dev/null && break; sleep 0.1; done
    sleep 0.5
    import -window "$(sed -n "s/^ready //p" "$7")" "$6"
    kill $pid' _ "$1" "$2" "$build/tests/gui/th-aftersales-shots" "$db" "$3" "$4" "$tmp/shot.log"
}

for shot in "${shots[@]}"; do
  # C.UTF-8 is always there; LANGUAGE picks the translation.
  take en C.UTF-8 "$shot" "$out/$shot.png"
  take zh_CN C.UTF-8 "$shot" "$out/$shot-zh_CN.png"
done
echo "Screenshots in $out"
