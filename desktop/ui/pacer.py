"""The breathing pacer: a circle that fills and empties with the breath, or, in
reduced-motion mode, a bar that fills and empties without anything growing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.i18n import _
from desktop.ui.style import TEAL

CALM = QColor(TEAL)
TRACK = QColor("#d9e6e7")


class Pacer(QWidget):
    def __init__(self, reduced_motion: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reduced_motion = reduced_motion
        self.fill = 0.0
        self.setAccessibleName(_("Breathing pacer"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(320, 90) if self.reduced_motion else QSize(320, 320)

    def set_fill(self, fill: float) -> None:
        fill = min(1.0, max(0.0, fill))
        if abs(fill - self.fill) > 1e-4:
            self.fill = fill
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.reduced_motion:
            self._paint_bar(painter)
        else:
            self._paint_circle(painter)
        painter.end()

    def _paint_circle(self, painter: QPainter) -> None:
        side = min(self.width(), self.height()) - 8
        centre = QPointF(self.width() / 2, self.height() / 2)
        outer = side / 2
        painter.setPen(QPen(TRACK, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, outer, outer)
        # From a fifth of the full size (empty lungs) to the full circle.
        radius = outer * (0.2 + 0.8 * self.fill)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(CALM))
        painter.drawEllipse(centre, radius, radius)

    def _paint_bar(self, painter: QPainter) -> None:
        rect = QRectF(8, self.height() / 2 - 18, self.width() - 16, 36)
        painter.setPen(QPen(CALM, 2))
        painter.setBrush(QBrush(TRACK))
        painter.drawRoundedRect(rect, 8, 8)
        filled = QRectF(rect.left(), rect.top(), rect.width() * self.fill, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(CALM))
        painter.drawRoundedRect(filled, 8, 8)
