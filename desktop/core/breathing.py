"""Breathing patterns as data, session plans, and where a session stands at any moment.

Pure: no Qt, no clock reads. The pacer window asks ``position(plan, elapsed)`` on every
frame with the elapsed time from its clock, so the display can never drift from the
schedule: a late frame shows the right phase, it does not shift the ones after it.

Sources (see also docs/breathing.md):
- Cyclic sighing — inhale through the nose, a second short top-up inhale, then a long,
  slow exhale through the mouth. Balban MY, Neri E, Kogon MM, et al. "Brief structured
  respiration practices enhance mood and reduce physiological arousal." Cell Reports
  Medicine 4(1):100895, 2023. doi:10.1016/j.xcrm.2022.100895. Five minutes a day of
  cyclic sighing improved positive affect more than mindfulness meditation.
- Box breathing 4-4-4-4 — the same trial's box-breathing arm (Balban et al. 2023).
- 4-7-8 — in 4 s, hold 7 s, out 8 s (A. Weil's relaxing breath); capped at 4 cycles for
  beginners unless the user raises the setting, as PRODUCT.md asks.
- Resonance (coherent) breathing at ~5.5 breaths/min, 5.5 s in and 5.5 s out.
  Steffen PR, Austin T, DeBarros A, Brown T. "The Impact of Resonance Frequency
  Breathing on Measures of Heart Rate Variability, Blood Pressure, and Mood."
  Frontiers in Public Health 5:222, 2017. doi:10.3389/fpubh.2017.00222.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from desktop.core.text import N_


class Step(enum.Enum):
    INHALE = "inhale"
    TOP_UP = "top-up"
    HOLD = "hold"
    EXHALE = "exhale"


# The word shown for each step (translated where shown).
STEP_WORDS = {Step.INHALE: N_("Breathe in"), Step.TOP_UP: N_("Top-up breath"),
              Step.HOLD: N_("Hold"), Step.EXHALE: N_("Breathe out")}


@dataclass(frozen=True)
class Phase:
    step: Step
    seconds: float
    fill: float  # how full the lungs are at the end of the phase, 0..1 (the circle's size)


@dataclass(frozen=True)
class Pattern:
    key: str
    name: str  # N_-marked, translated where shown
    phases: tuple[Phase, ...]
    source: str
    how: str  # N_-marked: how to breathe it, shown before the session starts
    max_cycles_setting: str | None = None  # a setting that caps cycles per session

    @property
    def cycle_seconds(self) -> float:
        return sum(p.seconds for p in self.phases)


PATTERNS: dict[str, Pattern] = {p.key: p for p in (
    Pattern("cyclic-sigh", N_("Cyclic sighing"),
            (Phase(Step.INHALE, 3.0, 0.8), Phase(Step.TOP_UP, 1.0, 1.0),
             Phase(Step.EXHALE, 6.0, 0.0)),
            "Balban et al. 2023, Cell Reports Medicine 4:100895",
            N_("Breathe in through your nose, then take a second, short breath in to fill "
               "your lungs. Breathe out slowly through your mouth until they feel empty.")),
    Pattern("box", N_("Box breathing"),
            (Phase(Step.INHALE, 4.0, 1.0), Phase(Step.HOLD, 4.0, 1.0),
             Phase(Step.EXHALE, 4.0, 0.0), Phase(Step.HOLD, 4.0, 0.0)),
            "Balban et al. 2023 (comparison arm)",
            N_("Breathe in, hold, breathe out, hold: four seconds each, like the four "
               "sides of a square.")),
    Pattern("4-7-8", N_("4-7-8 breathing"),
            (Phase(Step.INHALE, 4.0, 1.0), Phase(Step.HOLD, 7.0, 1.0),
             Phase(Step.EXHALE, 8.0, 0.0)),
            "A. Weil; capped at 4 cycles for beginners",
            N_("Breathe in quietly through your nose for 4 seconds, hold for 7, then breathe "
               "out through your mouth for 8. If a hold feels too long, breathe normally "
               "and join the next cycle."),
            "breathing.max_cycles_478"),
    Pattern("resonance", N_("Resonance breathing"),
            (Phase(Step.INHALE, 5.5, 1.0), Phase(Step.EXHALE, 5.5, 0.0)),
            "Steffen et al. 2017, Front. Public Health 5:222",
            N_("Breathe in and out smoothly, five and a half seconds each way, without "
               "pausing in between.")),
)}
DEFAULT_PATTERN = "cyclic-sigh"
SESSION_MINUTES = (1, 3, 5)
# A short "get ready" count before the first breath, so nobody is caught mid-breath by
# the first inhale. Not part of the session: it is neither timed nor recorded.
LEAD_IN_SECONDS = 3.0


@dataclass(frozen=True)
class Plan:
    pattern: Pattern
    minutes: int
    cycles: int

    @property
    def total_seconds(self) -> float:
        return self.cycles * self.pattern.cycle_seconds


def plan(pattern_key: str, minutes: int, max_cycles: int | None = None) -> Plan:
    """The whole number of cycles nearest to ``minutes`` (at least one), capped by
    ``max_cycles`` when the pattern has a cap: a session always ends on a full exhale."""
    if pattern_key not in PATTERNS:
        raise ValueError(f"unknown breathing pattern: {pattern_key}")
    if minutes not in SESSION_MINUTES:
        raise ValueError(f"session length must be 1, 3 or 5 minutes, not {minutes}")
    pattern = PATTERNS[pattern_key]
    cycles = max(1, math.floor(minutes * 60 / pattern.cycle_seconds + 0.5))
    if pattern.max_cycles_setting is not None and max_cycles is not None:
        cycles = max(1, min(cycles, max_cycles))
    return Plan(pattern, minutes, cycles)


@dataclass(frozen=True)
class Position:
    cycle: int  # 0-based cycle in progress (== plan.cycles once done)
    index: int  # phase index within the cycle
    phase: Phase
    phase_elapsed: float
    seconds_left: float  # in this phase
    fill: float  # 0..1, eased, for the circle or bar
    done: bool

    @property
    def cycles_done(self) -> int:
        return self.cycle


def _ease(x: float) -> float:
    """Slow at both ends, like a breath (cosine ease-in-out)."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, x)))


