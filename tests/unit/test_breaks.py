"""A break as plain data: its countdown, +2 min, ending early or late, what is stored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.breaks import (
    BREAK_MINUTES,
    IDEAS,
    Outcome,
    RunningBreak,
    idea_for,
    skipped,
)
from desktop.core.model import Recovery, RecoveryKind

T0 = 1_790_035_200.0 + 10 * 3600
MIN = 60.0


def test_a_break_counts_down_its_length() -> None:
    run = RunningBreak.begin(T0, 5, nudge_id=7, idea=3)
    assert (run.ends, run.planned_seconds, run.nudge_id) == (T0 + 5 * MIN, 300, 7)
    assert run.remaining(T0) == 300
    assert run.remaining(T0 + 299.5) == 0.5
    assert run.remaining(T0 + 400) == 0 and run.due(T0 + 300) and not run.due(T0 + 299)
    with pytest.raises(ValueError):
        RunningBreak.begin(T0, 7)
    assert BREAK_MINUTES == (2, 5, 10, 15)


def test_the_tray_looks_again_at_its_end_and_when_the_minutes_left_change() -> None:
    run = RunningBreak.begin(T0, 5)
    assert run.wakes(T0) == (T0 + 5 * MIN, T0)  # "5 min left" changes at once
    assert run.wakes(T0 + 30) == (T0 + 5 * MIN, T0 + MIN)  # 4:30 left: at 4:00
    assert run.wakes(T0 + 290) == (T0 + 5 * MIN, T0 + 5 * MIN)  # the last minute


def test_plus_two_minutes_extends_it() -> None:
    run = RunningBreak.begin(T0, 2).extended().extended()
    assert run.ends == T0 + 6 * MIN and run.seconds == 360
    assert run.planned_seconds == 120  # the length chosen; the row keeps it
    done = run.finish(T0 + 6 * MIN)
    assert (done.outcome, done.ended) == (Outcome.TAKEN, T0 + 6 * MIN)


def test_ending_early_is_shortened_with_the_real_end() -> None:
    done = RunningBreak.begin(T0, 5, nudge_id=3).finish(T0 + 100)
    assert (done.outcome, done.started, done.ended, done.nudge_id) == (
        Outcome.SHORTENED, T0, T0 + 100, 3)
    assert done.recovery == Recovery(T0, T0 + 100, RecoveryKind.BREAK)


def test_noticed_a_moment_late_it_is_taken_and_ends_on_time() -> None:
    done = RunningBreak.begin(T0, 5).finish(T0 + 5 * MIN + 0.7)
    assert (done.outcome, done.ended) == (Outcome.TAKEN, T0 + 5 * MIN)


def test_away_beyond_its_end_the_break_runs_beyond() -> None:
    """Idle (or asleep) past the end: one span, 'taken', ending when the person was back."""
    run = RunningBreak.begin(T0, 5).rested(T0 + 2 * MIN)  # back early: nothing changes
    assert run.rested_until is None
    run = run.rested(T0 + 12 * MIN)
    done = run.finish(T0 + 12 * MIN + 1)
    assert (done.outcome, done.ended) == (Outcome.TAKEN, T0 + 12 * MIN)


def test_a_clock_set_back_mid_break_does_not_lengthen_it() -> None:
    run = RunningBreak.begin(T0, 5)
    assert run.remaining(T0 - 3600) == 300
    moved = run.shifted(-3600)
    assert (moved.started, moved.ends) == (T0 - 3600, T0 - 3600 + 300)
    assert run.finish(T0 - 10).ended == T0  # never a negative length


def test_a_dismissed_offer_is_skipped_and_no_recovery() -> None:
    done = skipped(T0, 5, nudge_id=9)
    assert (done.outcome, done.planned_seconds, done.nudge_id) == (Outcome.SKIPPED, 300, 9)
    assert done.recovery is None


def test_live_recovery_grows_while_it_runs() -> None:
    run = RunningBreak.begin(T0, 5)
    assert run.live(T0 + 90) == Recovery(T0, T0 + 90, RecoveryKind.BREAK)
    assert run.live(T0 - 5).end == T0


def test_ideas_take_turns() -> None:
    assert len(set(IDEAS)) == len(IDEAS) >= 6
    assert [idea_for(i) for i in range(len(IDEAS) + 1)] == [*IDEAS, IDEAS[0]]


@given(st.floats(-1e6, 1e6), st.sampled_from(BREAK_MINUTES), st.integers(0, 5),
       st.floats(0, 1e5), st.one_of(st.none(), st.integers(1, 1000)))
def test_the_saved_break_round_trips(at: float, minutes: int, extensions: int,
                                     rest: float, nudge: int | None) -> None:
    run = RunningBreak.begin(T0 + at, minutes, nudge, idea=extensions)
    for _ in range(extensions):
        run = run.extended()
    run = run.rested(run.started + rest)
    assert RunningBreak.from_json(run.to_json()) == run


@pytest.mark.parametrize("text", [
    None, "", "[]", "not json", '{"started": 5}', '{"started": 5, "ends": 4, '
    '"planned_seconds": 60}', '{"started": "a", "ends": 9, "planned_seconds": 60}',
    '{"started": 1, "ends": 9, "planned_seconds": true}',
])
def test_an_unreadable_saved_break_is_forgotten(text: str | None) -> None:
    assert RunningBreak.from_json(text) is None
