"""One day's load, as the tray saw it: the curve, the building and high bands, the day's
tags, breaks, time away and breathing sessions. The day is picked by clicking a bar of
the calls chart or with the date field and the previous/next buttons."""

from __future__ import annotations

import bisect
from datetime import timedelta

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDateEdit, QPushButton

from desktop.i18n import _
from desktop.service.history import DayCurve
from desktop.ui.history.panel import ChartPanel
from desktop.ui.history.text import day_text, number, pattern_name, pydate, qdate

SYMBOLS = {1: "t1", 2: "s", 3: "d"}  # severity: triangle, square, diamond


def clock_text(hour: float) -> str:
    minutes = round(hour * 60) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hour_tick(hour: float) -> str:
    """"08" for a whole hour; "08:30" where the day's offset is a half hour off."""
    text = clock_text(hour)
    return text[:2] if text.endswith(":00") else text


class DayCurveChart(ChartPanel):
    day_requested = Signal(object)  # a datetime.date

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.curve: DayCurve | None = None
        self.previous = QPushButton(self)
        self.previous.clicked.connect(lambda _checked=False: self._step(-1))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.editingFinished.connect(self._typed)
        self.next = QPushButton(self)
        self.next.clicked.connect(lambda _checked=False: self._step(1))
        for i, widget in enumerate((self.previous, self.date, self.next)):
            self.header.insertWidget(1 + i, widget)
        self.retranslate_day_controls()

    def retranslate_day_controls(self) -> None:
        self.previous.setText(_("◀ Day before"))
        self.previous.setAccessibleName(_("Show the day before"))
        self.next.setText(_("Day after ▶"))
        self.next.setAccessibleName(_("Show the day after"))
        self.date.setAccessibleName(_("Day to show"))

    def _step(self, days: int) -> None:
        if self.curve is not None:
            self.day_requested.emit(self.curve.day + timedelta(days=days))

    def _typed(self) -> None:
        chosen = pydate(self.date.date())
        if self.curve is None or chosen != self.curve.day:
            self.day_requested.emit(chosen)

    def show_data(self, curve: DayCurve) -> None:
        self.reset_plot()
        self.curve = curve
        self.date.blockSignals(True)
        self.date.setDate(qdate(curve.day))
        self.date.blockSignals(False)
        self.set_title(_("Load on {day}").format(day=day_text(curve.day)),
                       _("Load is Breakwater's running estimate from your tags; breaks and "
                         "breathing bring it down faster. Shaded bands: building and high."))
        self.set_axes(_("Time of day (local time, hours)"), _("Load (points)"))
        if not curve.marks and max(curve.loads, default=0.0) < 0.05:
            self.show_empty(_("Nothing was recorded on {day}.").format(day=day_text(curve.day)))
            return
        t = self.theme
        active = [s for s, _e, _m in curve.marks] + [e for _s, e, _m in curve.marks]
        left = max(0.0, min([8.0, *active]) - 1)
        right = min(curve.length, max([18.0, *active]) + 1)
        # Room above the curve for the legend.
        top = max(curve.high_at * 1.6, max(curve.loads) * 1.45)
        for low, high, colour, name in ((curve.building_at, curve.high_at, t.building_band,
                                         _("Building")),
                                        (curve.high_at, top, t.high_band, _("High"))):
            band = pg.LinearRegionItem((low, high), orientation="horizontal", movable=False,
                                       brush=pg.mkBrush(colour), pen=pg.mkPen(None))
            band.setZValue(-20)
            self.plot.addItem(band)
            # At the right edge: the legend sits top left and covered "High" there.
            label = pg.TextItem(name, color=t.foreground, anchor=(1, 1))
            label.setPos(right - 0.05, low)
            label.setZValue(-5)
            self.plot.addItem(label)
        spans = {"break": (t.offered, _("Break")), "idle": (t.natural, _("Away")),
                 "breathing": (t.breathing, _("Breathing"))}
        shown: set[str] = set()
        for start, end, mark in curve.marks:
            if mark.kind not in spans:
                continue
            fill, name = spans[mark.kind]
            region = pg.LinearRegionItem((start, max(end, start + 1 / 60)), movable=False,
                                         brush=pg.mkBrush(fill.colour.red(), fill.colour.green(),
                                                          fill.colour.blue(), 60),
                                         pen=pg.mkPen(fill.colour, width=1))
            region.setZValue(-10)
            self.plot.addItem(region)
            if mark.kind not in shown:
                shown.add(mark.kind)
                # A filled sample for the legend only (the regions have none of their own).
                sample = pg.PlotDataItem([], [], pen=fill.pen(), fillLevel=0,
                                         fillBrush=fill.brush())
                self.legend.addItem(sample, name)
        line = pg.PlotDataItem(curve.hours, curve.loads, pen=pg.mkPen(t.line.colour, width=2),
                               name=_("Load"))
        self.plot.addItem(line)
        for severity in (1, 2, 3):
            points = [(start, self.load_at(start)) for start, _end, m in curve.marks
                      if m.kind == "difficult" and m.severity == severity]
            if points:
                fill = t.severity[severity - 1]
                scatter = pg.ScatterPlotItem(
                    [p[0] for p in points], [p[1] for p in points], symbol=SYMBOLS[severity],
                    size=10, brush=pg.mkBrush(fill.colour), pen=pg.mkPen(t.foreground),
                    name=_("Hard call, severity {n}").format(n=severity))
                self.plot.addItem(scatter)
        ordinary = [start for start, _end, m in curve.marks if m.kind == "ordinary"]
        if ordinary:
            ticks = pg.ScatterPlotItem(ordinary, [0.0] * len(ordinary), symbol="|", size=9,
                                       pen=pg.mkPen(t.ordinary.colour), brush=None,
                                       name=_("Ordinary call"))
            self.plot.addItem(ticks)
        # Ticks say what the clock showed: on the day the clocks go back, 02 comes twice.
        self.plot.getAxis("bottom").setTicks(
            [[(h, hour_tick(curve.clock(h))) for h in range(int(left), int(right) + 1)], []])
        self.plot.setXRange(left, right, padding=0)
        self.plot.setYRange(0, top, padding=0)
        self.show_chart()
        self._fill_table()

    def load_at(self, hour: float) -> float:
        """The curve's value at ``hour`` (the last point at or before it)."""
        assert self.curve is not None
        i = bisect.bisect_right(self.curve.hours, hour)
        return self.curve.loads[i - 1] if i else 0.0

    def _describe(self, mark_kind: str, severity: int, detail: str) -> str:
        if mark_kind == "difficult":
            return _("Hard call, severity {n}").format(n=severity)
        if mark_kind == "ordinary":
            return _("Ordinary call")
        if mark_kind == "breathing":
            return _("Breathing ({pattern})").format(pattern=pattern_name(detail))
        if mark_kind == "idle":
            return _("Away from the keyboard")
        return _("Break")

    def _fill_table(self) -> None:
        assert self.curve is not None
        rows = []
        for start, end, mark in self.curve.marks:
            clock = self.curve.clock
            when = clock_text(clock(start)) if mark.kind in ("difficult", "ordinary") else \
                _("{start}–{end}").format(start=clock_text(clock(start)),
                                          end=clock_text(clock(end)))
            rows.append([when, self._describe(mark.kind, mark.severity, mark.detail),
                         number(self.load_at(start), 1)])
        self.table.fill([_("Time"), _("What"), _("Load then")], rows)

    def hover_text(self, x: float, y: float) -> str | None:
        if self.curve is None or not 0 <= x <= self.curve.length:
            return None
        lines = [_("{time}: load {load}").format(time=clock_text(self.curve.clock(x)),
                                                  load=number(self.load_at(x), 1))]
        for start, end, mark in self.curve.marks:
            near = abs(start - x) <= 0.05 if start == end or mark.kind in (
                "difficult", "ordinary") else start <= x <= end
            if near:
                lines.append(self._describe(mark.kind, mark.severity, mark.detail))
        return "\n".join(lines)

    def export_name(self) -> str:
        return f"breakwater-load-{self.curve.day.isoformat()}" if self.curve else \
            "breakwater-load"

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.key() in (
                Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

