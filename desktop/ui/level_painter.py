"""How the level icon is drawn. Levels differ in shape, not only colour: calm is a hollow
ring, building a ring filling from below like rising water, high a full disc with a bar;
paused adds two small bars in a corner.

The tray shows these drawings from PNG files that tools/make_icons.py writes with this
module (resources/icons/tray/, checked against it by a test): painting them at start-up
built QPainter's types and kept every size in memory. The window shown where there is
no tray paints its own.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPixmap

from desktop.core.load import Level
from desktop.ui.style import TEAL

# Nothing here touches PySide6.QtCore.Qt, not even through an overloaded call (QBrush(colour),
# QPainter.setPen/setBrush/fillRect all resolve overloads that take a Qt enum): building
# that namespace costs ~15 ms and 1.2 MB that stays (desktop/ui/lean_qt.py). Every shape
# is a path filled with a brush taken from a pen.
COLOURS = {Level.CALM: QColor(TEAL), Level.BUILDING: QColor("#d98e04"),
           Level.HIGH: QColor("#c8421c")}
OUTLINE = QColor("#ffffff")


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
