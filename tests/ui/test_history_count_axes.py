"""Axes that count things show whole numbers: a chart whose tallest bar is 1, 2, 3 or 250
never ticks at 0.5 or 1.5 (asked of the axis itself, at the sizes a window gives it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pyqtgraph as pg
import pytest
from pytestqt.qtbot import QtBot

from desktop.core.history import Period, RangeKind, Span
from desktop.service.history import BreakBars, CallBars, CallHours, NudgeBars
from desktop.store.history import BreakCounts, CallCounts, NudgeCounts
from desktop.ui.history.axes import CountAxis
from desktop.ui.history.bars import BreaksChart, CallsChart, NudgesChart
from desktop.ui.history.callhours import CallHoursChart
from desktop.ui.history.panel import ChartPanel

FIRST = date(2026, 11, 16)
PERIOD = Period(RangeKind.WEEK, FIRST, FIRST + timedelta(days=6))
SPANS = [Span(FIRST + timedelta(days=i), FIRST + timedelta(days=i + 1)) for i in range(7)]
SIZES = (60.0, 120.0, 200.0, 400.0, 900.0)  # axis lengths in pixels


def calls(top: int) -> CallBars:
    counts = [CallCounts(0, (0, 0, 0))] * 6 + [CallCounts(top, (0, 0, 0))]
    return CallBars(PERIOD, SPANS, False, counts)


def nudges(top: int) -> NudgeBars:
    return NudgeBars(PERIOD, SPANS, False, [NudgeCounts(0, 0, 0, 0)] * 6
                     + [NudgeCounts(top, 0, 0, 0)])


def breaks(top: int) -> BreakBars:
    return BreakBars(PERIOD, SPANS, False, [BreakCounts(0, 0, 0, 0)] * 6
                     + [BreakCounts(0, 0, top, 1)])


def call_hours(top: int) -> CallHours:
    per_hour = [0] * 24
    per_hour[10] = top
    return CallHours(PERIOD, per_hour, [0] * 24)


CHARTS: list[tuple[type[ChartPanel], Callable[[int], object]]] = [
    (CallsChart, calls), (NudgesChart, nudges), (BreaksChart, breaks),
    (CallHoursChart, call_hours)]


def tick_values(axis: pg.AxisItem, low: float, high: float) -> list[float]:
    return [v for size in SIZES for _spacing, values in axis.tickValues(low, high, size)
            for v in values]


@pytest.mark.parametrize(("chart_class", "data"), CHARTS)
@pytest.mark.parametrize("top", [1, 2, 3, 250])
def test_count_axes_tick_whole_numbers(qtbot: QtBot, chart_class: type[ChartPanel],
                                       data: Callable[[int], object], top: int) -> None:
    chart = chart_class()
    qtbot.addWidget(chart)
    chart.show_data(data(top))
    assert not chart.is_empty
    axis = chart.plot.getAxis("left")
    assert isinstance(axis, CountAxis)
    low, high = chart.plot.getViewBox().viewRange()[1]
    assert high >= top  # the range shown is the one the data asked for
    values = tick_values(axis, low, high)
    assert values, "the axis shows no ticks at all"
    assert all(float(v).is_integer() for v in values), sorted(set(values))
    assert 0 in values  # the bars stand on a labelled zero
    if top >= 3:
        assert any(v > 0 for v in values)


def test_a_plain_axis_would_tick_halves() -> None:
    """The test above can fail: pyqtgraph's own axis ticks 0.2, 0.5 … for these ranges."""
    plain = pg.AxisItem("left")
    values = tick_values(plain, 0.0, 1.3)
    assert any(not float(v).is_integer() for v in values)


def test_count_axis_drops_minor_ticks_between_whole_numbers() -> None:
    axis = CountAxis("left")
    for high in (1.3, 2.6, 3.9, 13.0, 325.0):
        levels = axis.tickSpacing(0.0, high, 200.0)
        assert levels and all(spacing >= 1 and float(spacing).is_integer()
                              for spacing, _offset in levels)
