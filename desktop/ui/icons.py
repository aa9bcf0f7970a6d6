"""The tray icon and its tooltip. Levels differ in shape, not only colour: calm is a
hollow ring, building a ring filling from below like rising water, high a full disc with
a bar; paused adds two small bars in a corner."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
)

from desktop.core.load import Level, Snapshot
from desktop.i18n import _, ngettext
from desktop.ui.style import TEAL
from desktop.wording import today_text

# Nothing here touches PySide6.QtCore.Qt, not even through an overloaded call (QBrush(colour),
# QPainter.setPen/setBrush/fillRect all resolve overloads that take a Qt enum): building
# that namespace costs ~15 ms on the way to the tray icon and 1.2 MB that stays
# (desktop/ui/lean_qt.py). Every shape is a path filled with a brush taken from a pen.
# Tray sizes, up to a high-density panel's (3x a 24 px tray); the largest is kept in
# memory all day with the others (a 256 px one alone was 256 KB).
SIZES = (16, 22, 24, 32, 48, 64, 128)
COLOURS = {Level.CALM: QColor(TEAL), Level.BUILDING: QColor("#d98e04"),
           Level.HIGH: QColor("#c8421c")}
OUTLINE = QColor("#ffffff")


def level_name(level: Level) -> str:
    return {Level.CALM: _("calm"), Level.BUILDING: _("building"), Level.HIGH: _("high")}[level]


def _brush(colour: QColor) -> QBrush:
    """A solid brush of ``colour``."""
    pen = QPen()
    pen.setColor(colour)
    return pen.brush()


def _outline(shape: QPainterPath, width: float) -> QPainterPath:
    """The area a pen ``width`` wide covers when it draws ``shape``."""
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(shape)


def paint_level(size: int, level: Level, paused: bool = False) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = _brush(COLOURS[level])
    ring = max(1.5, size / 9)
    rect = QRectF(ring / 2 + 1, ring / 2 + 1, size - ring - 2, size - ring - 2)
    circle = QPainterPath()
    circle.addEllipse(rect)
    # A thin light halo keeps the shape visible on dark and light panels alike.
    painter.fillPath(_outline(circle, ring + 2), _brush(OUTLINE))
    if level is not Level.CALM:
        inside = circle
        if level is Level.BUILDING:
            water = QPainterPath()
            water.addRect(QRectF(0, size / 2, size, size / 2))
            inside = circle.intersected(water)
        painter.fillPath(inside, colour)
    painter.fillPath(_outline(circle, ring), colour)
    if level is Level.HIGH:
        # An exclamation mark: a rounded bar and a dot, filled in the outline colour.
        bar = max(1.5, size / 10)
        mark = QPainterPath()
        mark.addRoundedRect(QRectF(size / 2 - bar / 2, size * 0.27 - bar / 2, bar,
                                   size * 0.31 + bar), bar / 2, bar / 2)
        mark.addEllipse(QPointF(size / 2, size * 0.74), bar / 2, bar / 2)
        painter.fillPath(mark, _brush(OUTLINE))
    if paused:
        w = max(2.0, size / 8)
        bars = QPainterPath()
        bars.addRect(QRectF(size - 2.6 * w, 0, w, 2.2 * w))
        bars.addRect(QRectF(size - w, 0, w, 2.2 * w))
        painter.fillPath(bars, _brush(QColor("#303030")))
    painter.end()
    return pixmap


def level_icon(level: Level, paused: bool = False) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(paint_level(size, level, paused))
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
