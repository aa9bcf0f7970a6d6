"""When the app next needs to wake up, so it can sleep in between instead of polling."""

from __future__ import annotations

import math

from desktop.core.load import Level, Snapshot
from desktop.core.settings import Settings

MAX_SLEEP = 60.0  # idle detection and the tooltip's load figure refresh at least this often
MIN_SLEEP = 1.0


def seconds_until_below(load: float, threshold: float, half_life: float) -> float:
    """Time until ``load`` decays below ``threshold`` with no recovery (0 if already below)."""
    if load < threshold or threshold <= 0:
        return 0.0
    return half_life * math.log2(load / threshold) + 1e-3


def next_wake(snap: Snapshot, settings: Settings, *deadlines: float | None) -> float:
    """Seconds to sleep: until the level can drop, a deadline passes, or MAX_SLEEP."""
    waits = [MAX_SLEEP]
    if snap.level is Level.HIGH:
        waits.append(seconds_until_below(snap.load, settings["levels.high_at"],
                                         settings.half_life))
    elif snap.level is Level.BUILDING:
        waits.append(seconds_until_below(snap.load, settings["levels.building_at"],
                                         settings.half_life))
    waits += [d - snap.at for d in deadlines if d is not None and d > snap.at]
    return max(MIN_SLEEP, min(w for w in waits if w > 0) if any(w > 0 for w in waits)
               else MAX_SLEEP)
