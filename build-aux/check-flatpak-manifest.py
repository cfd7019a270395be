#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: valid JSON, the app id and command, and every
downloaded source pinned with a sha256. Usage: MANIFEST APP_ID COMMAND"""
import json
import re
import sys


def fail(message):
    print(f"{sys.argv[1]}: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    path, app_id, command = sys.argv[1:4]
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"not valid JSON: {e}")

    if manifest.get("app-id", manifest.get("id")) != app_id:
        fail(f"app-id is {manifest.get('app-id')!r}, expected {app_id!r}")
    if manifest.get("command") != command:
        fail(f"command is {manifest.get('command')!r}, expected {command!r}")
    if manifest.get("runtime") != "org.gnome.Platform":
        fail("runtime should be org.gnome.Platform")

    names = []
    for module in manifest.get("modules", []):
        if isinstance(module, str):
            continue
        names.append(module.get("name"))
        for source in module.get("sources", []):
            if source.get("type") in ("archive", "file") and "url" in source:
                if not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                    fail(f"module {module.get('name')}: {source['url']} has no sha256")
    for needed in ("libqrencode", "zbar", "libsodium", "tihuo"):
        if needed not in names:
            fail(f"no module named {needed}")
    if names[-1] != "tihuo":
        fail("the app must be the last module")
    print(f"ok: {app_id} runs {command}; modules: {', '.join(names)}")


if __name__ == "__main__":
    main()
