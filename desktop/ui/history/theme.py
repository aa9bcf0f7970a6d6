"""Colours, fills and pens for the charts, from the window's palette.

Colours come from the Okabe–Ito set, which people with the common colour-vision
deficiencies can tell apart; each series also differs in fill pattern (severity: sparse
hatching, cross-hatching, solid) and is named in the legend, the tooltips and the table,
so nothing depends on colour alone. Light and dark palettes each get their own shades so
that the chart keeps its contrast against the background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QPen
from PySide6.QtWidgets import QWidget

SOLID = Qt.BrushStyle.SolidPattern
HATCH = Qt.BrushStyle.BDiagPattern
CROSS = Qt.BrushStyle.DiagCrossPattern
DENSE = Qt.BrushStyle.Dense4Pattern


@dataclass(frozen=True)
class Fill:
    colour: QColor
    style: Qt.BrushStyle = SOLID

    def brush(self) -> QBrush:
        return QBrush(self.colour, self.style)

    def pen(self, width: float = 1.2) -> QPen:
        pen = QPen(self.colour)
        pen.setWidthF(width)
        pen.setCosmetic(True)
        return pen


@dataclass(frozen=True)
class Theme:
    dark: bool
    background: QColor
    foreground: QColor
    quiet: QColor  # grid lines and secondary text
    ordinary: Fill
    severity: tuple[Fill, Fill, Fill]
    accepted: Fill
    snoozed: Fill
    dismissed: Fill
    unanswered: Fill
    offered: Fill
    chosen: Fill
    natural: Fill
    line: Fill  # a line over bars (suggested breaks, the load curve)
    breathing: Fill
    building_band: QColor
    high_band: QColor

    def heat(self, share: float) -> QColor:
        """A cell's colour for a share (0–1) of the busiest cell: lightness alone carries
        the value, so the heatmap reads in grey too."""
        share = min(1.0, max(0.0, share))
        if self.dark:
            return QColor.fromHslF(0.07, 0.75, 0.12 + 0.55 * share)
        return QColor.fromHslF(0.07, 0.8, 0.96 - 0.58 * share)


def emphasise(widget: QWidget, scale: float = 1.0, bold: bool = False) -> None:
    """A larger or bolder font. Fonts, not a style sheet: a style sheet on the window
    would stop a new desktop palette (dark mode switched on) reaching the charts."""
    font = widget.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    widget.setFont(font)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def theme_for(widget: QWidget) -> Theme:
    palette = widget.window().palette()
    dark = is_dark(palette)
    background = palette.color(QPalette.ColorRole.Base)
    foreground = palette.color(QPalette.ColorRole.Text)
    quiet = QColor(foreground)
    quiet.setAlphaF(0.35)
    if dark:
        return Theme(
            dark, background, foreground, quiet,
            ordinary=Fill(QColor("#8c8c8c"), DENSE),
            severity=(Fill(QColor("#f0c05a"), HATCH), Fill(QColor("#ff8a3d"), CROSS),
                      Fill(QColor("#e27ab3"))),
            accepted=Fill(QColor("#2bc59a")), snoozed=Fill(QColor("#7cc8f2"), HATCH),
            dismissed=Fill(QColor("#e0a030"), CROSS), unanswered=Fill(QColor("#9a9a9a"), DENSE),
            offered=Fill(QColor("#5aa9e6")), chosen=Fill(QColor("#2bc59a"), HATCH),
            natural=Fill(QColor("#9a9a9a"), DENSE), line=Fill(QColor("#f5f5f5")),
            breathing=Fill(QColor("#7cc8f2"), HATCH),
            building_band=QColor(240, 192, 90, 45), high_band=QColor(226, 90, 60, 60))
    return Theme(
        dark, background, foreground, quiet,
        ordinary=Fill(QColor("#9e9e9e"), DENSE),
        severity=(Fill(QColor("#c98800"), HATCH), Fill(QColor("#d55e00"), CROSS),
                  Fill(QColor("#882255"))),
        accepted=Fill(QColor("#009e73")), snoozed=Fill(QColor("#0072b2"), HATCH),
        dismissed=Fill(QColor("#c98800"), CROSS), unanswered=Fill(QColor("#8a8a8a"), DENSE),
        offered=Fill(QColor("#0072b2")), chosen=Fill(QColor("#009e73"), HATCH),
        natural=Fill(QColor("#8a8a8a"), DENSE), line=Fill(QColor("#24313a")),
        breathing=Fill(QColor("#56b4e9"), HATCH),
        building_band=QColor(230, 159, 0, 40), high_band=QColor(213, 94, 0, 50))
