#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the layers of src/ only look down.

The build already refuses a wrong-way include in the core (each library
sees only the headers of the ones below it); this test says the same from
the sources, so a meson.build that grows a wrong dependency is caught too,
and checks the parts the compiler cannot: the core and th-scan never name
GTK, the demo or the GUI, tihuo-cli carries no demo code, and no widget
climbs to its root window for a service (they get the ThContext).

  check-layers.py SRC_DIR [TIHUO_CLI]
"""
import os
import re
import subprocess
import sys

src = sys.argv[1]
cli = sys.argv[2] if len(sys.argv) > 2 else None
core = os.path.join(src, "core")
problems = []

def headers_in(folder):
    return {f for f in os.listdir(folder) if f.endswith(".h")}

def includes(folder):
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s*[<"]([^">]+)[">]', line)
                if m:
                    yield name, n, m.group(1)

# Each core layer's direct dependencies, read from its meson.build
# (th_<layer>_dep), then closed transitively.
layers = sorted(d for d in os.listdir(core) if os.path.isdir(os.path.join(core, d)))
direct = {}
for layer in layers:
    with open(os.path.join(core, layer, "meson.build"), encoding="utf-8") as f:
        text = f.read()
    used = set(re.findall(r"\bth_(\w+?)_dep\b", text)) & set(layers)
    direct[layer] = used - {layer}

def below(layer, seen=None):
    seen = set() if seen is None else seen
    for d in direct[layer]:
        if d not in seen:
            seen.add(d)
            below(d, seen)
    return seen

for layer in layers:
    if layer in below(layer):
        problems.append(f"core/{layer}: its meson.build dependencies form a cycle")

owner = {}
for layer in layers:
    for h in headers_in(os.path.join(core, layer)):
        owner[h] = layer
outside = {}
for part in ("scan", "demo", "gui"):
    for root, _, files in os.walk(os.path.join(src, part)):
        for h in files:
            if h.endswith(".h"):
                outside[h] = part

forbidden_everywhere_below_gui = ("gtk/", "adwaita.h", "gdk/")
for layer in layers:
    allowed = below(layer) | {layer}
    for name, n, inc in includes(os.path.join(core, layer)):
        where = f"src/core/{layer}/{name}:{n}"
        if inc in owner and owner[inc] not in allowed:
            problems.append(f"{where}: includes {inc} from core/{owner[inc]}, which is not below core/{layer}")
        if inc in outside:
            problems.append(f"{where}: includes {inc} from {outside[inc]}/; the core never does")
        if inc.startswith(forbidden_everywhere_below_gui):
            problems.append(f"{where}: includes {inc}; the core knows no GTK")

for name, n, inc in includes(os.path.join(src, "scan")):
    if inc in owner:
        problems.append(f"src/scan/{name}:{n}: includes core header {inc}; scan only turns input into text")
for name, n, inc in includes(os.path.join(src, "cli")):
    if outside.get(inc) in ("demo", "gui"):
        problems.append(f"src/cli/{name}:{n}: includes {inc} from {outside[inc]}/; tihuo-cli links neither")

# Widgets get the ThContext handed to them: none climbs to the counter
# window for the database, the session, sync or a token. Only the window's
# own files and the application may use the root together with ThWindow.
gui = os.path.join(src, "gui")
for root, _, files in os.walk(gui):
    for name in sorted(files):
        if not name.endswith(".c") or name.startswith("th-window") or name == "th-application.c":
            continue
        with open(os.path.join(root, name), encoding="utf-8") as f:
            text = f.read()
        if "gtk_widget_get_root" in text and re.search(r"\bTH_(IS_)?WINDOW\b|\bth_window_get_", text):
            where = os.path.relpath(os.path.join(root, name), os.path.dirname(src))
            problems.append(f"{where}: climbs to its root ThWindow; take the ThContext instead")
        m = re.search(r"\bTH_WINDOW \(|\bth_window_get_(context|db|session|sync\w*|demo\w*)\b", text)
        if m:
            where = os.path.relpath(os.path.join(root, name), os.path.dirname(src))
            problems.append(f"{where}: reaches a service through ThWindow ({m.group(0)}); take the ThContext instead")

if cli:
    symbols = subprocess.run(["nm", cli], capture_output=True, text=True, check=True).stdout
    demo = sorted({l.split()[-1] for l in symbols.splitlines() if re.search(r"\bth_demo_", l)})
    if demo:
        problems.append(f"{cli} links demo code: {', '.join(demo[:5])}")

print("1..1")
if problems:
    for p in problems:
        print("# " + p)
    print("not ok 1 - layers")
    sys.exit(1)
print(f"# {len(layers)} core layers: " + ", ".join(f"{l}→{{{','.join(sorted(below(l)))}}}" for l in layers))
print("ok 1 - layers")
