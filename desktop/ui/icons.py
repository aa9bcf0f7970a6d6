"""The tray icon and its tooltip. The icon is drawn by desktop/ui/level_painter.py into
PNG files (resources/icons/tray/) that the tray reads, each size only when asked for."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desktop.core.load import Level, Snapshot
from desktop.i18n import _, ngettext
from desktop.resources import resource_path
from desktop.wording import today_text

# Tray sizes, up to a high-density panel's (3x a 24 px tray).
SIZES = (16, 22, 24, 32, 48, 64, 128)


def level_name(level: Level) -> str:
    return {Level.CALM: _("calm"), Level.BUILDING: _("building"), Level.HIGH: _("high")}[level]


def icon_name(level: Level, paused: bool, size: int) -> str:
    return f"{level.value}{'-paused' if paused else ''}-{size}.png"


def level_icon(level: Level, paused: bool = False) -> QIcon:
    icon = QIcon()
    folder = resource_path("icons", "tray")
    for size in SIZES:
        icon.addFile(str(folder / icon_name(level, paused, size)), QSize(size, size))
    return icon


def tooltip_text(snap: Snapshot, paused_until: str | None,
                 break_left: float | None = None) -> str:
    lines = [
        _("Breakwater — load {load:.1f} ({level})").format(load=snap.load,
                                                         level=level_name(snap.level)),
        ngettext("Streak: {n} difficult in a row", "Streak: {n} difficult in a row",
                 snap.streak).format(n=snap.streak),
        today_text(snap.difficult_today, snap.ordinary_today),
    ]
    if paused_until is not None:
        lines.append(_("Nudges paused until {time}").format(time=paused_until))
    if break_left is not None:
        minutes = max(1, math.ceil(break_left / 60))
        lines.append(ngettext("On a break: {n} minute left", "On a break: {n} minutes left",
                              minutes).format(n=minutes))
    return "\n".join(lines)
