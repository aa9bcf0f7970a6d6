"""A live call as the tray app sees it: a fake call source, the fake clock, fake platform
parts and a real SQLite file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.model import Kind
from desktop.core.nudge import NudgePolicy
from desktop.platform.calls import FakeCalls
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.idle import FakeIdle
from desktop.platform.notify import FakeNotifier
from desktop.platform.sleep import FakeSleep, SleepMonitor, UnavailableSleep
from desktop.service import Breakwater
from desktop.store.calls import CallLog
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso
from desktop.ui.controller import TrayController

T0 = 1_790_035_200.0 + 10 * 3600
SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def shot(widget: QWidget, name: str) -> None:
    """For people to look at (not compared): artifacts/screenshots/NAME.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


@dataclass
class App:
    controller: TrayController
    clock: FakeClock
    sent: FakeNotifier
    phone: FakeCalls
    hotkeys: FakeHotkeys
    store: Store
    monitors: list[frozenset[str]]

    def press(self, times: int = 1) -> None:
        for _ in range(times):
            self.hotkeys.bindings["<ctrl>+<alt>+h"]()

    def run(self, seconds: int) -> None:
        """Tick once a second, as the real timer would at worst."""
        for _ in range(seconds):
            self.clock.advance(1)
            self.controller.tick()

    def nudges(self) -> list[str]:
        """The nudges offered so far (each a card on screen, and a row)."""
        return [kind for (kind,) in self.store.conn.execute("SELECT kind FROM nudges")]

    def calls(self) -> list[tuple[float, float, str]]:
        return [(c.start, c.end, c.source) for c in CallLog(self.store).since(0)]


def build(tmp_path: Path, qtbot: QtBot, settings: dict[str, str] | None = None,
          idle: FakeIdle | None = None, sleep: SleepMonitor | None = None) -> App:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    clock = FakeClock(T0)
    service = Breakwater.open(store, clock)
    for key, value in (settings or {}).items():
        service.set_setting(key, value)
    sent, hotkeys, phone = FakeNotifier(), FakeHotkeys(), FakeCalls()
    monitors: list[frozenset[str]] = []

    def factory(apps: frozenset[str]) -> FakeCalls:
        monitors.append(apps)
        return phone

    controller = TrayController(service, NudgePolicy(service.settings), sent, hotkeys,
                                idle or FakeIdle(), tray_available=False,
                                call_monitor=factory, sleep=sleep)
    controller.show()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    controller.start_hotkeys()
    controller.start_watching()
    return App(controller, clock, sent, phone, hotkeys, store, monitors)


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    built = build(tmp_path, qtbot)
    yield built
    built.controller.shutdown()
    built.store.close()


def test_a_hotkey_streak_during_a_call_shows_only_a_small_toast(app: App) -> None:
    app.phone.set_call(True)
    app.press(5)  # five hard calls: load 'high', a break is due
    app.run(120)
    shot(app.controller.popups.toast, "calls-toast-during-a-call")
    ui = app.controller.describe()
    assert ui["in_call"] is True and ui["toast"] is True and ui["toast_compact"] is True
    assert not app.controller.popups.toast.severity_row.isVisible()
    assert app.sent.sent == [] and ui["nudge"] is False and app.nudges() == []
    assert ui["held"] == 1
    assert app.controller.service.status().streak == 5  # every press was recorded

    app.phone.set_call(False)
    ended = app.clock.now()
    app.run(9)
    assert app.nudges() == [] and not app.controller.describe()["nudge"]
    app.run(1)  # wrap-up over, ten seconds after the call
    assert app.nudges() == ["break"]
    assert app.controller.describe()["nudge_text"] == (
        "Load is high.", "A 5-minute break away from the screen?")
    app.run(300)
    assert app.nudges() == ["break"]  # once
    assert app.sent.sent == []  # a nudge is its card, never a notification as well
    assert app.calls() == [(T0, ended, "fake")]


def test_a_tag_outside_a_call_keeps_the_full_toast(app: App) -> None:
    app.press()
    assert app.controller.popups.toast.isVisible()
    assert not app.controller.popups.toast.compact
    assert app.controller.popups.toast.severity_row.isVisible()


