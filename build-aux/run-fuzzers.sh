#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses with clang in their own build directory and
# runs each for a while on a scratch copy of its seed corpus, so the checked-in
# corpus only changes when someone decides to add a finding to it.
#
#   build-aux/run-fuzzers.sh [SECONDS] [HARNESS...]
#
# SECONDS defaults to 20 (or $TIHUO_FUZZ_SECONDS); HARNESS defaults to all of
# them (pickup-code, order-import, sync-response). Exits non-zero if any harness crashes;
# the crashing input is kept under $build/fuzz-artifacts/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TIHUO_FUZZ_BUILD_DIR:-$top/_build-fuzz}
seconds=${1:-${TIHUO_FUZZ_SECONDS:-20}}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(pickup-code order-import sync-response)

# Where each harness, its seed corpus and its dictionary live.
harness_dir () {
  case $1 in
    sync-response) echo tests/central ;;
    *) echo tests/fuzz ;;
  esac
}
corpus_dir () {
  case $1 in
    sync-response) echo "$top/tests/central/corpus" ;;
    *) echo "$top/tests/fuzz/corpus/$1" ;;
  esac
}
jobs=${TIHUO_FUZZ_JOBS:-2}

case $seconds in
  ''|*[!0-9]*) echo "usage: $0 [SECONDS] [HARNESS...]" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Dgui=false
else
  meson configure "$build" -Dfuzzing=true -Dgui=false
fi
targets=()
for name in "${harnesses[@]}"; do targets+=("$(harness_dir "$name")/fuzz-$name"); done
ninja -C "$build" -j "$jobs" "${targets[@]}"

# GLib 2.74's slice allocator would hide use-after-free from ASan; UBSan
# reports must stop the run like any other crash.
export G_SLICE=always-malloc
export G_DEBUG=fatal-criticals
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LC_ALL=C.UTF-8

work=$(mktemp -d "${TMPDIR:-/tmp}/tihuo-fuzz-run-XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

failed=()
for name in "${harnesses[@]}"; do
  corpus=$(corpus_dir "$name")
  if [ ! -d "$corpus" ]; then
    echo "No such harness: $name" >&2
    exit 2
  fi
  cp -r "$corpus" "$work/$name"
  echo "=== fuzz-$name for ${seconds}s"
  dict=()
  [ -f "$top/tests/fuzz/$name.dict" ] && dict=(-dict="$top/tests/fuzz/$name.dict")
  if "$build/$(harness_dir "$name")/fuzz-$name" "$work/$name" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       "${dict[@]}" -artifact_prefix="$artifacts/$name-" \
       > "$work/$name.log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/$name.log" || true
    echo "    corpus grew from $(ls "$corpus" | wc -l) to $(ls "$work/$name" | wc -l) inputs"
  else
    echo "!!! fuzz-$name failed; its log:" >&2
    tail -n 60 "$work/$name.log" >&2
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "Crashes in: ${failed[*]} (inputs in $artifacts)" >&2
  exit 1
fi
echo "No crash in ${seconds}s each: ${harnesses[*]}"
