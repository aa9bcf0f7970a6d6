"""Properties that must hold for every sequence of tags, breaks and clock jumps."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.clock import elapsed
from desktop.core.model import Interaction, Kind, Recovery, RecoveryKind
from desktop.core.settings import Settings
from desktop.core.tracker import Tracker

S = Settings()
T0 = 1_790_000_000.0
HOURS = 3600.0


@dataclass(frozen=True)
class Step:
    """One thing that happens: the wall clock moves by ``dt`` then an event may occur."""

    dt: float
    event: str  # "hard", "plain", "break", "none"
    severity: int


steps = st.lists(
    st.builds(
        Step,
        # Ordinary gaps plus wall-clock jumps of up to ±12 hours (manual change, suspend).
        dt=st.one_of(st.floats(0, 600), st.floats(-12 * HOURS, 12 * HOURS)),
        event=st.sampled_from(["hard", "plain", "break", "none"]),
        severity=st.integers(1, 3),
    ),
    max_size=40,
)


def run(steps_: list[Step]) -> tuple[Tracker, list[float], float]:
    tracker = Tracker(S)
    now = T0
    loads = []
    next_id = 1
    for step in steps_:
        now += step.dt
        if step.event == "hard":
            tracker.add(Interaction(next_id, now, Kind.DIFFICULT, step.severity))
            next_id += 1
        elif step.event == "plain":
            tracker.add(Interaction(next_id, now, Kind.ORDINARY))
            next_id += 1
        elif step.event == "break":
            tracker.add_recovery(Recovery(now, now + 300, RecoveryKind.BREAK))
        loads.append(tracker.snapshot(now, 0).load)
    return tracker, loads, now


def severity_sum(tracker: Tracker) -> int:
    return sum(t.severity for t in tracker.tags if not t.undone and t.kind is Kind.DIFFICULT)


@given(steps)
@settings(max_examples=300)
def test_load_is_never_negative_nor_above_the_sum_of_severities(steps_: list[Step]) -> None:
    tracker, loads, _ = run(steps_)
    assert all(load >= 0 for load in loads)
    assert all(load <= severity_sum(tracker) + 1e-9 for load in loads)


@given(steps, st.lists(st.floats(-12 * HOURS, 12 * HOURS), min_size=1, max_size=20))
@settings(max_examples=300)
def test_load_never_rises_without_a_new_tag(steps_: list[Step], jumps: list[float]) -> None:
    """Whatever the wall clock does afterwards, load only falls or stays."""
    tracker, _, now = run(steps_)
    previous = tracker.snapshot(now, 0).load
    for jump in jumps:
        now += jump
        current = tracker.snapshot(now, 0).load
        assert current <= previous + 1e-12
        previous = current


@given(steps, st.integers(1, 3), st.sampled_from([Kind.DIFFICULT, Kind.ORDINARY]))
@settings(max_examples=300)
def test_undo_restores_the_previous_state_exactly(
    steps_: list[Step], severity: int, kind: Kind
) -> None:
    tracker, _, now = run(steps_)
    before = tracker.snapshot(now, 0)
    new_id = len(tracker.tags) + 1
    tag = Interaction(new_id, now, kind, severity if kind is Kind.DIFFICULT else 0)
    tracker.add(tag)
    assert tracker.undo(new_id) is not None
    after = tracker.snapshot(now, 0)
    assert after == before


@given(st.floats(-48 * HOURS, 48 * HOURS), st.floats(-48 * HOURS, 48 * HOURS))
def test_durations_are_never_negative(a: float, b: float) -> None:
    assert elapsed(T0 + a, T0 + b) >= 0


@given(st.floats(0, 48 * HOURS))
def test_a_forward_jump_only_decays(jump: float) -> None:
    tracker = Tracker(S)
    tracker.add(Interaction(1, T0, Kind.DIFFICULT, 3))
    assert 0 <= tracker.snapshot(T0 + jump, 0).load <= 3


def test_clock_set_back_an_hour_keeps_load_where_it_was() -> None:
    tracker = Tracker(S)
    tracker.add(Interaction(1, T0, Kind.DIFFICULT, 2))
    later = tracker.snapshot(T0 + 1800, 0).load
    assert later == 1.0
    assert tracker.snapshot(T0 + 1800 - 3600, 0).load == later  # clock set back by hand
    # A tag recorded while the clock is behind still counts in full.
    tracker.add(Interaction(2, T0 - 1800, Kind.DIFFICULT, 2))
    assert tracker.snapshot(T0 - 1800, 0).load == 3.0


def test_prune_keeps_what_matters() -> None:
    tracker = Tracker(S)
    tracker.add(Interaction(1, T0, Kind.DIFFICULT, 2))
    tracker.add(Interaction(2, T0 + 40 * HOURS, Kind.DIFFICULT, 2))
    tracker.prune(T0 + 40 * HOURS, 0)
    assert [t.id for t in tracker.tags] == [2]
