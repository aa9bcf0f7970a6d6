"""How far the pacer's phase changes land from the schedule over a real 5-minute session.

    .venv/bin/python bench/breathing_drift.py [--minutes 5] [--pattern cyclic-sigh]

Runs the real window (offscreen) on the real monotonic clock. Each time a frame first
shows a new phase, the cue hook records the moment; drift = that moment minus the
scheduled start of the phase. Because positions come from elapsed time, drift is bounded
by one frame (16 ms) plus event-loop latency and does not accumulate; the figures show
whether that holds (late-session drift ≈ early-session drift).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from desktop.core.breathing import phase_changes, plan
from desktop.ui.breathing_window import BreathingWindow


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=5, choices=(1, 3, 5))
    parser.add_argument("--pattern", default="cyclic-sigh")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    chosen = plan(args.pattern, args.minutes, 4)
    shown: list[float] = []
    window = BreathingWindow(chosen, time.monotonic, ask_ratings=False,
                             cue=lambda: shown.append(time.monotonic()))
    window.finished.connect(lambda _result: app.quit())
    window.open(activate=False)
    window.before.confirm.click()  # the "get ready" count, then the first breath
    app.exec()
    start = window.session.started_at  # the scheduled first breath, not a frame's time
    assert start is not None
    schedule = phase_changes(chosen)
    drift = [(s - start - t) * 1000 for s, t in zip(shown, schedule, strict=False)]
    first, last = drift[: len(drift) // 10 or 1], drift[-(len(drift) // 10 or 1):]
    print(f"{chosen.pattern.key}, {chosen.cycles} cycles, {chosen.total_seconds:.0f} s: "
          f"{len(shown)} of {len(schedule)} phase changes shown")
    print(f"drift ms: mean {statistics.mean(drift):.1f}, median {statistics.median(drift):.1f}, "
          f"max {max(drift):.1f}, min {min(drift):.1f}; first tenth mean "
          f"{statistics.mean(first):.1f}, last tenth mean {statistics.mean(last):.1f}")
    return 0 if len(shown) == len(schedule) else 1


if __name__ == "__main__":
    raise SystemExit(main())
