#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rewrites po/POTFILES.in: every source and template with a translatable
# string, sorted. Run it after adding or moving files.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  ls data/*.desktop.in data/*.gschema.xml data/*.metainfo.xml.in
  git ls-files --cached --others --exclude-standard 'src/*.c' | xargs grep -lE '\b(N?_|g_dngettext|ngettext|C_)\s*\(' || true
  git ls-files --cached --others --exclude-standard 'ui/*.ui' | xargs grep -l 'translatable="yes"' || true
} | LC_ALL=C sort -u > po/POTFILES.in
