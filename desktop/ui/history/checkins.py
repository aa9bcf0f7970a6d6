"""The weekly check-in trend: each week's score (its latest check-in), 0–100.

It reflects, it never diagnoses (docs/checkin.md): the line at 50 is only where scores
are commonly read as high, and a week without a check-in is a gap, not a zero."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from desktop.i18n import _
from desktop.service.history import CheckinTrend
from desktop.ui.history.panel import ChartPanel
from desktop.ui.history.text import day_text, day_ticks, number

HIGH_READING = 50.0
MAX_POINT_LABELS = 16
MAX_TICKS = 12


class CheckinChart(ChartPanel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.trend: CheckinTrend | None = None
        self.legend.setVisible(False)

    def show_data(self, trend: CheckinTrend) -> None:
        self.reset_plot()
        self.legend.setVisible(False)
        self.trend = trend
        self.set_title(_("Weekly check-in"),
                       _("Your weekly answers about working with customers, as a score from 0 "
                         "to 100 (each week's latest check-in). Scores of 50 or more are often "
                         "read as high; this is a reflection, not a diagnosis."))
        self.set_axes(_("Week (starting Monday)"), _("Score (0–100)"))
        if not trend.any:
            self.show_empty(_("Your weekly check-ins will show here as a trend once you have "
                              "answered a few. Nothing to see yet, and that is fine."))
            return
        t = self.theme
        reference = pg.InfiniteLine(HIGH_READING, angle=0, movable=False,
                                    pen=pg.mkPen(t.quiet, width=1, style=Qt.PenStyle.DashLine))
        self.plot.addItem(reference)
        xs = [float(i) for i, w in enumerate(trend.weeks) if w.score is not None]
        ys = [w.score for w in trend.weeks if w.score is not None]
        # connect="finite" with NaN for weeks without a score leaves a gap in the line.
        line_y = [w.score if w.score is not None else float("nan") for w in trend.weeks]
        self.plot.addItem(pg.PlotDataItem(list(range(len(trend.weeks))), line_y,
                                          connect="finite", pen=pg.mkPen(t.offered.colour,
                                                                         width=2)))
        self.plot.addItem(pg.ScatterPlotItem(xs, ys, symbol="o", size=9,
                                             brush=pg.mkBrush(t.offered.colour),
                                             pen=pg.mkPen(t.foreground)))
        # Each score is written above its point while they have room; on a year or more
        # of weeks the numbers ran into one another (the tooltip and table still say them).
        if len(xs) <= MAX_POINT_LABELS:
            for x, y in zip(xs, ys, strict=True):
                label = pg.TextItem(number(y), color=t.foreground, anchor=(0.5, 1.2))
                label.setPos(x, y)
                self.plot.addItem(label)
        n = len(trend.weeks)
        self.plot.getAxis("bottom").setTicks(
            [day_ticks([w.monday for w in trend.weeks], MAX_TICKS), []])
        self.plot.setYRange(0, 105, padding=0)
        self.plot.setXRange(-0.5, n - 0.5, padding=0)
        self.show_chart()
        self.table.fill([_("Week"), _("Score")],
                        [[_("Week of {day}").format(day=day_text(w.monday)), self._score(w)]
                         for w in trend.weeks])

    def _score(self, week: object) -> str:
        from desktop.service.history import WeekScore

        assert isinstance(week, WeekScore)
        if not week.checked_in:
            return _("no check-in")
        if week.score is None:
            return _("too few answers for a score")
        return _("{score} out of 100").format(score=number(week.score))

    def hover_text(self, x: float, y: float) -> str | None:
        if self.trend is None:
            return None
        i = round(x)
        if not 0 <= i < len(self.trend.weeks) or abs(x - i) > 0.5:
            return None
        week = self.trend.weeks[i]
        return _("Week of {day}: {score}").format(day=day_text(week.monday),
                                                   score=self._score(week))

    def export_name(self) -> str:
        return "breakwater-checkins"
