#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's second command: installs what is missing, builds, runs the
# whole test suite, then the display-less suites again in an
# AddressSanitizer + UndefinedBehaviorSanitizer build, then each fuzz
# harness for 20 s. GTK tests need a display, so the suite runs under
# xvfb-run.
#
# TIHUO_SKIP_ASAN=1 skips the sanitizer step (a second build, _build-asan).
# TIHUO_SKIP_FUZZ=1 skips the fuzzing step (a third, clang build).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TIHUO_BUILD_DIR:-$top/_build}

"$top/build-aux/setup.sh"
status=0
xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || status=$?

# The core, the processes, sync against the reference platform and picture
# scanning, with every memory error and undefined behaviour fatal. Leaks are
# not checked: GLib's type system and caches keep memory until exit.
logs=("$build/meson-logs/testlog.json")
if [ "${TIHUO_SKIP_ASAN:-0}" != 1 ]; then
  asan_build=${TIHUO_ASAN_BUILD_DIR:-$top/_build-asan}
  if [ ! -f "$asan_build/build.ninja" ]; then
    meson setup "$asan_build" "$top" -Db_sanitize=address,undefined -Db_lundef=false -Dgui=false
  fi
  meson compile -C "$asan_build"
  # A log left by an earlier run must not be counted for this one.
  rm -f "$asan_build/meson-logs/testlog.json"
  # verify_asan_link_order=0: the disk-fault tests LD_PRELOAD a small shim
  # (tests/th-fault-shim.c) ahead of the ASan runtime, on purpose.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:verify_asan_link_order=0} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  G_SLICE=always-malloc \
    meson test -C "$asan_build" --print-errorlogs --num-processes 2 --no-rebuild \
      --suite core --suite process --suite central --suite scan || status=$?
  logs+=("$asan_build/meson-logs/testlog.json")
fi

if [ "${TIHUO_SKIP_FUZZ:-0}" != 1 ]; then
  "$top/build-aux/run-fuzzers.sh" "${TIHUO_FUZZ_SECONDS:-20}" || status=$?
fi

# One plain closing line for CI, counted from Meson's own logs, the plain
# run's and the sanitizer run's (meson is Python, so python3 is always there).
python3 - "${logs[@]}" <<'PY'
import json, sys
counts = {"OK": 0, "FAIL": 0, "SKIP": 0}
for path in sys.argv[1:]:
    with open(path) as log:
        for line in log:
            result = json.loads(line).get("result", "")
            if result in ("OK", "EXPECTEDFAIL"):
                counts["OK"] += 1
            elif result == "SKIP":
                counts["SKIP"] += 1
            else:
                counts["FAIL"] += 1
print(f"{counts['OK']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
PY
exit "$status"
