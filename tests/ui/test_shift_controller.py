"""A whole simulated shift through the real tray controller, on the fake clock and a real
file: calls every few minutes, hard ones tagged with the hotkey, time away, breaks taken
and declined, breathing. At every step the rules of docs/load-model.md and docs/calls.md
must hold, and a second reader of the file (what `breakwater status` does) must agree
with the tray."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.nudge import NudgePolicy
from desktop.platform.calls import FakeCalls
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.notify import FakeNotifier
from desktop.platform.sleep import UnavailableSleep
from desktop.service import Breakwater, breaks
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso
from desktop.ui.break_window import BreakWindow
from desktop.ui.breathing_window import BreathingWindow
from desktop.ui.controller import TrayController

OFFSET = 3600  # the agent's zone: UTC+1
T0 = 1_790_035_200.0 + 8 * 3600 - OFFSET  # 08:00 local
MIN = 60.0


class Person:
    """The idle monitor as the agent's keyboard and mouse make it: a few seconds of idle
    while at the desk, growing while away."""

    available = True
    source = "x11"

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.away_since: float | None = None

    def idle_seconds(self) -> float:
        now = self.clock.now()
        if self.away_since is not None:
            return max(0.0, now - self.away_since)
        return min(2.0, max(0.0, now - T0))

    def close(self) -> None:
        pass


@dataclass
class Shift:
    controller: TrayController
    clock: FakeClock
    person: Person
    phone: FakeCalls
    hotkeys: FakeHotkeys
    sent: FakeNotifier
    store: Store
    other: Breakwater  # a second reader of the file, as `breakwater status` is
    rng: random.Random
    qtbot: QtBot
    log: list[str] = field(default_factory=list)
    cards: list[tuple[float, tuple[str, str] | None]] = field(default_factory=list)
    calls_made: int = 0
    card_since: float | None = None

    # Time passing ------------------------------------------------------------------
    def run(self, seconds: float) -> None:
        """Let ``seconds`` pass, ticking when the app asks to (as its timer would)."""
        end = self.clock.now() + seconds
        while self.clock.now() < end:
            wait = self.controller.tick()
            self.check()
            self.answer_card()
            self.clock.advance(min(wait, end - self.clock.now()))
        self.controller.tick()
        self.check()
        self.answer_card()

    # The agent -----------------------------------------------------------------------
    def call(self, minutes: float, difficult: bool) -> None:
        self.phone.set_call(True)
        self.calls_made += 1
        self.controller.tick()  # the app pokes its timer when the call state changes
        self.check()
        self.run(minutes * MIN)
        self.phone.set_call(False)
        self.controller.tick()
        self.check()
        self.run(self.rng.uniform(2, 15))
        press = "<ctrl>+<alt>+h" if difficult else "<ctrl>+<alt>+g"
        self.hotkeys.bindings[press]()
        self.check()

    def away(self, minutes: float) -> None:
        self.person.away_since = self.clock.now()
        self.run(minutes * MIN)
        self.person.away_since = None
        self.run(1)

    def answer_card(self) -> None:
        """The agent answers a card after a while (a card may outlive its moment)."""
        popups = self.controller.popups
        if not popups.card_visible():
            self.card_since = None
            return
        now = self.clock.now()
        if self.card_since is None:
            self.card_since = now + self.rng.choice([0, 0, 30, 240])
        if now < self.card_since:
            return
        self.card_since = None
        text = popups.card_text()
        self.cards.append((self.clock.now(), text))
        choice = self.rng.choice(["accept", "dismiss", "snooze", "accept"])
        self.log.append(f"{self.clock.now() - T0:.0f} card {text} -> {choice}")
        if choice == "accept":
            popups.card.accepted.emit()
            self.recover()
        elif choice == "dismiss":
            popups.card.dismissed.emit()
        else:
            popups.card.snoozed.emit(10)

    def recover(self) -> None:
        """What an accepted nudge opened: a break taken (to the end or back early), or
        breathing done; a journal entry left for later."""
        windows = self.controller.windows
        window = windows.get("break")
        if isinstance(window, BreakWindow):
            self.qtbot.addWidget(window)
            window.timer.stop()
            run = breaks.current(self.controller.service)
            assert run is not None
            if self.rng.random() < 0.5:
                self.away(run.seconds / MIN + self.rng.uniform(0, 2))
            else:
                self.run(self.rng.uniform(30, run.seconds - 30))
                window.back_button.click()
            return
        window = windows.get("breathe")
        if isinstance(window, BreathingWindow):
            self.qtbot.addWidget(window)
            window.timer.stop()
            window.before.confirmed.emit(None)
            self.clock.advance(window._lead_in + 0.01)
            window.frame()
            self.run(60)
            window.frame()
            window.close()
            self.run(1)
            return
        journal = windows.get("journal")
        if journal is not None:
            self.qtbot.addWidget(journal)
            journal.close()

    # The rules ----------------------------------------------------------------------
    def check(self) -> None:
        controller = self.controller
        now = self.clock.now()
        service = controller.service
        ui = controller.describe()
        quiet = controller.gate.quiet(now)
        running = breaks.current(service)
        recovering = controller.windows.in_recovery() or running is not None
        if ui["nudge"]:
            assert not quiet, f"a card during a call at {now - T0:.0f}"
            assert not recovering, f"a card during a break/breathing at {now - T0:.0f}"
            assert not controller.idle.away, f"a card while away at {now - T0:.0f}"
        tray = service.status()
        again = Breakwater.open(self.other.store, self.clock).status()  # a new reader
        # Time away is watched by the tray app alone (a command asks it while it runs).
        same = (lambda s: (s.difficult_today, s.ordinary_today)) if \
            controller.idle.away else (lambda s: (s.load, s.level, s.streak,
                                                  s.difficult_today, s.ordinary_today))
        assert same(again) == same(tray), (
            f"the second reader disagrees at {now - T0:.0f}: {again} vs {tray}")
        severities = sum(t.severity for t in service.tracker.tags if not t.undone)
        assert 0 <= tray.load <= severities + 1e-9
        summary = controller.window.summary.text() if controller.window else ""
        assert ("On a break" in summary) == (running is not None), summary


@pytest.fixture
def shift(tmp_path: Path, qtbot: QtBot, request: pytest.FixtureRequest) -> Iterator[Shift]:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    clock = FakeClock(T0, OFFSET)
    service = Breakwater.open(store, clock)
    person, phone = Person(clock), FakeCalls()
    sent, hotkeys = FakeNotifier(), FakeHotkeys()
    controller = TrayController(service, NudgePolicy(service.settings), sent, hotkeys,
                                person, tray_available=False,  # type: ignore[arg-type]
                                call_monitor=lambda _apps: phone, sleep=UnavailableSleep())
    controller.show()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    controller.start_hotkeys()
    controller.start_watching()
    second = open_database(tmp_path / "b.sqlite3")
    other = Breakwater.open(Store(second.conn, second.path), clock)
    made = Shift(controller, clock, person, phone, hotkeys, sent, store, other,
                 random.Random(getattr(request, "param", 1)), qtbot)
    yield made
    for window in controller.windows.open_windows():
        if isinstance(window, BreakWindow):
            window.timer.stop()
    controller.shutdown()
    other.store.close()
    store.close()


@pytest.mark.parametrize("shift", [1, 2, 5], indirect=True)
def test_a_whole_shift(shift: Shift) -> None:
    rng = shift.rng
    end = T0 + 8.5 * 3600
    while shift.clock.now() < end:
        roll = rng.random()
        if roll < 0.04:
            shift.away(rng.uniform(4, 35))  # lunch, a meeting, a coffee
        else:
            shift.call(rng.uniform(2, 7), difficult=rng.random() < 0.35)
            shift.run(rng.uniform(10, 60))
    rows = shift.store.conn.execute(
        "SELECT kind, shown_utc, response FROM nudges ORDER BY id").fetchall()
    print("\n".join(shift.log))
    for r in rows:
        print(r)
    check_nudges(rows)
    check_records(shift)


def check_nudges(rows: list[tuple[str, str, str | None]]) -> None:
    """The budget: no two nudges within the minimum gap and at most the daily cap, but
    for reminders the user asked for (a snooze), which come soon after the snooze ends
    (a call or time away may hold one a while) or not at all."""
    from desktop.store.timestamps import from_iso

    ordinary = 0
    for i, (_kind, shown, _response) in enumerate(rows):
        before = rows[i - 1] if i else None
        gap = from_iso(shown) - from_iso(before[1]) if before is not None else None
        if before is not None and before[2] == "snoozed" and gap is not None \
                and 10 * MIN <= gap <= 35 * MIN:
            continue  # a reminder
        ordinary += 1
        assert gap is None or gap >= 20 * MIN, (i, rows)
    assert ordinary <= 6, rows


def check_records(shift: Shift) -> None:
    """The file: one call row per call, one break row per break (never overlapping), a
    row for every break offer answered, a session for every breathing accepted."""
    conn = shift.store.conn
    calls = conn.execute("SELECT count(*) FROM calls").fetchone()[0]
    assert calls == shift.calls_made
    spans = conn.execute("SELECT started_utc, ended_utc, kind, outcome, nudge_id FROM breaks "
                         "WHERE outcome != 'skipped' ORDER BY started_utc").fetchall()
    for a, b in itertools.pairwise(spans):
        assert a[1] <= b[0], (a, b)
    answered = dict(conn.execute("SELECT id, response FROM nudges WHERE kind = 'break'"))
    linked = {row[4]: row[3] for row in conn.execute(
        "SELECT started_utc, ended_utc, kind, outcome, nudge_id FROM breaks "
        "WHERE nudge_id IS NOT NULL")}
    for nudge, response in answered.items():
        if response == "accepted":
            assert linked.get(nudge) in ("taken", "shortened"), (nudge, linked)
        elif response == "dismissed":
            assert linked.get(nudge) == "skipped", (nudge, linked)
        else:
            assert nudge not in linked
    breathed = conn.execute("SELECT count(*) FROM nudges WHERE kind = 'breathe' AND "
                            "response = 'accepted'").fetchone()[0]
    sessions = conn.execute("SELECT count(*) FROM breathing_sessions WHERE nudge_id IS "
                            "NOT NULL").fetchone()[0]
    assert sessions == breathed


def test_a_week_of_shifts_keeps_the_apps_state_flat(shift: Shift) -> None:
    """Long use: the app runs for days (the machine sleeping between shifts). What it
    holds in memory after each day is the same size, not growing with the days."""
    controller = shift.controller
    held = []
    for _day in range(5):
        start = shift.clock.now()
        while shift.clock.now() < start + 8.5 * 3600:
            shift.call(shift.rng.uniform(2, 7), difficult=shift.rng.random() < 0.3)
            shift.run(shift.rng.uniform(10, 60))
        held.append((len(controller.service.tracker.tags),
                     len(controller.service.tracker.recoveries),
                     controller.held(), len(controller.windows.open_windows()),
                     len(controller.service.break_listeners)))
        shift.clock.suspend(24 * 3600 - (shift.clock.now() - start))  # overnight
        shift.run(60)
        check_nudges(shift.store.conn.execute(
            "SELECT kind, shown_utc, response FROM nudges WHERE shown_utc >= ? ORDER BY id",
            (to_iso(start),)).fetchall())
    tags = [h[0] for h in held]
    assert max(tags) < 2 * min(tags) + 20, held  # a day's tags, not a week's
    assert all(h[2:] == held[0][2:] for h in held), held
