"""Odd clocks through the tray controller: set back or forward during a call or a break,
a daylight-saving change in the user's zone mid-break. Fake clock, real file."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.model import Kind
from desktop.platform.sleep import FakeSleep
from desktop.service import breaks
from desktop.store.timestamps import from_iso
from tests.ui.test_calls_controller import build
from tests.ui.test_controller_breaks import MIN, Rig


def call_rows(store: object) -> list[tuple[float, float]]:
    return [(from_iso(a), from_iso(b)) for a, b in store.conn.execute(  # type: ignore[attr-defined]
        "SELECT started_utc, ended_utc FROM calls")]


def test_a_clock_set_back_during_a_call_keeps_the_call_its_length(
        tmp_path: Path, qtbot: QtBot) -> None:
    """Before: the file's stamps were moved back, the live call's start in memory was
    not, so the call ended at its old start, an hour ahead of the clock, and its row
    spanned the hour the clock went back (57 minutes for a 4-minute call)."""
    app = build(tmp_path, qtbot)
    try:
        app.press(1)
        app.run(60)
        app.phone.set_call(True)
        app.run(120)
        app.clock.advance(-3600)
        app.run(120)
        app.phone.set_call(False)
        app.run(30)
        [(start, end)] = call_rows(app.store)
        assert 0 < end - start <= 4 * MIN
        assert end <= app.clock.now()  # nothing stamped ahead of the clock
    finally:
        app.controller.shutdown()
        app.store.close()


def test_a_clock_set_back_mid_break_neither_lengthens_nor_loses_it(
        tmp_path: Path, qtbot: QtBot) -> None:
    rig = Rig(tmp_path, qtbot, FakeSleep())
    try:
        rig.controller.tag(Kind.DIFFICULT, severity=3)
        rig.clock.advance(30)
        rig.controller.open_window("break")
        rig.clock.advance(2 * MIN)
        rig.controller.tick()
        rig.clock.advance(-2 * 3600)
        rig.controller.tick()
        run = breaks.current(rig.service)
        assert run is not None and run.remaining(rig.clock.now()) <= 5 * MIN
        rig.clock.advance(5 * MIN)
        rig.controller.tick()
        [(kind, outcome, started, ended, _n)] = rig.rows()
        assert (kind, outcome) == ("break", "taken")
        assert from_iso(ended) - from_iso(started) == 5 * MIN
        assert from_iso(ended) <= rig.clock.now()
        assert rig.notifier.sent[-1][0] == "Break over"
    finally:
        rig.close()


def test_a_daylight_saving_change_mid_break_changes_nothing_of_it(
        tmp_path: Path, qtbot: QtBot) -> None:
    rig = Rig(tmp_path, qtbot, FakeSleep())
    try:
        rig.clock.set(rig.clock.now(), offset=3600)
        rig.controller.open_window("break")
        rig.clock.advance(2 * MIN)
        rig.clock.set(rig.clock.now(), offset=7200)  # clocks go forward in the zone
        rig.controller.tick()
        assert "On a break: 3 minutes left" in rig.controller.menu.status_label.text()
        rig.clock.advance(3 * MIN)
        rig.controller.tick()
        [(_kind, outcome, started, ended, _n)] = rig.rows()
        assert outcome == "taken" and from_iso(ended) - from_iso(started) == 5 * MIN
    finally:
        rig.close()
