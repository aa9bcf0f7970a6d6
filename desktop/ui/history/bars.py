"""Bar charts over time: calls, nudges and breaks per hour, day, week or month."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyqtgraph as pg

from desktop.core.history import Bucket
from desktop.i18n import _, ngettext
from desktop.service.history import Bars, BreakBars, CallBars, NudgeBars
from desktop.ui.history.panel import ChartPanel
from desktop.ui.history.text import (
    day_ticks,
    hour_text,
    number,
    span_axis,
    span_text,
    tick_indexes,
)
from desktop.ui.history.theme import Fill

MAX_TICKS = 12


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]
    fill: Fill


def bucket_axis(bucket: Bucket) -> str:
    return {Bucket.HOUR: _("Hour of the day"), Bucket.DAY: _("Day"),
            Bucket.WEEK: _("Week (starting Monday)"), Bucket.MONTH: _("Month")}[bucket]


def bucket_note(bucket: Bucket) -> str:
    return {Bucket.HOUR: _("per hour"), Bucket.DAY: _("per day"),
            Bucket.WEEK: _("per week"), Bucket.MONTH: _("per month")}[bucket]


class BarChart(ChartPanel):
    """Bars at x = 0, 1, …; each bar position holds one or more stacks of series."""

    count_axis = "left"

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.labels: list[str] = []  # one per bar position, in words (tooltips, table)
        self.stacks: list[list[Series]] = []
        self.lines: list[Series] = []
        self._offsets: list[float] = []
        self._width = 0.8

    def labels_for(self, bars: Bars) -> tuple[list[str], list[str]]:
        """(axis labels, full labels) for each bar of ``bars``."""
        if bars.hours:
            axis = [hour_text(h) for h in range(24)]
            return axis, [_("{day}, {hour}").format(day=span_text(bars.spans[0], Bucket.DAY),
                                                    hour=hour_text(h)) for h in range(24)]
        bucket = bars.bucket
        axis = [span_axis(s, bucket) for s in bars.spans]
        if bucket in (Bucket.DAY, Bucket.WEEK):  # the year where the days run over years
            for i, text in day_ticks([s.first for s in bars.spans], MAX_TICKS):
                axis[i] = text
        return axis, [span_text(s, bucket) for s in bars.spans]

    def draw(self, axis_labels: list[str], labels: list[str], stacks: list[list[Series]],
             lines: Sequence[Series] = ()) -> None:
        """Draw ``stacks`` side by side at each position (each stack's series on top of
        one another) and ``lines`` over them."""
        self.reset_plot()
        self.labels, self.stacks, self.lines = labels, stacks, list(lines)
        n = len(labels)
        self._width = 0.8 / len(stacks)
        self._offsets = [(i - (len(stacks) - 1) / 2) * self._width for i in range(len(stacks))]
        top = 0.0
        for stack, offset in zip(stacks, self._offsets, strict=True):
            base = [0.0] * n
            for series in stack:
                heights = [float(v) for v in series.values]
                item = pg.BarGraphItem(x=[i + offset for i in range(n)], height=heights,
                                       y0=list(base), width=self._width * 0.92,
                                       brush=series.fill.brush(), pen=series.fill.pen(0.8),
                                       name=series.name)
                self.plot.addItem(item)  # named items join the legend by themselves
                base = [b + h for b, h in zip(base, heights, strict=True)]
            top = max([top, *base])
        for series in self.lines:
            item = pg.PlotDataItem(list(range(n)), [float(v) for v in series.values],
                                   pen=pg.mkPen(series.fill.colour, width=2),
                                   symbol="o", symbolSize=6, symbolBrush=series.fill.colour,
                                   name=series.name)
            self.plot.addItem(item)
            top = max([top, *series.values])
        self.plot.getAxis("bottom").setTicks(
            [[(i, axis_labels[i]) for i in tick_indexes(n, MAX_TICKS)], []])
        # Room above the tallest bar for the legend.
        self.plot.setYRange(0, max(1.0, top) * 1.3, padding=0)
        self.plot.setXRange(-0.6, n - 0.4, padding=0)
        self.show_chart()

    def index_at(self, x: float) -> int | None:
        i = round(x)
        return i if 0 <= i < len(self.labels) and abs(x - i) <= 0.5 else None

    def hover_text(self, x: float, y: float) -> str | None:
        i = self.index_at(x)
        if i is None:
            return None
        lines = [self.labels[i]]
        for stack in self.stacks:
            lines.extend(f"{series.name}: {number(series.values[i])}" for series in stack)
        lines.extend(f"{series.name}: {number(series.values[i])}" for series in self.lines)
        return "\n".join(lines)

    def fill_table(self, first_column: str) -> None:
        series = [s for stack in self.stacks for s in stack] + self.lines
        self.table.fill([first_column, *[s.name for s in series]],
                        [[label, *[number(s.values[i]) for s in series]]
                         for i, label in enumerate(self.labels)])


class CallsChart(BarChart):
    """Ordinary calls beside difficult ones, stacked by severity."""

    def show_data(self, bars: CallBars) -> None:
        bucket = bars.bucket
        total = sum(c.ordinary + c.difficult for c in bars.counts)
        self.set_title(_("Hard and ordinary calls"),
                       _("Number of interactions {per}; hard calls stacked by severity. Click "
                         "a bar to see that day's load.").format(per=bucket_note(bucket)))
        self.set_axes(bucket_axis(bucket), _("Interactions (count)"))
        if not total:
            self.show_empty(_("No calls were tagged in this period."))
            return
        theme = self.theme
        counts = bars.counts
        severity = [
            Series(_("Hard, severity 1 (mild)"), [c.severity[0] for c in counts],
                   theme.severity[0]),
            Series(_("Hard, severity 2"), [c.severity[1] for c in counts], theme.severity[1]),
            Series(_("Hard, severity 3 (very hard)"), [c.severity[2] for c in counts],
                   theme.severity[2])]
        ordinary = Series(_("Ordinary"), [c.ordinary for c in counts], theme.ordinary)
        axis, labels = self.labels_for(bars)
        self.draw(axis, labels, [[ordinary], severity])
        self.fill_table(_("When"))

    def export_name(self) -> str:
        return "breakwater-calls"


class NudgesChart(BarChart):
    def show_data(self, bars: NudgeBars) -> None:
        counts = bars.counts
        offered = sum(c.offered for c in counts)
        self.set_title(
            _("Nudges and what you did with them"),
            ngettext("{n} nudge offered in this period, {per}.",
                     "{n} nudges offered in this period, {per}.", offered).format(
                n=number(offered), per=bucket_note(bars.bucket)))
        self.set_axes(bucket_axis(bars.bucket), _("Nudges (count)"))
        if not offered:
            self.show_empty(_("No nudges were offered in this period."))
            return
        t = self.theme
        stack = [Series(_("Accepted"), [c.accepted for c in counts], t.accepted),
                 Series(_("Snoozed"), [c.snoozed for c in counts], t.snoozed),
                 Series(_("Dismissed"), [c.dismissed for c in counts], t.dismissed),
                 Series(_("No answer"), [c.unanswered for c in counts], t.unanswered)]
        axis, labels = self.labels_for(bars)
        self.draw(axis, labels, [stack])
        self.fill_table(_("When"))

    def export_name(self) -> str:
        return "breakwater-nudges"


class BreaksChart(BarChart):
    def show_data(self, bars: BreakBars) -> None:
        counts = bars.counts
        taken = sum(c.taken for c in counts)
        suggested = sum(c.suggested for c in counts)
        self.set_title(
            _("Breaks taken and suggested"),
            _("Breaks {per}: after a nudge, started by you, or time away from the keyboard; "
              "the line shows breaks suggested.").format(per=bucket_note(bars.bucket)))
        self.set_axes(bucket_axis(bars.bucket), _("Breaks (count)"))
        if not taken and not suggested:
            self.show_empty(_("No breaks were taken or suggested in this period."))
            return
        t = self.theme
        stack = [Series(_("After a nudge"), [c.offered for c in counts], t.offered),
                 Series(_("Started by you"), [c.chosen for c in counts], t.chosen),
                 Series(_("Away from the keyboard"), [c.natural for c in counts], t.natural)]
        line = Series(_("Suggested"), [c.suggested for c in counts], t.line)
        axis, labels = self.labels_for(bars)
        self.draw(axis, labels, [stack], [line])
        self.fill_table(_("When"))

    def export_name(self) -> str:
        return "breakwater-breaks"
