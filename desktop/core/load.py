"""The load model: L(t) = Σ severity_i · 2^(−(t − t_i)/h), sped up during recovery.

Numbers and their sources are in docs/load-model.md. Times are UTC epoch seconds. Tags
count in the order they were recorded and a duration is never negative (a tag stamped
before the one recorded ahead of it adds without decay), so load is never negative nor
above the sum of severities. A tag proves the person was there: recovery never counts
past the first tag inside it.
"""

from __future__ import annotations

import bisect
import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.clock import SECONDS_PER_DAY
from desktop.core.model import Interaction, Kind, Recovery, RecoveryKind
from desktop.core.settings import Settings


class Level(enum.StrEnum):
    CALM = "calm"
    BUILDING = "building"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.CALM: 0, Level.BUILDING: 1, Level.HIGH: 2}


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of recovery with the half-life that applies during it."""

    start: float
    end: float
    half_life: float


def _half_life(kind: RecoveryKind, settings: Settings) -> float:
    if kind is RecoveryKind.BREATHING:
        return settings.breathing_half_life
    return settings.break_half_life


def recovery_segments(recoveries: Iterable[Recovery], settings: Settings) -> list[Segment]:
    """Flatten possibly overlapping recoveries; where they overlap the fastest decay wins."""
    spans = [(r.start, r.end, _half_life(r.kind, settings)) for r in recoveries if r.end > r.start]
    if not spans:
        return []
    edges = sorted({t for s, e, _ in spans for t in (s, e)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(edges):
        covering = [h for s, e, h in spans if s <= a and e >= b]
        if not covering:
            continue
        h = min(covering)
        if out and out[-1].end == a and out[-1].half_life == h:
            out[-1] = Segment(out[-1].start, b, h)
        else:
            out.append(Segment(a, b, h))
    return out


def present_only(recoveries: Iterable[Recovery],
                 tags: Sequence[Interaction]) -> list[Recovery]:
    """Recoveries cut at the first counting tag inside them: whoever tagged was back, so
    no recovery is credited while the person was tagging (a break whose end was noticed
    late, or a break window someone worked through)."""
    times = sorted(t.at for t in tags if not t.undone)
    out = []
    for r in recoveries:
        i = bisect.bisect_right(times, r.start)
        if i < len(times) and times[i] < r.end:
            r = Recovery(r.start, times[i], r.kind)
        out.append(r)
    return out


def half_lives(start: float, end: float, segments: Sequence[Segment], half_life: float) -> float:
    """How many half-lives pass between ``start`` and ``end`` (0 if end ≤ start)."""
    if end <= start:
        return 0.0
    total = (end - start) / half_life
    for seg in segments:
        overlap = min(end, seg.end) - max(start, seg.start)
        if overlap > 0:
            total += overlap / seg.half_life - overlap / half_life
    return total


def load_at(
    tags: Sequence[Interaction],
    recoveries: Iterable[Recovery],
    now: float,
    settings: Settings,
) -> float:
    """Load at ``now`` from tags in the order they were recorded."""
    segments = recovery_segments(present_only(recoveries, tags), settings)
    h = settings.half_life
    load = 0.0
    t: float | None = None
    for tag in tags:
        if tag.undone or tag.kind is not Kind.DIFFICULT:
            continue
        if t is None:
            t = tag.at
        elif tag.at > t:
            load *= 2.0 ** -half_lives(t, tag.at, segments, h)
            t = tag.at
        load += tag.severity
    if t is not None and now > t:
        load *= 2.0 ** -half_lives(t, now, segments, h)
    return load


def load_curve(
    tags: Sequence[Interaction],
    recoveries: Iterable[Recovery],
    times: Sequence[float],
    settings: Settings,
) -> list[float]:
    """Load at each of ``times`` (ascending) counting only the tags seen by then.

    The value at ``s`` equals ``load_at(prefix, recoveries, s, settings)`` where ``prefix``
    holds the tags (in recorded order) whose clock-safe time is at or before ``s``, and
    the recoveries are cut at the first tag inside them, as everywhere (a cut later than
    ``s`` changes nothing at ``s``); it is computed in one pass so that a day's curve
    (thousands of points) costs no more than its tags. History draws a day's load with it.
    """
    segments = recovery_segments(present_only(recoveries, tags), settings)
    h = settings.half_life
    counted = [t for t in tags if not t.undone and t.kind is Kind.DIFFICULT]
    out: list[float] = []
    load = 0.0
    t: float | None = None
    i = 0
    previous = float("-inf")
    for s in times:
        if s < previous:
            raise ValueError("times must be in ascending order")
        previous = s
        while i < len(counted):
            at = counted[i].at if t is None else max(t, counted[i].at)
            if at > s:
                break
            if t is not None and at > t:
                load *= 2.0 ** -half_lives(t, at, segments, h)
            t = at
            load += counted[i].severity
            i += 1
        if t is not None and s > t:
            out.append(load * 2.0 ** -half_lives(t, s, segments, h))
        else:
            out.append(load)
    return out


def streak(tags: Sequence[Interaction], recoveries: Iterable[Recovery]) -> int:
    """Difficult tags since the last ordinary tag or the end of the last break."""
    last_break_end = max(
        (r.end for r in present_only(recoveries, tags)
         if r.kind is not RecoveryKind.BREATHING and r.end > r.start),
        default=float("-inf"),
    )
    count = 0
    for tag in tags:
        if tag.undone:
            continue
        if tag.kind is Kind.ORDINARY:
            count = 0
        elif tag.at >= last_break_end:
            count += 1
    return count


def level_for(load: float, streak_len: int, settings: Settings) -> Level:
    # Thresholds compare the load as the user sees it (one decimal). Without this a single
    # severity-3 tag (load exactly 3.0, the default "building" line) would read
    # "3.0 (calm)" a millisecond later and whether it earned its nudge would depend on how
    # quickly the tick ran.
    load = round(load, 1)
    if load >= settings["levels.high_at"] or streak_len >= settings["streak.high_at"]:
        return Level.HIGH
    if load >= settings["levels.building_at"] or streak_len >= settings["streak.building_at"]:
        return Level.BUILDING
    return Level.CALM


def local_day(at: float, offset: int) -> int:
    """Days since the epoch in local time: two instants share a value iff same local date."""
    return int((at + offset) // SECONDS_PER_DAY)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the tray, the CLI and the nudge policy need to know at one instant."""

    at: float
    load: float
    level: Level
    streak: int
    difficult_today: int
    ordinary_today: int
    last_difficult_id: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "load": self.load,
            "level": self.level.value,
            "streak": self.streak,
            "today": {"difficult": self.difficult_today, "ordinary": self.ordinary_today},
        }


