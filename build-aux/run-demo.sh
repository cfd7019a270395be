#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's first command: installs what is missing, builds, and starts the
# counter on the demo station, straight from the build tree. Nothing is
# installed: the schemas, translations and sounds come from the tree too.
# Extra arguments go to tihuo.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${TIHUO_BUILD_DIR:-$top/_build}

"$top/build-aux/setup.sh"

export GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
export TIHUO_LOCALEDIR="$build/po"
export TIHUO_SOUNDS_DIR="$top/data/sounds"
exec "$build/src/tihuo" --demo "$@"