def test_every_other_message_waits_for_the_wrap_up_and_comes_once(app: App) -> None:
    app.phone.set_call(True)
    app.controller.tell("Break over", "Welcome back.")
    app.controller.tell("Break over", "Welcome back.")
    app.controller.tell("Weekly check-in", "Five questions, when you have a minute.")
    assert app.sent.sent == [] and app.controller.held() == 2
    assert app.controller.describe()["calls_line"] == (
        "In a call: 2 messages wait until it ends")
    app.phone.set_call(False)
    app.run(10)
    assert app.sent.sent == [("Break over", "Welcome back."),
                             ("Weekly check-in", "Five questions, when you have a minute.")]
    app.run(60)
    assert len(app.sent.sent) == 2


def test_an_offer_shown_during_a_call_waits_and_appears_once_after(
        app: App, qtbot: QtBot) -> None:
    from desktop.ui.popup import Popup

    offer = Popup(0)  # a weekly check-in offer, say: any small window near the tray
    qtbot.addWidget(offer)
    app.phone.set_call(True)
    app.controller.popups.show(offer)
    app.controller.popups.show(offer)
    assert not offer.isVisible() and app.controller.held() == 1
    app.phone.set_call(False)
    app.run(9)
    assert not offer.isVisible()
    app.run(1)
    assert offer.isVisible() and app.controller.held() == 0


def test_back_to_back_calls_release_after_the_last(app: App) -> None:
    app.phone.set_call(True)
    app.press(2)
    app.run(60)
    app.phone.set_call(False)
    app.run(4)
    app.phone.set_call(True)  # the next call, four seconds later
    app.run(200)
    assert app.nudges() == [] and app.controller.held() == 1
    app.phone.set_call(False)
    app.run(9)
    assert app.nudges() == []
    app.run(1)
    assert app.nudges() == ["breathe"]
    assert len(app.calls()) == 2


def test_a_source_that_disappears_ends_the_call(app: App) -> None:
    app.phone.set_call(True)
    app.press(2)
    app.run(30)
    app.phone.disappear()  # the sound server stopped
    gone = app.clock.now()
    ui = app.controller.describe()
    assert ui["in_call"] is False and ui["available"] is False and ui["source"] is None
    app.run(10)
    assert app.nudges() == ["breathe"]
    assert app.calls() == [(T0, gone, "fake")]


def test_a_long_call_is_kept_to_the_minute_and_closed_at_quit(app: App) -> None:
    app.phone.set_call(True)
    app.run(59)
    assert app.calls() == [(T0, T0, "fake")]
    app.run(1)
    assert app.calls() == [(T0, T0 + 60, "fake")]  # a crash now loses under a minute
    app.run(30)
    app.controller.shutdown()
    assert app.calls() == [(T0, T0 + 90, "fake")]
    assert app.phone.closed


def test_the_tooltip_and_status_tell_the_truth(tmp_path: Path, qtbot: QtBot) -> None:
    built = build(tmp_path, qtbot)
    controller = built.controller
    try:
        reply = controller.handle({"cmd": "status"})
        assert reply["calls"] == {"in_call": False, "available": True, "source": "fake",
                                  "off": None}
        assert controller.describe()["calls_line"] == "Calls: watched (fake)"
        built.phone.set_call(True)
        assert controller.handle({"cmd": "status"})["calls"]["in_call"] is True
        assert controller.describe()["calls_line"] == (
            "In a call: nudges and notifications wait until it ends")
        built.phone.disappear()
        reply = controller.handle({"cmd": "status"})
        assert reply["calls"] == {"in_call": False, "available": False, "source": None,
                                  "off": "Calls: not watched (no microphone information on "
                                         "this system)"}
        assert controller.describe()["calls_line"] == (
            "Calls: not watched (no microphone information on this system)")
    finally:
        controller.shutdown()
        built.store.close()


def test_a_call_past_the_hold_limit_says_nudges_are_shown_again(
        tmp_path: Path, qtbot: QtBot) -> None:
    built = build(tmp_path, qtbot, {"calls.hold_limit_minutes": "10"})
    try:
        built.phone.set_call(True)
        built.press(2)
        built.run(599)
        assert built.nudges() == []
        built.run(1)
        assert built.nudges() != []
        assert built.controller.describe()["calls_line"] == (
            "In a call for over 10 minutes: nudges are shown again")
    finally:
        built.controller.shutdown()
        built.store.close()


