"""How many nudges an agent gets in a shift: simulated shifts through the real core.

    .venv/bin/python bench/shift.py [--shifts 300] [--seed 1] [--set KEY=VALUE ...]

Each shift is 8.5 hours from 09:00: calls back to back, each 4-8 minutes, tagged when
they end; scheduled breaks of 15 minutes at 2 h and 6.5 h and lunch (30 minutes) at 4 h,
away from the desk (counted as natural breaks, as idle detection would). A call is
difficult with probability 10, 20 or 35 %, with severity 1/2/3 at 30/50/20 %; the other
calls are tagged ordinary ("with ordinary tags") or not tagged at all ("without").

The app's loop is replayed with the real ``Tracker`` and ``NudgePolicy``: a tick every
minute and one right after each tag, the nudge decided at each, and the agent's answer
given at once: every nudge dismissed, or every nudge accepted (a minute of breathing, a
break of ``breaks.minutes`` or three minutes of journaling, each after the current call).

Printed per configuration: nudges per shift and break offers per shift (median and 90th
percentile), how many stretches of high load a shift has, and the share of them that got
a break offer (during the stretch, or deferred to at most 20 minutes after it).
Targets (issue 10): median nudges <= 4 at 20 % and <= 6 at 35 %, in every pattern.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.load import Level
from desktop.core.model import Interaction, Kind, Recovery, RecoveryKind
from desktop.core.nudge import Nudge, NudgeKind, NudgePolicy, Response
from desktop.core.settings import Settings
from desktop.core.tracker import Tracker

MIN = 60.0
DAY0 = 1_790_035_200.0  # a UTC midnight; the agent's offset is 0
SHIFT_START = DAY0 + 9 * 3600
SHIFT_HOURS = 8.5
SCHEDULED = ((2 * 3600, 15 * MIN), (4 * 3600, 30 * MIN), (6.5 * 3600, 15 * MIN))
SEVERITIES = ((1, 0.3), (2, 0.5), (3, 0.2))
DEFERRAL = 20 * MIN


@dataclass
class Result:
    nudges: int = 0
    breaks_offered: int = 0
    high_stretches: int = 0
    high_offered: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


def severity(rng: random.Random) -> int:
    x = rng.random()
    for value, p in SEVERITIES:
        if x < p:
            return value
        x -= p
    return 3


def simulate(rng: random.Random, settings: Settings, difficult: float, ordinary: bool,
             accept: bool) -> Result:
    tracker = Tracker(settings)
    policy = NudgePolicy(settings)
    result = Result()
    end = SHIFT_START + SHIFT_HOURS * 3600
    breaks = [(SHIFT_START + at, SHIFT_START + at + length) for at, length in SCHEDULED]
    t = SHIFT_START
    next_id = 1
    busy_until = 0.0  # the end of a recovery the agent accepted (no nudge, no call)
    pending: list[Nudge] = []
    high_since: float | None = None
    stretches: list[tuple[float, float]] = []
    offers: list[float] = []

    def consider(now: float) -> None:
        nonlocal high_since
        in_break = any(a <= now < b for a, b in breaks) or now < busy_until
        snap = tracker.snapshot(now, 0)
        if snap.level is Level.HIGH and not in_break:
            high_since = now if high_since is None else high_since
        elif high_since is not None:
            stretches.append((high_since, now))
            high_since = None
        nudge = policy.decide(snap, now, 0, in_recovery=in_break)
        if nudge is None:
            return
        policy.shown(nudge, snap)
        result.nudges += 1
        result.kinds[nudge.kind.value] = result.kinds.get(nudge.kind.value, 0) + 1
        if nudge.kind is NudgeKind.BREAK:
            result.breaks_offered += 1
            offers.append(now)
        if accept:
            policy.respond(nudge, Response.ACCEPTED, now)
            pending.append(nudge)
        else:
            policy.respond(nudge, Response.DISMISSED, now)

    while t < end:
        scheduled = next(((a, b) for a, b in breaks if a <= t < b), None)
        if scheduled is not None:
            for tick in range(int(t), int(scheduled[1]), int(MIN)):
                consider(float(tick))
            # Recorded when it ends, as the idle watcher does.
            tracker.add_recovery(Recovery(scheduled[0], scheduled[1], RecoveryKind.IDLE))
            t = scheduled[1]
            continue
        call_end = t + rng.uniform(4, 8) * MIN
        tick = t + MIN
        while tick < call_end:
            consider(tick)
            tick += MIN
        t = call_end
        if rng.random() < difficult:
            tracker.add(Interaction(next_id, t, Kind.DIFFICULT, severity(rng)))
            next_id += 1
        elif ordinary:
            tracker.add(Interaction(next_id, t, Kind.ORDINARY))
            next_id += 1
        consider(t)
        for nudge in pending:
            length = {NudgeKind.BREATHE: 1 * MIN, NudgeKind.JOURNAL: 3 * MIN,
                      NudgeKind.BREAK: float(settings["breaks.minutes"]) * MIN
                      if "breaks.minutes" in dict(settings.items()) else 5 * MIN}[nudge.kind]
            started, busy_until = t, t + length
            while t < busy_until:
                t = min(t + MIN, busy_until)
                if t < busy_until:
                    consider(t)
            if nudge.kind is not NudgeKind.JOURNAL:
                kind = (RecoveryKind.BREATHING if nudge.kind is NudgeKind.BREATHE
                        else RecoveryKind.BREAK)
                tracker.add_recovery(Recovery(started, busy_until, kind))
            consider(t)
            if nudge.kind is NudgeKind.BREAK:
                policy.break_finished(taken=True)
        pending.clear()
    if high_since is not None:
        stretches.append((high_since, end))
    result.high_stretches = len(stretches)
    result.high_offered = sum(
        any(a <= at <= b + DEFERRAL for at in offers) for a, b in stretches)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shifts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="a setting for every shift, e.g. levels.high_at=4")
    args = parser.parse_args()
    settings = Settings()
    for item in args.set:
        key, _, value = item.partition("=")
        settings = settings.with_text(key, value)
    print(f"{args.shifts} shifts per row; levels {settings['levels.building_at']:g}/"
          f"{settings['levels.high_at']:g}")
    print(f"{'difficult':>9} {'ordinary tags':>13} {'answer':>9} | {'nudges':>11} "
          f"{'break offers':>12} | {'high':>4} {'offered':>7} | kinds (mean)")
    for difficult in (0.10, 0.20, 0.35):
        for ordinary in (True, False):
            for accept in (False, True):
                rng = random.Random(f"{args.seed}-{difficult}-{ordinary}-{accept}")
                runs = [simulate(rng, settings, difficult, ordinary, accept)
                        for _ in range(args.shifts)]
                nudges = sorted(r.nudges for r in runs)
                offers = sorted(r.breaks_offered for r in runs)
                stretches = sum(r.high_stretches for r in runs)
                offered = sum(r.high_offered for r in runs)
                kinds = {k: sum(r.kinds.get(k, 0) for r in runs) / len(runs)
                         for k in ("breathe", "break", "journal")}
                share = f"{100 * offered / stretches:.0f} %" if stretches else "-"
                print(f"{difficult:>8.0%} {'with' if ordinary else 'without':>13} "
                      f"{'accepted' if accept else 'dismissed':>9} | "
                      f"{statistics.median(nudges):>4g} (p90 {pct(nudges, 0.9):>2}) "
                      f"{statistics.median(offers):>4g} (p90 {pct(offers, 0.9):>2}) | "
                      f"{stretches / len(runs):>4.1f} {share:>7} | "
                      + " ".join(f"{k} {v:.1f}" for k, v in kinds.items()))
    return 0


def pct(values: list[int], q: float) -> int:
    return values[min(len(values) - 1, int(q * len(values)))]


if __name__ == "__main__":
    sys.exit(main())