def tagged_today(tag: Interaction, now: float, offset: int) -> bool:
    """Whether ``tag`` counts for today: its local date, on the clock it was tagged by,
    is today's local date now. (A tag at 00:30 before the clocks go back an hour is
    today's, though at today's offset it would read 23:30 yesterday; History counts days
    the same way.)"""
    own = offset if tag.offset is None else tag.offset
    return local_day(tag.at, own) == local_day(now, offset)


def snapshot(
    tags: Sequence[Interaction],
    recoveries: Sequence[Recovery],
    now: float,
    offset: int,
    settings: Settings,
    since: float = float("-inf"),
) -> Snapshot:
    """The state at ``now``. ``now`` is lifted to the latest event (an event a moment
    ahead of the clock, written by another process, counts as now, never as future).
    Tags before ``since`` count only towards today's counts, not load or streak."""
    latest = max([t.at for t in tags] + [r.end for r in recoveries], default=now)
    at = max(now, latest)
    recent = [t for t in tags if t.at >= since]
    load = load_at(recent, recoveries, at, settings)
    run = streak(recent, recoveries)
    counting = [t for t in tags if not t.undone]
    today = [t for t in counting if tagged_today(t, now, offset)]
    difficult_ids = [t.id for t in counting if t.kind is Kind.DIFFICULT]
    return Snapshot(
        at=at,
        load=load,
        level=level_for(load, run, settings),
        streak=run,
        difficult_today=sum(1 for t in today if t.kind is Kind.DIFFICULT),
        ordinary_today=sum(1 for t in today if t.kind is Kind.ORDINARY),
        last_difficult_id=difficult_ids[-1] if difficult_ids else None,
    )
