"""History at its edges: dates no one can have data for, a window asked again for another
range, Esc, five years of weekly check-ins, an export that cannot be written, and what a
screen reader reads of the headline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.history import EARLIEST_DAY, RangeKind
from desktop.core.model import Kind
from desktop.service import Breakwater, checkin
from desktop.service.history import HistoryService
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.history.window import HistoryWindow
from desktop.ui.windows import WindowContext, WindowRegistry

TODAY = date(2026, 11, 20)
NOW = 1_795_194_000.0  # 2026-11-20 17:00 UTC, a Friday
WEEK = 7 * 86_400.0


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Breakwater]:
    opened = open_database(tmp_path / "b.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(NOW))
    service.tag(Kind.DIFFICULT, 2)
    yield service
    service.store.close()


@pytest.fixture
def registry(app: Breakwater) -> Iterator[WindowRegistry]:
    ctx = WindowContext(app, alone=True, tell=lambda _t, _x: None)
    windows = WindowRegistry(ctx)
    yield windows
    windows.close_all()


def test_dates_out_of_reach_are_cut_to_the_days_that_can_hold_anything(
        app: Breakwater, qtbot: QtBot) -> None:
    assert HistoryService(app).today() == TODAY
    window = HistoryWindow(HistoryService(app), RangeKind.CUSTOM, date(1, 1, 1),
                           date(9999, 12, 31), defer=False)
    qtbot.addWidget(window)
    assert (window.period.first, window.period.last) == (EARLIEST_DAY, TODAY)
    assert window.calls.labels  # drawn: before, every query failed with OverflowError
    for edit in (window.ranges.from_date, window.ranges.to_date):
        assert edit.minimumDate() == QDate(1970, 1, 1)
        assert edit.maximumDate() == QDate(2026, 11, 20)
    window.ranges.from_date.setDate(QDate(9999, 1, 1))  # typed by mistake: held to today
    window.ranges.custom_button.click()
    assert window.period.first == window.period.last == TODAY


@pytest.mark.parametrize(("first", "last", "why"), [
    ("2027-01-01", "2027-02-01", "after today"),
    ("0001-01-01", "1969-12-31", "before 1970")])
def test_a_period_with_no_day_to_show_is_a_sentence(registry: WindowRegistry, first: str,
                                                    last: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        registry.open("history", {"from": first, "to": last})
    assert registry.get("history") is None


def test_asking_again_shows_the_range_asked_for(registry: WindowRegistry) -> None:
    window = registry.open("history", {"range": "year"})
    assert isinstance(window, HistoryWindow) and window.period.kind is RangeKind.YEAR
    assert registry.open("history", {"range": "today"}) is window
    assert window.period.kind is RangeKind.TODAY
    registry.open("history", {"from": "2026-11-02", "to": "2026-11-08"})
    assert (window.period.first, window.period.last) == (date(2026, 11, 2), date(2026, 11, 8))
    with pytest.raises(ValueError, match="Unknown range"):
        registry.open("history", {"range": "decade"})
    assert window.period.first == date(2026, 11, 2)  # a bad request changes nothing
    registry.open("history")  # no parameters: brought forward as it is
    assert window.period.first == date(2026, 11, 2)


def test_other_windows_follow_what_is_asked_of_them_when_open(
        registry: WindowRegistry) -> None:
    phrases = registry.open("phrases", {"group": "calm"})
    assert registry.open("phrases", {"group": "limit"}) is phrases
    assert phrases.group() == "limit"  # type: ignore[attr-defined]
    journal = registry.open("journal")
    registry.open("journal", {"nudge_id": 7})
    assert journal.nudge_id == 7  # type: ignore[attr-defined]
    listing = registry.open("journal-list")
    registry.open("journal-list", {"search": "refund"})
    assert listing.search.text() == "refund"  # type: ignore[attr-defined]
    settings = registry.open("settings")
    registry.open("settings", {"page": "support"})
    assert settings.stack.currentWidget() is settings.pages["support"]  # type: ignore[attr-defined]


def test_esc_closes_history(registry: WindowRegistry, qtbot: QtBot) -> None:
    window = registry.open("history", {"range": "week"}, activate=False)
    assert isinstance(window, HistoryWindow)
    window.ranges.buttons[RangeKind.MONTH].setFocus()
    qtbot.keyClick(window.ranges.buttons[RangeKind.MONTH], Qt.Key.Key_Escape)
    assert not window.isVisible() and registry.get("history") is None


def test_years_of_check_ins_read_without_crowding(app: Breakwater, qtbot: QtBot) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    for week in range(260, 0, -1):  # five years of Fridays
        clock.set(NOW - week * WEEK)
        checkin.record(app, [week % 5, 2, 1, 3, week % 4, 1])
    clock.set(NOW)
    window = HistoryWindow(HistoryService(app), RangeKind.ALL, defer=False)
    qtbot.addWidget(window)
    window.tabs.setCurrentIndex(4)
    chart = window.checkins
    texts = [item for item in chart.plot.items if type(item).__name__ == "TextItem"]
    assert texts == []  # 260 numbers over 260 points ran into one another
    ticks = [label for _i, label in chart.plot.getAxis("bottom")._tickLevels[0]]
    assert 6 <= len(ticks) <= 12
    assert ticks[0].endswith("2021") and any(t.endswith("2026") for t in ticks)
    assert sum(t[-4:].isdigit() for t in ticks) == 6  # the year where a new one starts
    assert "Week of" in (chart.hover_text(100, 50) or "")  # exact values on hover
    month = HistoryWindow(HistoryService(app), RangeKind.MONTH, defer=False)
    qtbot.addWidget(month)
    month.tabs.setCurrentIndex(4)
    assert [i for i in month.checkins.plot.items if type(i).__name__ == "TextItem"]


def test_week_bars_over_two_years_carry_the_year(app: Breakwater, qtbot: QtBot) -> None:
    first = TODAY - timedelta(days=400)
    window = HistoryWindow(HistoryService(app), RangeKind.CUSTOM, first, TODAY, defer=False)
    qtbot.addWidget(window)
    ticks = [label for _i, label in window.calls.plot.getAxis("bottom")._tickLevels[0]]
    assert ticks[0].endswith("2025") and sum(t.endswith("2026") for t in ticks) == 1


def test_an_export_that_cannot_be_written_says_why(app: Breakwater, qtbot: QtBot,
                                                   tmp_path: Path) -> None:
    window = HistoryWindow(HistoryService(app), RangeKind.WEEK, defer=False)
    qtbot.addWidget(window)
    taken = tmp_path / "calls.png"
    taken.mkdir()  # a folder of that name: before, "exported" without a word
    for path in (taken, tmp_path / "calls.svg" / "x.svg", tmp_path / "gone" / "calls.png"):
        with pytest.raises(OSError) as raised:
            window.calls.export(path)
        assert raised.value.strerror  # the system's reason, for the message
    assert not (tmp_path / "gone").exists()
    good = tmp_path / "calls.svg"
    window.calls.export(good)
    assert good.stat().st_size > 1000


def test_the_headline_is_read_once(app: Breakwater, qtbot: QtBot) -> None:
    window = HistoryWindow(HistoryService(app), RangeKind.WEEK, defer=False)
    qtbot.addWidget(window)
    for value, words in zip(window.headline.values, window.headline.words, strict=True):
        # Each label reads its own words; before, both read the whole sentence.
        assert value.accessibleName() == value.text() and value.text()
        assert words.accessibleName() == words.text() and value.text() not in words.text()


def test_everything_tab_reaches_has_a_name(app: Breakwater, qtbot: QtBot) -> None:
    window = HistoryWindow(HistoryService(app), RangeKind.MONTH, defer=False)
    qtbot.addWidget(window)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tabbable = [w for w in window.findChildren(QWidget) if w.isVisible()
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()]
        unnamed = [type(w).__name__ for w in tabbable
                   if not w.accessibleName() and not isinstance(w, QTabBar)
                   and not isinstance(w.parent(), QAbstractSpinBox)]  # a date box's text
        assert unnamed == []  # the tab's scroll area was read as "filler" with no name


def test_the_day_the_clocks_go_back_reads_as_the_clock_showed(tmp_path: Path,
                                                              qtbot: QtBot) -> None:
    from tests.integration.test_history_day_curve import BACK, MadridClock, madrid, tag

    opened = open_database(tmp_path / "dst.sqlite3")
    store = Store(opened.conn, opened.path)
    for hour, fold in ((2, 0), (2, 1), (9, 0), (23, 0)):
        tag(store, madrid(BACK, hour, 30, fold))
    service = HistoryService(Breakwater.open(store, MadridClock(madrid(BACK, 23, 50))))
    window = HistoryWindow(service, RangeKind.TODAY, defer=False)
    qtbot.addWidget(window)
    chart = window.day
    ticks = [label for _x, label in chart.plot.getAxis("bottom")._tickLevels[0]]
    assert ticks[:5] == ["01", "02", "02", "03", "04"] and ticks[-1] == "00"
    times = [chart.table.item(r, 0).text() for r in range(chart.table.rowCount())]
    assert times == ["02:30", "02:30", "09:30", "23:30"]
    store.close()
