"""The History window: a range picker, three headline numbers and the charts on tabs.

Only what is on screen is queried: the headline and the current tab when the range
changes, another tab when it is first shown. Every control is reachable from the
keyboard: the range picker (ranges.py) has mnemonics, Ctrl+Tab moves between
tabs, and each chart has a table toggle and an export button in the Tab order. The
language can change while the window is open (``retranslate``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.history import Bucket, Period, RangeKind, Span
from desktop.i18n import _
from desktop.service.history import CallBars, HistoryService
from desktop.ui.app_window import closed_by_escape, present_raised
from desktop.ui.history.headline import HeadlineRow, hotkey_text
from desktop.ui.history.ranges import RangeBar
from desktop.ui.history.text import day_text
from desktop.ui.history.theme import emphasise

if TYPE_CHECKING:  # the chart modules load pyqtgraph: imported when first drawn
    from desktop.ui.history.bars import BreaksChart, CallsChart, NudgesChart
    from desktop.ui.history.callhours import CallHoursChart
    from desktop.ui.history.checkins import CheckinChart
    from desktop.ui.history.daycurve import DayCurveChart
    from desktop.ui.history.heatmap import HeatmapChart
    from desktop.ui.history.helps import LoadFallChart, PatternChart
    from desktop.ui.history.panel import ChartPanel

PAGES: tuple[tuple[str, ...], ...] = (
    ("calls", "day"), ("heatmap", "call_hours"), ("nudges", "breaks"), ("patterns", "falls"),
    ("checkins",))


def chart_classes() -> dict[str, type[ChartPanel]]:
    from desktop.ui.history.bars import BreaksChart, CallsChart, NudgesChart
    from desktop.ui.history.callhours import CallHoursChart
    from desktop.ui.history.checkins import CheckinChart
    from desktop.ui.history.daycurve import DayCurveChart
    from desktop.ui.history.heatmap import HeatmapChart
    from desktop.ui.history.helps import LoadFallChart, PatternChart

    return {"calls": CallsChart, "day": DayCurveChart, "heatmap": HeatmapChart,
            "call_hours": CallHoursChart,
            "nudges": NudgesChart, "breaks": BreaksChart, "patterns": PatternChart,
            "falls": LoadFallChart, "checkins": CheckinChart}


class HistoryWindow(QWidget):
    """``defer``: draw the charts just after the window first shows (the range picker and
    headline numbers appear at once; loading pyqtgraph and drawing follow), as the app
    does. Tests may draw at once."""

    charts_drawn = Signal(int)  # a tab's charts are drawn for the current range

    def __init__(self, service: HistoryService, kind: RangeKind = RangeKind.WEEK,
                 first: date | None = None, last: date | None = None,
                 parent: QWidget | None = None, defer: bool = True) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.service = service
        self._defer = defer
        self._fit_to_screen()

        self.title = QLabel(self)
        emphasise(self.title, 1.3, bold=True)
        self.ranges = RangeBar(self)
        self.ranges.chosen.connect(self.set_range)
        self.period_label = QLabel(self)

        self.headline = HeadlineRow(self)
        # Charts are built with their tab, when it is first shown: a PlotWidget costs
        # time and memory, and most visits look at one or two tabs.
        self.charts: dict[str, ChartPanel] = {}
        self.tabs = QTabWidget(self)
        self.pages: list[QVBoxLayout] = []
        self.placeholders: list[QLabel] = []
        for names in PAGES:
            page = QWidget(self)
            layout = QVBoxLayout(page)
            page.setMinimumHeight(250 * len(names))
            waiting = QLabel(page)
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(waiting)
            self.placeholders.append(waiting)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, "")
            self.pages.append(layout)
        self.tabs.currentChanged.connect(self._tab_shown)

        self.welcome = QLabel(self)
        emphasise(self.welcome, 1.25)
        self.welcome.setContentsMargins(40, 40, 40, 40)
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QStackedWidget(self)
        self.charts_page = QWidget(self)
        charts_layout = QVBoxLayout(self.charts_page)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.headline)
        charts_layout.addWidget(self.tabs, 1)
        self.content.addWidget(self.charts_page)
        self.content.addWidget(self.welcome)

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.ranges)
        outer.addWidget(self.period_label)
        outer.addWidget(self.content, 1)

        self.period: Period = service.period(RangeKind.WEEK)
        self.call_bars: CallBars | None = None
        self._stale: set[int] = set()
        self._drawn: set[int] = set()  # tabs drawn for this range (describe())
        self._data: dict[int, Any] = {}  # id(chart) → what it shows, to redraw it
        self._day: date | None = None
        self._painted = False
        self._draw_after_paint = False
        self.retranslate()
        self.set_range(kind, first, last)

    # Charts -------------------------------------------------------------------------------
    def chart(self, name: str) -> ChartPanel:
        """The chart ``name``, built (with the rest of its tab) on first use."""
        if name not in self.charts:
            index = next(i for i, names in enumerate(PAGES) if name in names)
            self.placeholders[index].hide()
            classes = chart_classes()
            for each in PAGES[index]:
                chart = classes[each](self)
                self.charts[each] = chart
                self.pages[index].addWidget(chart, 1)
            self._connect(index)
        return self.charts[name]

    def _connect(self, index: int) -> None:
        if index == 0:
            calls, day = self.calls, self.day
            calls.clicked.connect(lambda x, _y: self._bar_chosen(calls.index_at(x)))
            calls.table.itemActivated.connect(lambda item: self._bar_chosen(item.row()))
            day.day_requested.connect(self.show_day)

    @property
    def calls(self) -> CallsChart:
        return cast("CallsChart", self.chart("calls"))

    @property
    def day(self) -> DayCurveChart:
        return cast("DayCurveChart", self.chart("day"))

    @property
    def heatmap(self) -> HeatmapChart:
        return cast("HeatmapChart", self.chart("heatmap"))

    @property
    def call_hours(self) -> CallHoursChart:
        return cast("CallHoursChart", self.chart("call_hours"))

    @property
    def nudges(self) -> NudgesChart:
        return cast("NudgesChart", self.chart("nudges"))

    @property
    def breaks(self) -> BreaksChart:
        return cast("BreaksChart", self.chart("breaks"))

    @property
    def patterns(self) -> PatternChart:
        return cast("PatternChart", self.chart("patterns"))

    @property
    def falls(self) -> LoadFallChart:
        return cast("LoadFallChart", self.chart("falls"))

    @property
    def checkins(self) -> CheckinChart:
        return cast("CheckinChart", self.chart("checkins"))

    # Text -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("History — Breakwater"))
        self.setAccessibleName(_("History"))
        self.title.setText(_("Your history"))
        self.ranges.retranslate()
        tab_names = [_("&Calls"), _("W&hen"), _("&Nudges and breaks"), _("What h&elps"),
                     _("Check-&ins")]
        for i, name in enumerate(tab_names):
            self.tabs.setTabText(i, name)
            # The tab's page takes the keyboard (to scroll): a screen reader names it.
            page = self.tabs.widget(i)
            if page is not None:
                page.setAccessibleName(name.replace("&", ""))
        self.tabs.setAccessibleName(_("Charts"))
        for waiting in self.placeholders:
            waiting.setText(_("Drawing the charts…"))
        hotkeys = self.service.app.settings
        self.welcome.setText(_(
            "Nothing here yet. When you tag a hard call ({difficult}) or an ordinary one "
            "({ordinary}), your days and weeks will show here: when hard calls cluster, how "
            "your load rose and fell, and what helps you recover.").format(
            difficult=hotkey_text(hotkeys["hotkeys.difficult"]),
            ordinary=hotkey_text(hotkeys["hotkeys.ordinary"])))
        self.welcome.setAccessibleName(self.welcome.text())
        for chart in self.charts.values():
            chart.retranslate_controls()
        if "day" in self.charts:
            self.day.retranslate_day_controls()
        self._describe_period()
        self._redraw()

    def _describe_period(self) -> None:
        period = self.period
        text = day_text(period.first) if period.days == 1 else _("{first} to {last}").format(
            first=day_text(period.first), last=day_text(period.last))
        self.period_label.setText(text)
        self.period_label.setAccessibleName(_("Showing {period}").format(period=text))

    def _redraw(self) -> None:
        """Draw every chart again from what it last showed (new language or palette)."""
        if self.headline.data is not None:
            self.headline.show_data(self.headline.data)
        for chart in self.charts.values():
            if id(chart) in self._data:
                self._draw(chart, self._data[id(chart)])

    # Range --------------------------------------------------------------------------------
    def set_range(self, kind: RangeKind, first: date | None = None,
                  last: date | None = None) -> None:
        self.period = self.service.period(kind, first, last)
        self.ranges.show_range(kind, self.period.first, self.period.last, self.service.today())
        self._describe_period()
        if self.service.is_empty():
            self.content.setCurrentWidget(self.welcome)
            return
        self.content.setCurrentWidget(self.charts_page)
        self._day = None
        self._data.clear()
        self._stale = set(range(len(self.pages)))
        self._drawn.clear()
        self.headline.show_data(self.service.headline(self.period))
        if self._defer and not self._painted:
            self._draw_after_paint = True  # paintEvent draws them once the window shows
        elif self._defer:
            QTimer.singleShot(0, self._draw_current)
        else:
            self._draw_current()

    def _draw_current(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        if index not in self._stale:
            return
        self._stale.discard(index)
        loaders: list[Callable[[], None]] = [
            self._load_calls,
            self._load_when,
            self._load_recovery,
            self._load_helps,
            self._load_checkins,
        ]
        loaders[index]()
        self._drawn.add(index)
        self.charts_drawn.emit(index)

    def describe(self) -> dict[str, Any]:
        """What the window shows (for end-to-end tests): the welcome of an empty history,
        or which tabs' charts are drawn."""
        return {"empty": self.content.currentWidget() is self.welcome,
                "tab": self.tabs.currentIndex(), "drawn": sorted(self._drawn)}

    def _load_calls(self) -> None:
        bars = self.service.calls(self.period)
        self.call_bars = bars
        self._show(self.calls, bars)
        self.show_day(self._day or self.service.last_active_day(self.period))

    def _load_when(self) -> None:
        self._show(self.heatmap, self.service.heatmap(self.period))
        self._show(self.call_hours, self.service.call_hours(self.period))

    def _load_recovery(self) -> None:
        self._show(self.nudges, self.service.nudges(self.period))
        self._show(self.breaks, self.service.breaks(self.period))

    def _load_helps(self) -> None:
        helps = self.service.helps(self.period)
        self._show(self.patterns, helps)
        self._show(self.falls, helps)

    def _load_checkins(self) -> None:
        self._show(self.checkins, self.service.checkins(self.period))

    def _show(self, chart: ChartPanel, data: Any) -> None:
        self._data[id(chart)] = data
        self._draw(chart, data)

    def _draw(self, chart: ChartPanel, data: Any) -> None:
        chart.show_data(data)

    # Days -----------------------------------------------------------------------------
    def show_day(self, day: date) -> None:
        self._day = day
        self._show(self.day, self.service.day_curve(day))

    def _bar_chosen(self, index: int | None) -> None:
        bars = self.call_bars
        if bars is None or index is None:
            return
        if bars.hours or bars.bucket is Bucket.DAY:
            self.show_day(bars.spans[0].first if bars.hours else bars.spans[index].first)
            return
        span: Span = bars.spans[index]
        # A week or a month: look at its days.
        self.set_range(RangeKind.CUSTOM, span.first, span.end - timedelta(days=1))

    # Window -------------------------------------------------------------------------------
    def _fit_to_screen(self) -> None:
        width, height = 1120, 820
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() * 19 // 20), min(height,
                                                                    room.height() * 19 // 20)
        self.resize(width, height)

    def present(self, activate: bool) -> None:
        present_raised(self, activate, hold_back=False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            if self._draw_after_paint:
                self._draw_after_paint = False
                QTimer.singleShot(0, self._draw_current)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # After the children have the new palette too (they get it after the window).
            QTimer.singleShot(0, self._redraw)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not closed_by_escape(self, event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._data.clear()
        super().closeEvent(event)