def position(p: Plan, elapsed: float) -> Position:
    """Where the session stands ``elapsed`` seconds after it started (pauses excluded)."""
    phases = p.pattern.phases
    if elapsed >= p.total_seconds:
        last = phases[-1]
        return Position(p.cycles, len(phases) - 1, last, last.seconds, 0.0, last.fill, True)
    elapsed = max(0.0, elapsed)
    cycle = int(elapsed // p.pattern.cycle_seconds)
    within = elapsed - cycle * p.pattern.cycle_seconds
    start_fill = phases[-1].fill
    for index, phase in enumerate(phases):
        if within < phase.seconds or index == len(phases) - 1:
            x = within / phase.seconds
            fill = start_fill + (phase.fill - start_fill) * _ease(x)
            return Position(cycle, index, phase, within, phase.seconds - within, fill, False)
        within -= phase.seconds
        start_fill = phase.fill
    raise AssertionError("unreachable")


def phase_changes(p: Plan) -> list[float]:
    """Scheduled start of every phase, in seconds from the session start."""
    times, t = [], 0.0
    for _cycle in range(p.cycles):
        for phase in p.pattern.phases:
            times.append(t)
            t += phase.seconds
    return times


@dataclass(frozen=True)
class BreathingResult:
    """What one session came to, as the pacer reports it."""
    pattern: str
    planned_seconds: float
    actual_seconds: float
    completed: bool
    rating_before: int | None
    rating_after: int | None


class Session:
    """Elapsed breathing time with pauses: the pacer's only notion of time."""

    def __init__(self, p: Plan) -> None:
        self.plan = p
        self.started_at: float | None = None
        self._run_from: float | None = None  # monotonic moment the current run began
        self._banked = 0.0  # seconds breathed before the current run

    @property
    def running(self) -> bool:
        return self._run_from is not None

    def start(self, now: float) -> None:
        if self.started_at is None:
            self.started_at = now
        if self._run_from is None:
            self._run_from = now

    def pause(self, now: float) -> None:
        if self._run_from is not None:
            self._banked += max(0.0, now - self._run_from)
            self._run_from = None

    def elapsed(self, now: float) -> float:
        running = max(0.0, now - self._run_from) if self._run_from is not None else 0.0
        return min(self.plan.total_seconds, self._banked + running)

    def position(self, now: float) -> Position:
        return position(self.plan, self.elapsed(now))

    def completed(self, now: float) -> bool:
        return self.elapsed(now) >= self.plan.total_seconds

