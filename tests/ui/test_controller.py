"""The tray controller with a fake clock, fake platform parts and a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.breathing import LEAD_IN_SECONDS
from desktop.core.clock import FakeClock
from desktop.core.model import Kind
from desktop.core.nudge import NudgePolicy
from desktop.platform.hotkeys import FakeHotkeys as Hotkeys
from desktop.platform.idle import FakeIdle as Idle
from desktop.platform.notify import FakeNotifier as Notifier
from desktop.service import Breakwater
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.breathing_window import BreathingWindow
from desktop.ui.controller import TrayController

T0 = 1_790_035_200.0 + 10 * 3600


Parts = tuple[TrayController, FakeClock, Notifier, Idle, Hotkeys, Store]


@pytest.fixture
def parts(tmp_path: Path, qtbot: QtBot) -> Iterator[Parts]:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    clock = FakeClock(T0)
    service = Breakwater.open(store, clock)
    notifier, idle, hotkeys = Notifier(), Idle(), Hotkeys()
    controller = TrayController(service, NudgePolicy(service.settings), notifier, hotkeys,
                                idle, tray_available=False)
    controller.show()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    yield controller, clock, notifier, idle, hotkeys, store
    controller.shutdown()
    store.close()


def count(store: Store, sql: str) -> int:
    return int(store.conn.execute(sql).fetchone()[0])


def offers(store: Store) -> int:
    return count(store, "SELECT count(*) FROM nudges")


def test_hotkey_tags_shows_toast_and_updates_status(parts: Parts, qtbot: QtBot) -> None:
    controller, _clock, _n, _i, hotkeys, store = parts
    assert controller.start_hotkeys() == []
    assert set(hotkeys.bindings) == {"<ctrl>+<alt>+h", "<ctrl>+<alt>+g", "<ctrl>+<alt>+j"}
    hotkeys.bindings["<ctrl>+<alt>+h"]()  # as the listener thread would
    qtbot.waitUntil(lambda: count(store, "SELECT count(*) FROM interactions") == 1)
    assert count(store, "SELECT count(*) FROM interactions WHERE source = 'hotkey'") == 1
    assert controller.popups.toast.isVisible()
    # One hard call of default severity is not yet "building" (call-queue defaults).
    assert "Load 2.0 (calm)" in controller.window.summary.text()


def test_high_load_nudges_once_and_records_the_answer(parts: Parts) -> None:
    controller, clock, notifier, _idle, _h, store = parts
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    # One surface: the card alone, no desktop notification saying the same again.
    assert controller.popups.card_text() == ("Load is high.",
                                             "A 5-minute break away from the screen?")
    assert notifier.sent == []
    assert controller.describe()["nudge"] is True
    controller.tick()
    assert offers(store) == 1  # no repeat without a new tag, within the cooldown
    controller.popups.card.snoozed.emit(10)
    assert not controller.popups.card.isVisible()
    row = store.conn.execute("SELECT kind, level, response, snooze_minutes FROM nudges"
                                ).fetchone()
    assert row == ("break", "high", "snoozed", 10.0)
    clock.advance(10 * 60)
    controller.tick()
    assert offers(store) == 2 and controller.popups.card_visible()  # the snoozed one
    # ...with what fits load now (it eased to 4.8).
    assert controller.popups.card_text() == ("Load is building.", "One minute of breathing?")
    controller.popups.card.dismissed.emit()
    assert count(store, "SELECT count(*) FROM nudges WHERE response = 'dismissed'") == 1


def test_a_dismissed_break_offer_is_a_skipped_break(parts: Parts) -> None:
    controller, _clock, notifier, _i, _h, store = parts
    controller.service.set_setting("breaks.minutes", "10")
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    assert controller.popups.card_text() == ("Load is high.",
                                             "A 10-minute break away from the screen?")
    assert notifier.sent == []
    controller.popups.card.dismissed.emit()
    # The offered break, dismissed before it started, is a "skipped" break of that nudge.
    assert store.conn.execute("SELECT b.kind, b.outcome, b.planned_seconds, n.response "
                              "FROM breaks b JOIN nudges n ON n.id = b.nudge_id").fetchall() \
        == [("break", "skipped", 600, "dismissed")]
    assert controller.service.status().streak == 2  # a skipped break is no break


def test_pause_holds_nudges(parts: Parts) -> None:
    controller, clock, _notifier, _i, _h, store = parts
    controller.pause_hour()
    assert controller.paused_until_text() is not None
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    assert offers(store) == 0 and not controller.popups.card_visible()
    clock.advance(3600)
    assert controller.paused_until_text() is None
    controller.tag(Kind.DIFFICULT, severity=3)  # an hour of decay later, load rises again
    controller.tick()
    assert offers(store) == 1 and controller.popups.card_visible()


def restarted(store: Store, clock: FakeClock, qtbot: QtBot) -> tuple[TrayController, Notifier]:
    """The tray app started again on the same file, as app.py builds it."""
    service = Breakwater.open(store, clock)
    notifier = Notifier()
    controller = TrayController(service, NudgePolicy(service.settings,
                                                     service.saved_nudge_state()),
                                notifier, Hotkeys(), Idle(), tray_available=False)
    controller.show()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    return controller, notifier


def test_a_restart_keeps_the_pause_and_does_not_repeat_an_answered_nudge(
        parts: Parts, qtbot: QtBot) -> None:
    controller, clock, _notifier, _i, _h, store = parts
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    assert offers(store) == 1
    controller.popups.card.dismissed.emit()
    controller.shutdown()
    again, _sent = restarted(store, clock, qtbot)
    clock.advance(60)
    again.tick()
    assert offers(store) == 1  # same load, same last tag: already offered and answered
    again.pause_tomorrow()
    again.shutdown()
    third, _sent = restarted(store, clock, qtbot)
    assert third.paused_until_text() is not None
    third.tag(Kind.DIFFICULT, severity=3)
    third.tag(Kind.DIFFICULT, severity=3)
    third.tick()
    assert offers(store) == 1
    third.resume()
    third.shutdown()
    fourth, _sent = restarted(store, clock, qtbot)
    assert fourth.paused_until_text() is None
    fourth.tick()
    assert offers(store) == 1  # within 20 minutes of the last nudge: held
    clock.advance(19 * 60)
    fourth.tick()
    assert offers(store) == 2  # resumed, and load is raised: the held break is offered
    assert fourth.popups.card_text() == ("Load is high.",
                                         "A 5-minute break away from the screen?")
    fourth.shutdown()


def test_erasing_everything_forgets_the_pause_too(parts: Parts) -> None:
    controller, _c, _n, _i, _h, store = parts
    controller.pause_tomorrow()
    store.delete_everything()  # as `breakwater delete-everything` does, then:
    assert controller.handle({"cmd": "reload"})["ok"] is True
    assert controller.paused_until_text() is None
    assert store.get_state("nudges") is None


def test_away_from_the_keyboard_counts_as_a_break(parts: Parts) -> None:
    controller, clock, _n, idle, _h, store = parts
    controller.tag(Kind.DIFFICULT)
    controller.tag(Kind.DIFFICULT)
    controller.tag(Kind.DIFFICULT)
    clock.advance(240)
    idle.seconds = 240
    controller.tick()
    assert controller.describe()["nudge"] is False  # never nudge during a break
    clock.advance(60)
    idle.seconds = 1
    controller.tick()
    row = store.conn.execute("SELECT kind, outcome FROM breaks").fetchone()
    assert row == ("idle", "taken")
    assert controller.service.status().streak == 0


def test_toast_undo_and_chips_change_the_tag(parts: Parts) -> None:
    controller, _c, _n, _i, _h, store = parts
    reply = controller.tag(Kind.DIFFICULT)
    tag_id = reply["tag"]["id"]
    controller.popups.toast.severity_chosen.emit(tag_id, 3)
    controller.popups.toast.reason_chosen.emit(tag_id, "distressed")
    assert store.conn.execute("SELECT severity, reason FROM interactions").fetchone() == (
        3, "distressed")
    assert controller.service.status().load == pytest.approx(3.0)
    controller.popups.toast.undo_clicked.emit(tag_id)
    assert controller.service.status().load == 0
    assert count(store, "SELECT count(*) FROM interactions WHERE undone_at_utc IS NOT NULL") == 1


def test_a_refused_hotkey_is_reported(tmp_path: Path, qtbot: QtBot) -> None:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    service = Breakwater.open(store, FakeClock(T0))
    notifier = Notifier()
    controller = TrayController(service, NudgePolicy(service.settings), notifier,
                                Hotkeys(refuse={"<ctrl>+<alt>+h"}), Idle(), tray_available=False)
    problems = controller.start_hotkeys()
    assert [p.combo for p in problems] == ["<ctrl>+<alt>+h"]
    assert notifier.sent and "Ctrl+Alt+H" in notifier.sent[0][1]
    assert "breakwater tag difficult" in notifier.sent[0][1]
    assert controller.describe()["hotkey_problems"] == ["<ctrl>+<alt>+h"]
    controller.shutdown()
    store.close()


def test_a_failed_notification_shows_in_the_window_without_a_tray(
        parts: Parts, qtbot: QtBot) -> None:
    controller, *_rest = parts
    assert controller.window is not None
    assert not controller.window.notice.isVisibleTo(controller.window)
    # What the real notifier's worker thread emits when plyer fails.
    controller.fallback_message.emit("A hotkey is not available", "Ctrl+Alt+H: taken")
    qtbot.waitUntil(lambda: controller.window is not None
                    and controller.window.notice.isVisibleTo(controller.window))
    text = controller.window.notice.text()
    assert "A hotkey is not available" in text and "Ctrl+Alt+H: taken" in text


def test_toast_and_nudge_card_do_not_cover_each_other(parts: Parts) -> None:
    controller, *_rest = parts
    controller.tag(Kind.DIFFICULT)
    controller.tag(Kind.DIFFICULT)
    controller.tick()
    assert controller.popups.toast.isVisible() and controller.popups.card.isVisible()
    toast, card = controller.popups.toast.frameGeometry(), controller.popups.card.frameGeometry()
    assert not toast.intersects(card), (toast, card)


def test_accepting_a_breathing_nudge_runs_a_session_that_lowers_load(
        parts: Parts, qtbot: QtBot) -> None:
    controller, clock, notifier, _i, _h, store = parts
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    assert controller.popups.card_text() == ("Load is building.", "One minute of breathing?")
    assert notifier.sent == []
    nudge_row = count(store, "SELECT max(id) FROM nudges")
    controller.popups.card.accepted.emit()
    window = controller.windows.get("breathe")
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    assert controller.describe()["breathing"]["page"] == "before"
    load_before = controller.service.status().load
    window.before.slider.setValue(6)
    window.before.confirm.click()
    clock.advance(LEAD_IN_SECONDS)  # "get ready": no breathing yet
    for _step in range(60 * 4):  # a minute of frames, four a second, on the fake clock
        window.frame()
        clock.advance(0.25)
    window.frame()
    assert window.stack.currentWidget() is window.after
    assert controller.tick() >= 0 and offers(store) == 1  # no nudge mid-session
    # Stored and counted as soon as breathing ends, before (and whether or not) the
    # user rates it; its end is the last breath, not the moment of rating.
    query = ("SELECT pattern, planned_seconds, actual_seconds, completed, rating_before, "
             "rating_after, nudge_id, ended_utc FROM breathing_sessions")
    *row, ended_utc = store.conn.execute(query).fetchone()
    assert row == ["cyclic-sigh", 60.0, 60.0, 1, 6, None, nudge_row]
    load_after = controller.service.status().load
    # Ordinary decay over a minute keeps 98 % (half-life 30 min); breathing speeds it.
    assert load_after < load_before * 0.8
    clock.advance(45)  # the user takes their time over the rating
    window.after.slider.setValue(2)
    window.after.confirm.click()
    assert store.conn.execute(query).fetchone() == (*row[:5], 2, nudge_row, ended_utc)
    assert store.conn.execute("SELECT response FROM nudges").fetchone() == ("accepted",)
    assert controller.describe()["breathing"] is None


def test_breathe_from_the_socket_checks_its_arguments(parts: Parts, qtbot: QtBot) -> None:
    controller, *_rest = parts
    bad = controller.handle({"cmd": "breathe", "pattern": "slow", "minutes": 1})
    assert bad["ok"] is False and "slow" in bad["error"]
    assert controller.windows.get("breathe") is None
    good = controller.handle({"cmd": "open", "window": "breathe",
                              "params": {"pattern": "box", "minutes": 3}})
    assert good == {"ok": True}
    window = controller.windows.get("breathe")
    assert isinstance(window, BreathingWindow)
    qtbot.addWidget(window)
    assert window.plan.pattern.key == "box"
    assert window.plan.cycles == 11
    unknown = controller.handle({"cmd": "open", "window": "nowhere"})
    assert unknown["ok"] is False and "nowhere" in unknown["error"]


def test_an_adopted_popup_is_placed_clear_of_the_toast_and_card(parts: Parts) -> None:
    from desktop.ui.popup import Popup

    controller, *_rest = parts
    controller.tag(Kind.DIFFICULT)
    controller.tag(Kind.DIFFICULT)
    controller.tick()
    offer = Popup(0, rounded=False)
    offer.body.addWidget(offer.button("Open", "Open the offer"))
    controller.popups.show(offer)
    shown = [controller.popups.toast, controller.popups.card, offer]
    assert all(p.isVisible() for p in shown)
    rects = [p.frameGeometry() for p in shown]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:]), rects
    controller.popups.hide_all()
    assert not offer.isVisible()
