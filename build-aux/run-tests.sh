#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's second command: installs what is missing, builds, and runs the
# whole test suite. GTK tests need a display, so everything runs under xvfb-run.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TIHUO_BUILD_DIR:-$top/_build}

"$top/build-aux/setup.sh"
xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