def test_turning_calls_off_stops_watching_and_apps_reach_the_source(
        tmp_path: Path, qtbot: QtBot) -> None:
    built = build(tmp_path, qtbot, {"calls.apps": "Zoiper5.exe, linphone"})
    controller = built.controller
    try:
        assert built.monitors == [frozenset({"zoiper5", "linphone"})]
        built.phone.set_call(True)
        controller.service.set_setting("calls.enabled", "false")
        controller.handle({"cmd": "reload"})
        assert built.phone.closed
        ui = controller.describe()
        assert ui["in_call"] is False and ui["available"] is False
        assert ui["calls_line"] == "Calls: not watched (turned off in settings)"
        assert len(built.calls()) == 1  # the live call was closed when watching stopped
        controller.tell("Breakwater", "Not held now.")
        assert built.sent.sent == [("Breakwater", "Not held now.")]
    finally:
        controller.shutdown()
        built.store.close()


def test_how_was_that_call_is_asked_once_after_an_untagged_call(
        tmp_path: Path, qtbot: QtBot) -> None:
    built = build(tmp_path, qtbot, {"calls.ask_after_call": "true"})
    controller = built.controller
    try:
        built.phone.set_call(True)
        built.run(90)
        built.phone.set_call(False)
        built.run(19)
        assert not controller.describe()["ask_call"]
        built.run(1)
        assert controller.describe()["ask_call"]
        shot(controller.popups._ask, "calls-how-was-that-call")  # type: ignore[arg-type]
        with qtbot.waitSignal(controller.popups.call_rated):
            controller.popups._ask.difficult_button.click()  # type: ignore[union-attr]
        assert not controller.describe()["ask_call"]
        row = built.store.conn.execute("SELECT kind, source FROM interactions").fetchall()
        assert row == [("difficult", "ask")]
        built.run(120)
        assert not controller.describe()["ask_call"]  # once
        # A call that was tagged is not asked about.
        built.phone.set_call(True)
        built.run(90)
        controller.tag(Kind.ORDINARY, source="hotkey")
        built.phone.set_call(False)
        built.run(60)
        assert not controller.describe()["ask_call"]
    finally:
        controller.shutdown()
        built.store.close()


def test_a_call_whose_microphone_flaps_is_one_row_and_asked_about(
        tmp_path: Path, qtbot: QtBot) -> None:
    built = build(tmp_path, qtbot, {"calls.ask_after_call": "true"})
    try:
        built.phone.set_call(True)
        built.run(40)
        for _ in range(5):  # the softphone lets go of the microphone and takes it again
            built.phone.set_call(False)
            built.run(1)
            built.phone.set_call(True)
            built.run(10)
        built.phone.set_call(False)
        ended = built.clock.now()
        assert built.calls() == [(T0, ended, "fake")]
        built.run(20)
        assert built.controller.describe()["ask_call"]
    finally:
        built.controller.shutdown()
        built.store.close()


def test_the_wrap_up_wakes_the_app_on_time(app: App) -> None:
    app.phone.set_call(True)
    app.press(2)
    app.run(30)
    app.phone.set_call(False)
    timer = app.controller.calls._timer
    assert timer.isActive() and 10_000 <= timer.remainingTime() <= 10_050
    assert app.controller.tick() <= 10.0


NO_SERVER_TEXT = {
    "en": "Call detection is off: no sound server (PulseAudio or PipeWire) is running",
    "es": "La detección de llamadas está desactivada: no hay ningún servidor de sonido "
          "(PulseAudio o PipeWire) en marcha",
    "zh_CN": "通话检测已关闭：没有正在运行的声音服务器（PulseAudio 或 PipeWire）",
}


@pytest.mark.parametrize("language", ["en", "es", "zh_CN"])
def test_no_sound_server_is_said_in_the_same_words_everywhere(
        tmp_path: Path, qtbot: QtBot, language: str) -> None:
    from desktop.i18n import setup
    from desktop.platform.calls import NO_SOUND_SERVER

    built = build(tmp_path, qtbot, {"ui.language": language})
    controller = built.controller
    expected = NO_SERVER_TEXT[language]
    try:
        setup(language)
        controller.retranslate()
        settings = controller.windows.open("settings", {"page": "calls"}, activate=False)
        qtbot.addWidget(settings)
        page = settings.pages["calls"]  # type: ignore[attr-defined]
        assert page.calls_state.isHidden()  # watched: nothing to say

        built.phone.disappear(NO_SOUND_SERVER)  # PulseAudio / PipeWire stopped
        assert controller.describe()["calls_line"] == expected  # the tray tooltip
        assert controller.handle({"cmd": "status"})["calls"]["off"] == expected
        assert controller.menu.status_label.text().splitlines()[-1] == expected
        assert controller.window is not None
        assert controller.window.summary.text().splitlines()[-1] == expected
        assert page.calls_state.text() == expected and not page.calls_state.isHidden()
        shot(settings, f"calls-no-sound-server-settings-{language}")
        if language == "zh_CN":
            assert "（" in expected and "(" not in expected  # full-width parentheses

        built.phone.set_call(False)  # the server is back
        assert controller.handle({"cmd": "status"})["calls"]["off"] is None
        assert page.calls_state.isHidden()
        assert expected not in controller.menu.status_label.text()
    finally:
        setup("en")
        controller.shutdown()
        built.store.close()


