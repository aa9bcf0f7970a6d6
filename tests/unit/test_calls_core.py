"""Never interrupt a live call: the core's rules, with the fake clock, the real load model
and the real nudge policy."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.calls import ASK_WITHIN, REJOIN_SECONDS, CallGate, CallSpan
from desktop.core.clock import FakeClock
from desktop.core.model import Interaction, Kind
from desktop.core.nudge import Nudge, NudgeKind, NudgePolicy
from desktop.core.settings import Settings
from desktop.core.tracker import Tracker

T0 = 1_790_035_200.0 + 10 * 3600  # 10:00 UTC
MIN = 60.0


class Day:
    """An agent's morning: calls, tags and the app's tick once a second."""

    def __init__(self, **values: Any) -> None:
        self.clock = FakeClock(T0)
        self.settings = Settings(values)
        self.tracker = Tracker(self.settings)
        self.policy = NudgePolicy(self.settings)
        self.gate = CallGate(self.settings)
        self.shown: list[tuple[float, Nudge]] = []
        self._ids = 0

    @property
    def now(self) -> float:
        return self.clock.now()

    def tag(self, kind: Kind = Kind.DIFFICULT, severity: int = 3) -> None:
        self._ids += 1
        self.tracker.add(Interaction(self._ids, self.now, kind,
                                     severity if kind is Kind.DIFFICULT else 0))

    def tick(self) -> Nudge | None:
        snap = self.tracker.snapshot(self.now, 0)
        nudge = self.gate.decide(self.policy, snap, self.now, 0, in_recovery=False)
        if nudge is not None:
            self.policy.shown(nudge, snap)
            self.shown.append((self.now, nudge))
        return nudge

    def hard_stretch(self) -> None:
        """Two hard calls back to back: load 5.0, 'building' (below 'high', 6) for a while."""
        self.tag()
        self.tag(severity=2)

    def run(self, seconds: float) -> list[tuple[float, Nudge]]:
        """Tick once a second for ``seconds``; the nudges shown meanwhile."""
        before = len(self.shown)
        for _ in range(int(seconds)):
            self.clock.advance(1)
            self.tick()
        return self.shown[before:]


def test_a_nudge_due_during_a_call_is_delivered_once_at_wrap_up() -> None:
    day = Day()
    day.gate.begin(day.now)
    day.hard_stretch()  # 'building': breathing is due
    assert day.tick() is None and day.gate.held
    assert day.run(3 * MIN) == []
    ended = day.now
    span = day.gate.end(ended)
    assert span == CallSpan(T0, ended) and span.seconds == 3 * MIN
    assert day.gate.wake_at(day.now) == ended + 10
    delivered = day.run(10 * MIN)
    assert [(at - ended, n.kind) for at, n in delivered] == [(10, NudgeKind.BREATHE)]
    assert not day.gate.held


def test_a_held_nudge_is_not_delivered_when_load_fell_meanwhile() -> None:
    day = Day()
    day.gate.begin(day.now)
    day.tag()
    day.tick()
    assert day.gate.held
    day.run(20 * MIN)  # a long call: load 3.0 halves every 30 min, below 'building' (2)
    day.gate.end(day.now)
    assert day.run(10 * MIN) == []
    assert not day.gate.held


def test_back_to_back_calls_hold_until_the_last_one_wraps_up() -> None:
    day = Day()
    day.gate.begin(day.now)
    day.hard_stretch()
    day.run(2 * MIN)
    day.gate.end(day.now)
    assert day.run(5) == []          # the next customer is put through 5 s later
    day.gate.begin(day.now)
    assert day.run(4 * MIN) == []    # nothing during the second call either
    ended = day.now
    day.gate.end(ended)
    delivered = day.run(5 * MIN)
    assert [at - ended for at, _n in delivered] == [10]


def test_a_call_that_never_ends_stops_holding_at_the_limit() -> None:
    day = Day(**{"calls.hold_limit_minutes": 10})
    day.gate.begin(day.now)
    day.hard_stretch()  # load 5.0: still 'building' after 10 minutes (3.97)
    assert day.gate.wake_at(day.now) == T0 + 10 * MIN
    assert day.run(10 * MIN - 1) == []
    delivered = day.run(60 * MIN)
    assert [(at - T0, n.kind) for at, n in delivered] == [(10 * MIN, NudgeKind.BREATHE)]
    assert day.gate.live  # the call itself is still on, and is recorded to its real end


def test_a_source_that_disappears_ends_the_call_and_releases_at_wrap_up() -> None:
    # The monitor reports "not in a call" when its server goes; the app ends the call.
    day = Day()
    day.gate.begin(day.now)
    day.hard_stretch()
    day.run(MIN)
    gone = day.now
    assert day.gate.end(gone) == CallSpan(T0, gone)
    assert day.gate.end(gone + 1) is None  # a second report of the same loss: no new span
    assert [at - gone for at, _n in day.run(MIN)] == [10]


def test_outside_calls_nudges_come_at_once_and_calls_off_holds_nothing() -> None:
    day = Day()
    day.tag()
    assert day.tick() is not None
    off = Day(**{"calls.enabled": False})
    off.gate.begin(off.now)
    off.tag()
    assert off.tick() is not None
    assert not off.gate.quiet(off.now)


def test_a_wall_clock_set_back_does_not_stretch_the_wrap_up() -> None:
    day = Day()
    day.gate.begin(day.now)
    day.clock.advance(MIN)
    day.gate.end(day.now)
    assert day.gate.quiet(day.now)
    day.clock.advance(-3600)  # set back by an hour during the wrap-up
    assert not day.gate.quiet(day.now)
    day.gate.begin(day.now)
    assert day.gate.end(day.now - 5) == CallSpan(day.now, day.now)  # never negative


def test_wrap_up_of_zero_releases_at_the_end() -> None:
    day = Day(**{"calls.wrapup_seconds": 0})
    day.gate.begin(day.now)
    day.hard_stretch()
    day.run(MIN)
    day.gate.end(day.now)
    assert day.tick() is not None


# "How was that call?" -----------------------------------------------------------------
def ask_day(**values: Any) -> Day:
    return Day(**{"calls.ask_after_call": True, **values})


def test_an_untagged_call_of_over_a_minute_is_asked_about_once() -> None:
    day = ask_day()
    day.gate.begin(day.now)
    day.clock.advance(90)
    ended = day.now
    day.gate.end(ended)
    assert day.gate.wake_at(day.now) == ended + 10  # the wrap-up comes first
    day.clock.advance(19)
    assert day.gate.ask_due(day.now, None) is None
    assert day.gate.wake_at(day.now) == ended + 20
    day.clock.advance(1)
    assert day.gate.ask_due(day.now, None) == CallSpan(T0, ended)
    assert day.gate.ask_due(day.now + 5, None) is None


def test_no_question_after_a_tag_a_short_call_a_new_call_or_by_default() -> None:
    tagged = ask_day()
    tagged.gate.begin(tagged.now)
    tagged.clock.advance(90)
    tagged.gate.end(tagged.now)
    tagged.clock.advance(5)
    assert tagged.gate.ask_due(tagged.now + 30, last_tag_at=tagged.now) is None

    short = ask_day()
    short.gate.begin(short.now)
    short.gate.end(short.now + 45)
    assert short.gate.ask_due(short.now + 120, None) is None

    moved_on = ask_day()
    moved_on.gate.begin(moved_on.now)
    moved_on.gate.end(moved_on.now + 90)
    moved_on.gate.begin(moved_on.now + 95)
    moved_on.gate.end(moved_on.now + 100)
    assert moved_on.gate.ask_due(moved_on.now + 200, None) is None

    default = Day()
    default.gate.begin(default.now)
    default.gate.end(default.now + 600)
    assert default.gate.ask_due(default.now + 700, None) is None


def test_a_microphone_let_go_of_for_a_moment_is_the_same_call() -> None:
    """A softphone reopening its stream (hold, transfer) or a sound server restarting:
    one call, asked about as a whole; the next customer seconds later is a new call."""
    day = ask_day()
    day.gate.begin(day.now)
    day.gate.end(day.now + 50)
    assert day.gate.begin(day.now + 50 + REJOIN_SECONDS) and day.gate.rejoined
    span = day.gate.end(day.now + 70)
    assert span == CallSpan(T0, T0 + 70)  # over a minute: asked about
    assert day.gate.ask_due(T0 + 90, None) == span
    assert day.gate.begin(T0 + 74) and not day.gate.rejoined  # 4 s later: a new call
    assert day.gate.end(T0 + 80) == CallSpan(T0 + 74, T0 + 80)


# For every schedule of calls and tags -------------------------------------------------
events = st.lists(st.tuples(st.sampled_from(["call", "hang up", "tag", "wait"]),
                            st.integers(1, 300)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(events)
def test_nothing_reaches_the_screen_while_quiet_and_what_is_due_comes_when_it_ends(
        schedule: list[tuple[str, int]]) -> None:
    day = Day(**{"calls.hold_limit_minutes": 10})
    for action, seconds in schedule:
        if action == "call":
            day.gate.begin(day.now)
        elif action == "hang up":
            day.gate.end(day.now)
        elif action == "tag":
            day.tag()
        for _ in range(seconds):
            day.clock.advance(1)
            quiet = day.gate.quiet(day.now)
            snap = day.tracker.snapshot(day.now, 0)
            due = day.policy.decide(snap, day.now, 0, in_recovery=False)
            shown = day.tick()
            if quiet:
                assert shown is None
                assert day.gate.held == (due is not None)
            else:
                assert shown == due  # the moment the quiet ends, whatever is due comes


def test_a_clock_found_set_back_moves_the_live_call_and_the_wrap_up_with_it() -> None:
    gate = CallGate(Settings())
    gate.begin(T0)
    now = T0 - 3600 + 120  # the clock went back an hour two minutes into the call
    gate.shifted(now, 3600)
    assert gate.live_since == T0 - 3600
    assert gate.quiet(now)
    span = gate.end(now + 60)
    assert span is not None and span.seconds == 180  # not 0 s at the old start
    later = CallGate(Settings())
    later.begin(T0)
    later.end(T0 + 60)
    later.shifted(T0 - 7200, 7000)  # moved, but never left ahead of the clock
    assert later.ended_at == T0 - 7200
    assert later.quiet(T0 - 7200 + 5) and not later.quiet(T0 - 7200 + 11)


# "How was that call?" while busy, away or asleep ---------------------------------------
def test_the_question_waits_while_busy_and_is_asked_once_when_it_ends() -> None:
    day = ask_day()
    day.gate.begin(day.now)
    day.clock.advance(90)
    ended = day.now
    day.gate.end(ended)
    day.clock.advance(20)  # due now, but a breathing exercise runs
    assert day.gate.ask_due(day.now, None, busy=True) is None
    day.clock.advance(5 * MIN)
    assert day.gate.ask_due(day.now, None, busy=True) is None
    assert day.gate.ask_due(day.now, None, busy=False) == CallSpan(T0, ended)  # it ended
    assert day.gate.ask_due(day.now + 1, None, busy=False) is None  # once


def test_a_question_held_too_long_is_dropped_not_asked() -> None:
    day = ask_day()
    day.gate.begin(day.now)
    day.gate.end(day.now + 90)
    due = day.now + 90 + 20
    assert day.gate.ask_due(due + ASK_WITHIN, None, busy=True) is None  # still held
    assert day.gate.ask_due(due + ASK_WITHIN + 1, None, busy=True) is None  # now dropped
    assert day.gate.ask_due(due + ASK_WITHIN + 2, None, busy=False) is None
    assert day.gate.wake_at(due + ASK_WITHIN + 2) is None  # nothing left to wake for


def test_a_call_ended_by_sleep_hours_ago_is_not_asked_about() -> None:
    day = ask_day()
    day.gate.begin(day.now)
    asleep_at = day.now + 20 * MIN
    assert day.gate.end(asleep_at) == CallSpan(T0, asleep_at)  # ended at the sleep
    woke = asleep_at + 8 * 3600
    for t in range(0, 600, 10):
        assert day.gate.ask_due(woke + t, None, busy=False) is None


@settings(max_examples=80, deadline=None)
@given(st.integers(91, 3000), st.lists(st.tuples(st.booleans(), st.integers(1, 400)),
                                       min_size=1, max_size=12))
def test_the_question_comes_once_never_while_busy_and_never_stale(
        call_seconds: int, spells: list[tuple[bool, int]]) -> None:
    """For any call and any run of busy and free spells after it, checked every second:
    asked at most once, never while busy, never before it is due or after ASK_WITHIN;
    and asked if the person was free at some second within the window."""
    day = ask_day()
    day.gate.begin(day.now)
    day.clock.advance(call_seconds)
    day.gate.end(day.now)
    due = day.now + 20
    asked: list[float] = []
    free_in_window = False
    for busy, seconds in spells:
        for _ in range(seconds):
            day.clock.advance(1)
            now = day.now
            free_in_window |= (not busy and due <= now <= due + ASK_WITHIN and not asked)
            if day.gate.ask_due(now, None, busy) is not None:
                assert not busy and due <= now <= due + ASK_WITHIN
                asked.append(now)
    assert len(asked) <= 1
    assert bool(asked) == free_in_window


# Before the source's first answer ------------------------------------------------------
def test_until_the_source_first_answers_everything_waits_a_few_seconds_at_most() -> None:
    from desktop.core.calls import SOURCE_ANSWER_SECONDS

    day = Day()
    day.gate.source_pending(day.now)
    day.hard_stretch()
    assert day.gate.quiet(day.now) and day.tick() is None and day.gate.held
    assert day.gate.wake_at(day.now) == day.now + SOURCE_ANSWER_SECONDS
    # A source that never answers (a worker stuck) holds nothing for longer.
    shown = day.run(SOURCE_ANSWER_SECONDS)
    assert [at for at, _n in shown] == [T0 + SOURCE_ANSWER_SECONDS]
    assert not day.gate.quiet(day.now)


def test_a_first_answer_of_no_call_releases_at_once_and_of_a_call_holds_on() -> None:
    idle = Day()
    idle.gate.source_pending(idle.now)
    idle.hard_stretch()
    assert idle.tick() is None
    idle.clock.advance(1)
    idle.gate.source_answered()  # "no call"
    assert idle.tick() is not None

    busy = Day()
    busy.gate.source_pending(busy.now)
    busy.hard_stretch()
    busy.clock.advance(1)
    busy.gate.source_answered()
    busy.gate.begin(busy.now)  # "a call is live": the call's own rule takes over
    assert busy.run(10 * MIN) == []


def test_a_clock_set_back_or_calls_off_ends_the_wait_for_an_answer() -> None:
    day = Day()
    day.gate.source_pending(day.now)
    day.clock.advance(-3600)
    assert not day.gate.quiet(day.now)
    off = Day(**{"calls.enabled": False})
    off.gate.source_pending(off.now)
    assert not off.gate.quiet(off.now)
