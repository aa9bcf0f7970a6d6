"""Breathing patterns, plans and the pacer's position, checked to the exact second."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.breathing import (
    PATTERNS,
    Session,
    Step,
    phase_changes,
    plan,
    position,
)

EXPECTED = {
    "cyclic-sigh": [(Step.INHALE, 3.0), (Step.TOP_UP, 1.0), (Step.EXHALE, 6.0)],
    "box": [(Step.INHALE, 4.0), (Step.HOLD, 4.0), (Step.EXHALE, 4.0), (Step.HOLD, 4.0)],
    "4-7-8": [(Step.INHALE, 4.0), (Step.HOLD, 7.0), (Step.EXHALE, 8.0)],
    "resonance": [(Step.INHALE, 5.5), (Step.EXHALE, 5.5)],
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_phase_has_the_published_duration(key: str) -> None:
    assert [(p.step, p.seconds) for p in PATTERNS[key].phases] == EXPECTED[key]
    assert PATTERNS[key].source  # each pattern names where its timing comes from


@pytest.mark.parametrize(("key", "minutes", "cycles", "total"), [
    ("cyclic-sigh", 1, 6, 60.0), ("cyclic-sigh", 3, 18, 180.0), ("cyclic-sigh", 5, 30, 300.0),
    ("box", 1, 4, 64.0), ("box", 3, 11, 176.0), ("box", 5, 19, 304.0),
    ("4-7-8", 1, 3, 57.0), ("4-7-8", 3, 4, 76.0), ("4-7-8", 5, 4, 76.0),
    ("resonance", 1, 5, 55.0), ("resonance", 3, 16, 176.0), ("resonance", 5, 27, 297.0),
])
def test_sessions_end_on_a_whole_cycle_nearest_the_chosen_length(
        key: str, minutes: int, cycles: int, total: float) -> None:
    p = plan(key, minutes, max_cycles=4)
    assert p.cycles == cycles
    assert p.total_seconds == total


def test_the_478_cap_can_be_raised_and_does_not_touch_other_patterns() -> None:
    assert plan("4-7-8", 5, max_cycles=20).cycles == 16  # 300 / 19 = 15.8
    assert plan("4-7-8", 1, max_cycles=1).cycles == 1
    assert plan("box", 5, max_cycles=1).cycles == 19


@pytest.mark.parametrize(("key", "minutes"), [("slow", 1), ("box", 2), ("box", 0)])
def test_unknown_patterns_and_lengths_are_refused(key: str, minutes: int) -> None:
    with pytest.raises(ValueError):
        plan(key, minutes)


def test_position_walks_the_cyclic_sigh_schedule() -> None:
    p = plan("cyclic-sigh", 1)
    checks = [  # elapsed → (cycle, step, seconds left)
        (0.0, 0, Step.INHALE, 3.0), (2.5, 0, Step.INHALE, 0.5), (3.0, 0, Step.TOP_UP, 1.0),
        (3.75, 0, Step.TOP_UP, 0.25), (4.0, 0, Step.EXHALE, 6.0), (9.999, 0, Step.EXHALE, 0.001),
        (10.0, 1, Step.INHALE, 3.0), (59.0, 5, Step.EXHALE, 1.0),
    ]
    for elapsed, cycle, step, left in checks:
        at = position(p, elapsed)
        assert (at.cycle, at.phase.step, not at.done) == (cycle, step, True), elapsed
        assert at.seconds_left == pytest.approx(left), elapsed
    end = position(p, 60.0)
    assert end.done and end.cycles_done == 6 and end.seconds_left == 0.0


def test_the_circle_grows_on_inhale_holds_and_shrinks_on_exhale() -> None:
    p = plan("box", 1)
    assert position(p, 0.0).fill == 0.0
    assert 0.0 < position(p, 2.0).fill < 1.0
    assert position(p, 4.0).fill == pytest.approx(1.0)
    assert position(p, 6.0).fill == pytest.approx(1.0)  # hold: stays full
    assert position(p, 10.0).fill < 1.0
    assert position(p, 13.0).fill == pytest.approx(0.0)  # hold empty
    sigh = plan("cyclic-sigh", 1)
    assert position(sigh, 3.0).fill == pytest.approx(0.8)  # first inhale, then the top-up
    assert position(sigh, 4.0).fill == pytest.approx(1.0)


def test_phase_changes_list_the_schedule() -> None:
    p = plan("resonance", 1)
    changes = phase_changes(p)
    assert len(changes) == 10
    assert changes[:4] == [0.0, 5.5, 11.0, 16.5]
    assert changes[-1] == pytest.approx(49.5)


@given(st.floats(min_value=-5, max_value=400, allow_nan=False),
       st.sampled_from(sorted(PATTERNS)), st.sampled_from([1, 3, 5]))
def test_position_is_always_within_its_phase(elapsed: float, key: str, minutes: int) -> None:
    p = plan(key, minutes, max_cycles=4)
    at = position(p, elapsed)
    assert 0.0 <= at.fill <= 1.0
    assert 0.0 <= at.seconds_left <= at.phase.seconds
    assert 0 <= at.cycle <= p.cycles
    assert at.done == (elapsed >= p.total_seconds)


def test_a_session_excludes_pauses_and_never_runs_past_its_end() -> None:
    s = Session(plan("box", 1))
    s.start(100.0)
    assert s.elapsed(103.0) == 3.0
    s.pause(103.0)
    assert s.elapsed(500.0) == 3.0  # a paused session does not advance
    s.start(500.0)
    assert s.started_at == 100.0
    assert s.elapsed(510.0) == 13.0
    assert s.position(510.0).phase.step is Step.HOLD
    assert not s.completed(560.9)
    assert s.completed(561.0) and s.elapsed(9999.0) == 64.0


def test_a_clock_stepping_backwards_never_gives_negative_time() -> None:
    s = Session(plan("box", 1))
    s.start(100.0)
    assert s.elapsed(90.0) == 0.0
    s.pause(95.0)
    assert s.elapsed(200.0) == 0.0