def _untagged_call(built: App, seconds: int = 90) -> float:
    """A call of ``seconds`` that nobody tags; returns when it ended."""
    built.phone.set_call(True)
    built.run(seconds)
    built.phone.set_call(False)
    return built.clock.now()


def test_the_question_waits_for_breathing_to_end_and_comes_once(
        tmp_path: Path, qtbot: QtBot) -> None:
    built = build(tmp_path, qtbot, {"calls.ask_after_call": "true"})
    controller = built.controller
    try:
        _untagged_call(built)
        built.run(5)
        breathing = controller.windows.open("breathe", {"minutes": 1}, activate=False)
        qtbot.addWidget(breathing)
        built.run(120)  # due after 20 s, but the exercise runs
        assert not controller.describe()["ask_call"]
        breathing.close()
        qtbot.waitUntil(lambda: not controller.windows.in_recovery())
        built.run(1)
        assert controller.describe()["ask_call"]  # now that it is over
        controller.popups.hide_all()
        built.run(60)
        assert not controller.describe()["ask_call"]  # once
    finally:
        controller.shutdown()
        built.store.close()


def test_the_question_waits_while_away_and_is_dropped_when_away_too_long(
        tmp_path: Path, qtbot: QtBot) -> None:
    idle = FakeIdle(0)
    built = build(tmp_path, qtbot, {"calls.ask_after_call": "true"}, idle=idle)
    controller = built.controller
    try:
        ended = _untagged_call(built)
        idle.seconds = 0.0
        built.run(10)
        idle.seconds = 200.0  # no input for over 3 minutes since 10 s after the call
        built.run(15)
        assert controller.idle.away and not controller.describe()["ask_call"]
        idle.seconds = 0.0  # back, a minute after the call
        built.run(1)
        assert controller.describe()["ask_call"]

        controller.popups.hide_all()
        _untagged_call(built)
        idle.seconds = 200.0
        built.run(20 * 60)  # away for twenty minutes: the question is too old
        idle.seconds = 0.0
        built.run(120)
        assert not controller.describe()["ask_call"]
        assert built.clock.now() > ended
    finally:
        controller.shutdown()
        built.store.close()


@pytest.mark.parametrize("recording", [True, False], ids=["mic-still-open", "phone-gone"])
@pytest.mark.parametrize("told", [True, False], ids=["logind", "clock-jump"])
def test_sleep_ends_a_live_call_at_the_moment_of_sleep_and_asks_nothing(
        tmp_path: Path, qtbot: QtBot, told: bool, recording: bool) -> None:
    monitor = FakeSleep() if told else UnavailableSleep()
    built = build(tmp_path, qtbot, {"calls.ask_after_call": "true"}, sleep=monitor)
    controller = built.controller
    try:
        built.phone.set_call(True)
        built.run(300)
        asleep_at = built.clock.now()
        if isinstance(monitor, FakeSleep):
            monitor.sleep()
            if not recording:
                built.phone.set_call(False)  # reported while going to sleep: no matter
        built.clock.advance(8 * 3600)  # the night
        woke_at = built.clock.now()
        if isinstance(monitor, FakeSleep):
            monitor.wake()
        elif not recording:
            # The softphone's end is reported on waking, before the first tick notices
            # the clock jumped: it still ends the call at the sleep, not now.
            built.phone.set_call(False)
        controller.tick()
        calls = built.calls()
        assert calls[0] == (T0, asleep_at, "fake")  # not the wake time
        if recording:  # the microphone still in use after waking is a call from then
            assert [c[0] for c in calls[1:]] == [woke_at]
            built.phone.set_call(False)
        else:
            assert len(calls) == 1 and not controller.gate.live
        for _ in range(15 * 60):
            built.run(1)
            assert not controller.describe()["ask_call"]  # about the call before the night
        stored = sqlite3.connect(built.store.path).execute(
            "SELECT ended_utc FROM calls ORDER BY id LIMIT 1").fetchone()
        assert stored == (to_iso(asleep_at),)  # in the file, as any SQLite tool reads it
    finally:
        controller.shutdown()
        built.store.close()
