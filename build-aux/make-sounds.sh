#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes data/sounds/*.oga again: a rising two-note chime for "hand over", a
# low double buzz for everything else. The files are committed; this is only
# needed to change them (apt-get install sox libsox-fmt-all).
set -euo pipefail
out=$(cd "$(dirname "$0")/../data/sounds" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sox -n -r 44100 -c 1 "$tmp/s1.wav" synth 0.12 sine 988 fade q 0.005 0.12 0.06 vol 0.6
sox -n -r 44100 -c 1 "$tmp/s2.wav" synth 0.22 sine 1319 fade q 0.005 0.22 0.15 vol 0.6
sox "$tmp/s1.wav" "$tmp/s2.wav" -t ogg -C 3 "$out/success.oga"

sox -n -r 44100 -c 1 "$tmp/f1.wav" synth 0.16 square 196 fade q 0.005 0.16 0.03 vol 0.35 lowpass 2000
sox -n -r 44100 -c 1 "$tmp/gap.wav" trim 0 0.07
sox "$tmp/f1.wav" "$tmp/gap.wav" "$tmp/f1.wav" -t ogg -C 3 "$out/failure.oga"
