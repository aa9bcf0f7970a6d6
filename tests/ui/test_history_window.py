"""The History window on a small generated history (pytest-qt): every chart's numbers are
checked against SQL computed here, ranges switch, a day is picked by clicking its bar,
tables copy, charts export, a new user sees a sentence and no axes."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QDateEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.history import RangeKind
from desktop.i18n import setup
from desktop.service import Breakwater
from desktop.service.history import HistoryService
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.history.window import HistoryWindow
from desktop.ui.windows import WINDOWS, WindowContext, WindowRegistry
from tests.history_data import FRIDAY, Built, build, epoch

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
LOCAL_DAY = "date(at_utc, printf('%+d minutes', utc_offset_min))"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("history") / "b.sqlite3")


@pytest.fixture
def service(history: Built) -> HistoryService:
    # Friday evening, local time UTC+1: the generated weeks end today.
    clock = FakeClock(epoch(FRIDAY, 18, 60), offset=3600)
    return HistoryService(Breakwater.open(history.store, clock))


@pytest.fixture
def window(service: HistoryService, qtbot: QtBot) -> Iterator[HistoryWindow]:
    win = HistoryWindow(service, RangeKind.MONTH, defer=False)
    qtbot.addWidget(win)
    win.present(activate=False)
    yield win
    setup("en")


def sql(history: Built, text: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(history.store.conn.execute(text, params))


def shoot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()  # let new text re-run the layouts first
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"history-{name}.png"))


def test_calls_per_day_are_what_sql_counts(window: HistoryWindow, history: Built) -> None:
    chart = window.calls
    assert window.period.days == 30 and len(chart.labels) == 30
    ordinary, severity = chart.stacks[0][0], chart.stacks[1]
    expected = {(d, s or 0): n for d, s, n in sql(
        history, f"SELECT {LOCAL_DAY} AS d, severity, count(*) FROM interactions "
        "WHERE undone_at_utc IS NULL GROUP BY d, severity")}
    for i in range(30):
        day = (window.period.first + timedelta(days=i)).isoformat()
        assert ordinary.values[i] == expected.get((day, 0), 0)
        assert [s.values[i] for s in severity] == [expected.get((day, n), 0) for n in (1, 2, 3)]
    busiest = max(range(30), key=lambda i: severity[2].values[i])
    tip = chart.hover_text(busiest + 0.1, 1)
    assert tip is not None and f"Hard, severity 3 (very hard): {severity[2].values[busiest]}" in tip
    assert chart.table.rowCount() == 30
    shoot(window, "calls-month")


def test_the_heatmap_shows_the_cells_sql_counts(window: HistoryWindow, history: Built,
                                               qtbot: QtBot) -> None:
    window.tabs.setCurrentIndex(1)
    chart = window.heatmap
    rows = sql(history, "SELECT strftime('%w', at_utc, printf('%+d minutes', utc_offset_min)), "
                        "strftime('%H', at_utc, printf('%+d minutes', utc_offset_min)), count(*) "
                        f"FROM interactions WHERE kind = 'difficult' AND undone_at_utc IS NULL "
                        f"AND {LOCAL_DAY} >= ? GROUP BY 1, 2",
               (window.period.first.isoformat(),))
    assert rows
    for sunday_first, hour, count in rows:
        weekday = (int(sunday_first) + 6) % 7
        assert chart.grid[weekday][int(hour)] == count
        # The same number in the table a screen reader reads.
        column = int(hour) - chart.hours[0] + 1
        assert chart.table.item(weekday, column).text() == str(count)
        assert f": {count} hard call" in (chart.hover_text(int(hour) + 0.5, 6 - weekday + 0.5)
                                          or "")
    shoot(window, "heatmap")


def test_calls_by_hour_show_what_sql_counts(window: HistoryWindow, history: Built) -> None:
    window.tabs.setCurrentIndex(1)
    chart = window.call_hours
    assert chart.data is not None
    calls = dict(sql(history, "SELECT CAST(strftime('%H', started_utc, printf('%+d minutes', "
                              "utc_offset_min)) AS INTEGER), count(*) FROM calls WHERE "
                              "date(started_utc, printf('%+d minutes', utc_offset_min)) >= ? "
                              "GROUP BY 1", (window.period.first.isoformat(),)))
    assert chart.data.calls == [calls.get(h, 0) for h in range(24)]
    hour = max(calls, key=lambda h: calls[h])
    share = chart.data.difficult[hour] / calls[hour]
    assert f"({round(100 * share)}%)" in (chart.hover_text(hour + 0.5, 1) or "")
    assert chart.table.rowCount() == chart.hours[1] - chart.hours[0]
    shoot(window, "when")


def test_the_check_in_trend_shows_each_weeks_latest_score(window: HistoryWindow,
                                                         history: Built) -> None:
    window.tabs.setCurrentIndex(4)
    chart = window.checkins
    assert chart.trend is not None and len(chart.trend.weeks) >= 8
    stored = dict(sql(history, "SELECT week, score FROM checkins"))
    for week in chart.trend.weeks:
        assert week.checked_in == (week.week in stored)
        assert week.score == stored.get(week.week)
    texts = [chart.table.item(r, 1).text() for r in range(chart.table.rowCount())]
    assert "no check-in" in texts and "too few answers for a score" in texts
    scored = next(w for w in chart.trend.weeks if w.score is not None)
    assert f"{round(scored.score)} out of 100" in texts
    shoot(window, "checkins")


def test_what_helps_shows_pattern_averages_and_says_when_there_are_too_few(
        window: HistoryWindow, history: Built) -> None:
    window.tabs.setCurrentIndex(3)
    chart = window.patterns
    rows = {p: (n, mean) for p, n, mean in sql(
        history, "SELECT pattern, count(*), avg(rating_before - rating_after) "
        "FROM breathing_sessions WHERE rating_before IS NOT NULL AND rating_after IS NOT NULL "
        "AND date(started_utc, printf('%+d minutes', utc_offset_min)) >= ? GROUP BY pattern",
        (window.period.first.isoformat(),))}
    shown = {name: (value, words) for name, value, words in chart.rows}
    assert rows["cyclic-sigh"][0] >= 5
    value, words = shown["Cyclic sighing"]
    assert value == pytest.approx(rows["cyclic-sigh"][1])
    assert f"({rows['cyclic-sigh'][0]} rated sessions)" in words
    few = [p for p, (n, _mean) in rows.items() if n < 5]
    assert few, "the generated history has a pattern with too few sessions"
    names = {"box": "Box breathing", "4-7-8": "4-7-8 breathing"}
    for pattern in few:
        value, words = shown[names[pattern]]
        assert value is None and words.startswith("not enough sessions yet")
    assert shown["Resonance breathing"] == (None, "not enough sessions yet (0 of 5)")
    assert [f.response for f in window.service.helps(window.period).falls] == [
        "breathing", "break", "none"]
    assert len(window.falls.rows) == 3
    shoot(window, "what-helps")


def test_nudges_and_breaks_tab(window: HistoryWindow, history: Built) -> None:
    window.tabs.setCurrentIndex(2)
    accepted = window.nudges.stacks[0][0]
    total = sql(history, "SELECT count(*) FROM nudges WHERE response = 'accepted' AND "
                         "date(shown_utc, printf('%+d minutes', utc_offset_min)) >= ?",
                (window.period.first.isoformat(),))[0][0]
    assert sum(accepted.values) == total > 0
    suggested = window.breaks.lines[0]
    assert sum(suggested.values) == sql(
        history, "SELECT count(*) FROM nudges WHERE kind = 'break' AND "
        "date(shown_utc, printf('%+d minutes', utc_offset_min)) >= ?",
        (window.period.first.isoformat(),))[0][0]
    shoot(window, "nudges-breaks")


def bar_point(window: HistoryWindow, index: int) -> QPoint:
    chart = window.calls
    scene = chart.plot.getViewBox().mapViewToScene(QPointF(index + 0.1, 1.0))
    return chart.view.mapFromScene(scene)


def test_clicking_a_bar_shows_that_days_load_from_the_core_model(
        window: HistoryWindow, qtbot: QtBot) -> None:
    day_index = window.calls.labels.index(next(
        label for label in window.calls.labels if "Wed 11 Nov 2026" in label))
    qtbot.mouseClick(window.calls.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=bar_point(window, day_index))
    curve = window.day.curve
    assert curve is not None and curve.day == date(2026, 11, 11)
    assert "Wed 11 Nov 2026" in window.day.title.text()
    hard = [(start, m) for start, _e, m in curve.marks if m.kind == "difficult"]
    assert hard and max(curve.loads) > 0
    # 11 November was a travel day at UTC-5: its calls sit at their local hours.
    first_hour, first = hard[0]
    assert first_hour == pytest.approx((first.start - epoch(curve.day, 0, -300)) / 3600)
    # Each hard call raises the curve by its severity at that moment.
    jumps = [window.day.load_at(h) - window.day.load_at(h - 1e-7) for h, _m in hard]
    assert jumps == pytest.approx([float(m.severity) for _h, m in hard], abs=1e-3)
    assert window.day.date.date().toString("yyyy-MM-dd") == "2026-11-11"
    window.day.next.click()
    assert window.day.curve is not None and window.day.curve.day == date(2026, 11, 12)
    shoot(window.day, "day-curve")


def test_switching_ranges_redraws_the_bars(window: HistoryWindow, history: Built,
                                           qtbot: QtBot) -> None:
    qtbot.mouseClick(window.range_buttons[RangeKind.WEEK], Qt.MouseButton.LeftButton)
    assert window.period.days == 7 and len(window.calls.labels) == 7
    qtbot.mouseClick(window.range_buttons[RangeKind.TODAY], Qt.MouseButton.LeftButton)
    assert window.period.days == 1 and len(window.calls.labels) == 24  # hours
    assert window.calls.plot.getAxis("bottom").labelText == "Hour of the day"
    qtbot.mouseClick(window.range_buttons[RangeKind.ALL], Qt.MouseButton.LeftButton)
    first = sql(history, f"SELECT min({LOCAL_DAY}) FROM interactions")[0][0]
    assert window.period.first.isoformat() == first
    window.from_date.setDate(window.from_date.date().addDays(-200))
    qtbot.mouseClick(window.custom_button, Qt.MouseButton.LeftButton)
    assert window.period.kind is RangeKind.CUSTOM and window.period.days > 200
    assert window.calls.plot.getAxis("bottom").labelText == "Week (starting Monday)"
    # A week's bar opens that week, day by day.
    last_week = len(window.calls.labels) - 1
    qtbot.mouseClick(window.calls.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=bar_point(window, last_week))
    assert window.period.kind is RangeKind.CUSTOM and window.period.days <= 7
    assert window.period.last == FRIDAY


def test_a_period_with_nothing_shows_sentences_not_axes(window: HistoryWindow) -> None:
    window.set_range(RangeKind.CUSTOM, date(2020, 1, 6), date(2020, 1, 12))
    assert window.calls.is_empty
    assert window.calls.body.currentWidget() is window.calls.empty
    assert window.calls.empty.text() == "No calls were tagged in this period."
    assert not window.calls.export_button.isEnabled()
    assert window.day.is_empty
    window.tabs.setCurrentIndex(3)
    assert window.patterns.is_empty and "Not enough sessions yet" in window.patterns.empty.text()
    assert window.headline.values[0].text() == "0"


def test_a_new_user_gets_a_friendly_sentence_and_no_charts(tmp_path: Path, qtbot: QtBot) -> None:
    opened = open_database(tmp_path / "new.sqlite3")
    service = HistoryService(Breakwater.open(Store(opened.conn, opened.path), FakeClock()))
    win = HistoryWindow(service, RangeKind.ALL, defer=False)
    qtbot.addWidget(win)
    win.present(activate=False)
    assert win.content.currentWidget() is win.welcome
    assert "Nothing here yet" in win.welcome.text() and "Ctrl+Alt+H" in win.welcome.text()
    assert win.charts == {}  # no axes drawn at all
    shoot(win, "new-user")


def test_tables_toggle_and_copy(window: HistoryWindow, qtbot: QtBot) -> None:
    chart = window.calls
    qtbot.mouseClick(chart.table_toggle, Qt.MouseButton.LeftButton)
    assert chart.body.currentWidget() is chart.table
    assert chart.table_toggle.text() == "Show chart"
    chart.table.selectRow(3)
    qtbot.keyClick(chart.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].split("\t")[:2] == ["When", "Ordinary"]
    assert copied[1].split("\t") == [chart.table.item(3, c).text()
                                     for c in range(chart.table.columnCount())]
    qtbot.mouseClick(chart.table_toggle, Qt.MouseButton.LeftButton)
    assert chart.body.currentWidget() is chart.view


def test_charts_export_to_png_and_svg(window: HistoryWindow, tmp_path: Path) -> None:
    window.calls.export(tmp_path / "calls.png")
    image = QImage(str(tmp_path / "calls.png"))
    assert not image.isNull() and image.width() >= 1600
    window.calls.export(tmp_path / "calls.svg")
    root = ET.parse(tmp_path / "calls.svg").getroot()
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith(("title", "text")))
    assert "Hard and ordinary calls" in texts
    assert not window.calls.plot.titleLabel.isVisible()  # the title is for the file only
    window.tabs.setCurrentIndex(1)
    window.heatmap.export(tmp_path / "when.svg")
    assert (tmp_path / "when.svg").stat().st_size > 1000


def test_a_failed_export_is_told_not_raised(window: HistoryWindow, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(OSError):
        window.calls.export(tmp_path / "no such folder" / "calls.png")
    from desktop.ui.history import panel

    told: list[str] = []
    monkeypatch.setattr(panel.QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "no such folder" / "calls"), ""))
    monkeypatch.setattr(panel.QMessageBox, "warning",
                        lambda parent, title, text: told.append(f"{title}: {text}"))
    window.calls.png_action.trigger()
    assert len(told) == 1 and told[0].startswith("Export failed: ")
    assert not (tmp_path / "no such folder").exists()


def test_a_dark_palette_gives_dark_charts(window: HistoryWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    palette = QPalette(light)
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#202124"), (roles.Base, "#17181a"),
                         (roles.AlternateBase, "#26282b"), (roles.Button, "#303134"),
                         (roles.Text, "#e8eaed"), (roles.WindowText, "#e8eaed"),
                         (roles.ButtonText, "#e8eaed")):
        palette.setColor(role, QColor(colour))
    app.setPalette(palette)  # the desktop switched to a dark theme
    try:
        QApplication.processEvents()
        chart = window.calls
        assert chart.theme.dark
        assert chart.view.backgroundBrush().color().lightness() < 60
        shoot(window, "calls-dark")
    finally:
        app.setPalette(light)
        QApplication.processEvents()
    assert not window.calls.theme.dark


def test_every_control_is_named_and_reachable_by_keyboard(window: HistoryWindow,
                                                          qtbot: QtBot) -> None:
    controls = [w for w in window.findChildren(QWidget)
                if isinstance(w, (QAbstractButton, QDateEdit)) and w.isVisible()]
    assert controls
    unnamed = [w for w in controls if not w.accessibleName()]
    assert unnamed == []
    reached: list[QWidget] = []
    widget: QWidget | None = window.range_buttons[RangeKind.TODAY]
    while widget is not None and widget not in reached:
        reached.append(widget)
        widget = widget.nextInFocusChain()
    tabbable = [w for w in reached if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for needed in (*window.range_buttons.values(), window.from_date, window.to_date,
                   window.custom_button, window.calls.table_toggle, window.calls.export_button,
                   window.day.date, window.day.previous, window.tabs.tabBar()):
        assert needed in tabbable, needed.accessibleName()
    # Tab order follows the page: the range row first, then the tabs, then the charts.
    assert tabbable.index(window.custom_button) < tabbable.index(window.tabs.tabBar()) < \
        tabbable.index(window.calls.table_toggle)
    year = window.range_buttons[RangeKind.YEAR]
    qtbot.keyClick(year, Qt.Key.Key_Space)
    assert window.period.days == 365 and year.isChecked()
    assert not window.range_buttons[RangeKind.MONTH].isChecked()


def test_the_language_can_change_while_open(window: HistoryWindow) -> None:
    english = window.range_buttons[RangeKind.WEEK].text()
    title = window.calls.title.text()
    setup("es")
    window.retranslate()
    assert window.range_buttons[RangeKind.WEEK].text() not in ("", english)
    assert window.calls.title.text() != title
    assert window.tabs.tabText(0) != "&Calls"
    shoot(window, "calls-es")
    setup("zh_CN")
    window.retranslate()
    assert window.calls.title.text() not in ("", title)


def test_the_registry_opens_history_and_draws_just_after_the_first_paint(
        history: Built, qtbot: QtBot) -> None:
    clock = FakeClock(epoch(FRIDAY, 18, 60), offset=3600)
    ctx = WindowContext(Breakwater.open(history.store, clock), alone=False,
                        tell=lambda title, text: None)
    registry = WindowRegistry(ctx)
    assert ("history", "His&tory…") in registry.menu_entries()
    with pytest.raises(ValueError, match="Unknown range"):
        registry.open("history", {"range": "decade"})
    with pytest.raises(ValueError, match="before the first"):
        registry.open("history", {"from": "2026-11-10", "to": "2026-11-01"})
    win = registry.open("history", {"from": "2026-11-02", "to": "2026-11-08"}, activate=False)
    qtbot.addWidget(win)
    assert isinstance(win, HistoryWindow) and win.period.days == 7
    with qtbot.waitSignal(win.charts_drawn, timeout=10_000):
        pass
    assert len(win.calls.labels) == 7
    assert registry.open("history") is win
    win.close()


def test_the_idle_tray_never_loads_pyqtgraph() -> None:
    code = ("import sys\n"
            "import desktop.app, desktop.ui.controller, desktop.ui.tray_menu\n"
            "from desktop.ui.windows import WINDOWS\n"
            "assert WINDOWS['history'].available()\n"
            "import desktop.ui.history_open\n"
            "print(sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    assert out.stdout.strip() == "[]"
    assert WINDOWS["history"].module == "desktop.ui.history_open"


def test_no_chart_writes_under_its_legend(window: HistoryWindow) -> None:
    """The class: a text placed on a chart (band names, percentages, counts) must stay
    readable, so no label may sit under the chart's legend. Every tab, every chart."""
    import pyqtgraph as pg

    from desktop.ui.history.panel import ChartPanel

    checked = 0
    for width, index in [(w, i) for w in (1120, 820) for i in range(window.tabs.count())]:
        window.resize(width, 760)
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for panel in window.findChildren(ChartPanel):
            if not panel.isVisible() or panel.is_empty:
                continue
            legend = panel.legend
            if not legend.isVisible() or not legend.items:
                continue
            box = legend.sceneBoundingRect()
            for item in panel.plot.items:
                if isinstance(item, pg.TextItem) and item.isVisible() and item.toPlainText():
                    checked += 1
                    assert not item.sceneBoundingRect().intersects(box), (
                        f"{type(panel).__name__}: {item.toPlainText()!r} is under the legend")
    assert checked > 0
