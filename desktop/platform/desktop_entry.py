"""The menu entry and icons for Linux desktops (freedesktop.org), installed per user.

The shipped ``breakwater.desktop`` says ``Exec=breakwater``; a user's copy names the
installed program by its absolute path instead (see ``launcher``). Icons go into the
user's hicolor theme, where ``Icon=breakwater`` is looked up.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from desktop.paths import xdg_home
from desktop.platform.launcher import desktop_exec
from desktop.resources import resource_path

ENTRY_NAME = "breakwater.desktop"
ICON_NAME = "breakwater"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def data_home(env: Mapping[str, str] | None = None) -> Path:
    return xdg_home("XDG_DATA_HOME", ".local/share", env)


def render_entry(command: list[str], extra: Mapping[str, str] | None = None) -> str:
    """The shipped entry with ``Exec`` set to ``command`` and ``extra`` keys added."""
    lines = []
    for line in resource_path(ENTRY_NAME).read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + desktop_exec(command)
        lines.append(line)
    lines += [f"{key}={value}" for key, value in (extra or {}).items()]
    return "\n".join(lines) + "\n"


def entry_path(home: Path) -> Path:
    return home / "applications" / ENTRY_NAME


def icon_path(home: Path, size: int) -> Path:
    return home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def install(command: list[str], home: Path) -> list[Path]:
    """Write the entry and the icons under ``home`` (``$XDG_DATA_HOME``); return them.
    Raises OSError when a file cannot be written."""
    written = []
    for size in ICON_SIZES:
        target = icon_path(home, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{ICON_NAME}.png")
        target.write_bytes(source.read_bytes())
        written.append(target)
    # Icon caches notice a new icon by the theme folder's time stamp.
    os.utime(home / "icons" / "hicolor")
    entry = entry_path(home)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(render_entry(command), encoding="utf-8")
    written.append(entry)
    return written


def remove(home: Path) -> list[Path]:
    """Delete what ``install`` wrote, and the folders it made for it once they are empty
    (another program's files keep theirs); return the files that were there. Raises
    OSError."""
    removed = []
    for path in (entry_path(home), *(icon_path(home, size) for size in ICON_SIZES)):
        if path.exists():
            path.unlink()
            removed.append(path)
    folders = [entry_path(home).parent]
    for size in ICON_SIZES:
        apps = icon_path(home, size).parent
        folders += [apps, apps.parent]
    folders += [home / "icons" / "hicolor", home / "icons"]
    for folder in folders:
        with contextlib.suppress(OSError):  # not empty, or not there: leave it
            folder.rmdir()
    return removed
