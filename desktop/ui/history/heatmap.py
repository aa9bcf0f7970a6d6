"""When hard calls cluster: difficult interactions by local weekday and hour."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from desktop.i18n import _, ngettext
from desktop.ui.history.panel import ChartPanel
from desktop.ui.history.text import hour_text, number, weekday_names

# Hours shown at least (a working day), widened to every hour that has a hard call.
DAY_HOURS = (8, 18)


class HeatmapChart(ChartPanel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.grid: list[list[int]] = []
        self.hours: tuple[int, int] = DAY_HOURS
        self.legend.setVisible(False)

    def show_data(self, grid: list[list[int]]) -> None:
        self.reset_plot()
        self.grid = grid
        total = sum(map(sum, grid))
        self.set_title(_("When hard calls happen"),
                       _("Hard calls by weekday and hour, in the local time of each call. "
                         "Darker cells and larger numbers: more hard calls."))
        self.set_axes(_("Hour of the day (local time)"), _("Weekday"))
        if not total:
            self.show_empty(_("No hard calls in this period: nothing to map."))
            return
        busy = [h for h in range(24) if any(row[h] for row in grid)]
        first, last = min([DAY_HOURS[0], *busy]), max([DAY_HOURS[1] - 1, *busy])
        self.hours = (first, last + 1)
        peak = max(max(row[first:last + 1]) for row in grid)
        width = last + 1 - first
        # Rows top to bottom Monday to Sunday: y = 6 - weekday.
        image = np.zeros((width, 7, 4), dtype=np.ubyte)
        for weekday, row in enumerate(grid):
            for column, hour in enumerate(range(first, last + 1)):
                colour = self.theme.heat(row[hour] / peak if peak else 0.0)
                image[column, 6 - weekday] = (colour.red(), colour.green(), colour.blue(), 255)
        item = pg.ImageItem(image)
        item.setRect(QRectF(first, 0, width, 7))
        self.plot.addItem(item)
        for weekday, row in enumerate(grid):
            for hour in range(first, last + 1):
                if row[hour]:
                    share = row[hour] / peak
                    ink = self._ink(share)
                    text = pg.TextItem(number(row[hour]), color=ink, anchor=(0.5, 0.5))
                    text.setPos(hour + 0.5, 6 - weekday + 0.5)
                    self.plot.addItem(text)
        names = weekday_names()
        self.plot.getAxis("left").setTicks([[(6 - d + 0.5, names[d]) for d in range(7)], []])
        self.fit_left_axis(names)
        self.plot.getAxis("bottom").setTicks(
            [[(h, f"{h:02d}") for h in range(first, last + 2)], []])
        self.plot.showGrid(x=False, y=False)
        self.plot.setXRange(first, last + 1, padding=0.01)
        self.plot.setYRange(0, 7, padding=0.01)
        self.show_chart()
        self.table.fill([_("Weekday"), *[hour_text(h) for h in range(first, last + 1)]],
                        [[names[d], *[number(grid[d][h]) for h in range(first, last + 1)]]
                         for d in range(7)])

    def _ink(self, share: float) -> object:
        # Numbers stay legible on both ends of the scale.
        light_cell = self.theme.heat(share).lightness() > 140
        return "#111111" if light_cell else "#f5f5f5"

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        hour, weekday = int(x), 6 - int(y)
        if not self.grid or not (0 <= weekday < 7) or not (self.hours[0] <= hour < self.hours[1]):
            return None
        return weekday, hour

    def hover_text(self, x: float, y: float) -> str | None:
        cell = self.cell_at(x, y)
        if cell is None:
            return None
        weekday, hour = cell
        count = self.grid[weekday][hour]
        return _("{weekday} {start}–{end}: {calls}").format(
            weekday=weekday_names()[weekday], start=hour_text(hour), end=hour_text(hour + 1),
            calls=ngettext("{n} hard call", "{n} hard calls", count).format(n=number(count)))

    def export_name(self) -> str:
        return "breakwater-when"
