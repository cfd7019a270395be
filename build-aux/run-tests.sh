#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's second command: installs what is missing, builds, runs the
# whole test suite, then each fuzz harness for 20 s. GTK tests need a
# display, so the suite runs under xvfb-run.
#
# TIHUO_SKIP_FUZZ=1 skips the fuzzing step (a second, clang build).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TIHUO_BUILD_DIR:-$top/_build}

"$top/build-aux/setup.sh"
status=0
xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || status=$?

if [ "${TIHUO_SKIP_FUZZ:-0}" != 1 ]; then
  "$top/build-aux/run-fuzzers.sh" "${TIHUO_FUZZ_SECONDS:-20}" || status=$?
fi

# One plain closing line for CI, counted from Meson's own log (meson is
# Python, so python3 is always there).
python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
counts = {"OK": 0, "FAIL": 0, "SKIP": 0}
with open(sys.argv[1]) as log:
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
