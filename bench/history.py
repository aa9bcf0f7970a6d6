"""How fast History opens and answers on a large file.

    .venv/bin/python bench/make_history.py --years 5 --out DIR   # once
    .venv/bin/python bench/history.py --home DIR [--runs 5]

Opens DIR/breakwater.sqlite3 the way the tray app does (applying pending migrations
first, not timed), then, in one process:

1. opens the History window on the "all" range through the window registry, as the tray
   menu does, and times it until the window's first paint (its range picker and headline
   numbers; the charts are drawn just after, and that time is printed on stderr, with
   pyqtgraph's import, which the tray never pays before), and the resident memory it
   added once the first tab's charts are drawn;
2. times each chart query on the "all" range (the median of ``--runs`` runs, after one
   untimed run).

Prints ``query NAME ms`` per query, then the last line
``first_paint_ms=N max_query_ms=N rss_growth_mb=N``. Targets (issue 12): every query
≤ 50 ms, first paint ≤ 500 ms, memory growth ≤ 40 MB on a five-year file. Figures only;
nothing is asserted. Uses the offscreen Qt platform unless QT_QPA_PLATFORM is set.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:  # not Linux: the peak is the best portable figure
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1e6 if sys.platform == "darwin" else 1e3)


def first_paint(app: Any, open_window: Callable[[], Any]) -> tuple[float, float, Any]:
    """Milliseconds from asking for the window to its first paint, and until the charts of
    its first tab are drawn (they are drawn just after the window shows)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    app.installEventFilter(watch)
    drawn: list[float] = []
    began = time.perf_counter()
    window = open_window()
    window.charts_drawn.connect(lambda _tab: drawn.append(time.perf_counter()))
    deadline = began + 30
    while (not painted or not drawn) and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    app.removeEventFilter(watch)
    if not painted or not drawn:
        raise RuntimeError("the History window never painted its charts")
    return (painted[0] - began) * 1000, (drawn[0] - began) * 1000, window


def time_query(run: Callable[[], object], runs: int) -> float:
    run()  # once untimed: the first call also prepares the statement
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, required=True,
                        help="folder holding breakwater.sqlite3 (bench/make_history.py --out)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    path = args.home / "breakwater.sqlite3"
    if not path.exists():
        print(f"bench/history.py: no {path}; run bench/make_history.py --out {args.home}",
              file=sys.stderr)
        return 2
    os.environ["BREAKWATER_HOME"] = str(args.home)

    from PySide6.QtWidgets import QApplication

    from desktop.i18n import setup
    from desktop.platform.clock import SystemClock
    from desktop.service import Breakwater
    from desktop.store.db import open_database
    from desktop.store.repository import Store
    from desktop.ui.windows import WindowContext, WindowRegistry

    # Pending migrations run first in a process of their own: what they load (sqlite-utils)
    # and the memory they use are not the window's.
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from desktop.store.db import open_database; "
                    "open_database(Path(sys.argv[1])).conn.close()", str(path)],
                   check=True, cwd=ROOT)
    print(f"(file opened and migrations applied in "
          f"{(time.perf_counter() - began) * 1000:.0f} ms, in a separate process)",
          file=sys.stderr)
    setup("en")
    app = QApplication(sys.argv[:1])
    opened = open_database(path)
    service = Breakwater.open(Store(opened.conn, opened.path), SystemClock())
    ctx = WindowContext(service, alone=False, tell=lambda title, text: None)
    registry = WindowRegistry(ctx)
    gc.collect()
    before = rss_mb()
    paint_ms, charts_ms, window = first_paint(
        app, lambda: registry.open("history", {"range": "all"}))
    for _ in range(10):  # let deferred layout and painting settle
        app.processEvents()
    gc.collect()
    growth = rss_mb() - before
    print(f"(first tab's charts drawn {charts_ms:.0f} ms after the request)", file=sys.stderr)
    print(f"(resident before {before:.1f} MB, after {before + growth:.1f} MB; pyqtgraph "
          f"loaded: {'pyqtgraph' in sys.modules})", file=sys.stderr)

    from desktop.core.history import RangeKind, spans
    from desktop.service.history import HistoryService

    history = HistoryService(service)
    queries = history.queries
    period = history.period(RangeKind.ALL)
    bars = spans(period)
    today = history.today()
    day = history.last_active_day(period)
    settings = service.settings
    checks: list[tuple[str, Callable[[], object]]] = [
        ("earliest_day", queries.earliest_day),
        ("calls", lambda: queries.call_counts(bars)),
        ("calls_of_a_day_by_hour", lambda: queries.hourly_counts(day)),
        ("heatmap", lambda: queries.heatmap(period)),
        ("nudges", lambda: queries.nudge_counts(bars)),
        ("breaks", lambda: queries.break_counts(bars)),
        ("breathing_patterns", lambda: queries.pattern_effects(period)),
        ("load_falls", lambda: queries.load_falls(period, settings.half_life,
                                                  settings.break_half_life,
                                                  settings.breathing_half_life)),
        ("high_load_recovery", lambda: queries.high_load_recovery(period)),
        ("longest_streak", lambda: queries.longest_streak(period)),
        ("hard_calls_last_week", lambda: queries.difficult_between(today - timedelta(days=6),
                                                                   today)),
        ("last_active_day", lambda: queries.last_active_day(period.first, period.last)),
        ("day_events", lambda: queries.day_events(
            day, (queries.day_offsets(day) or (0, 0, 0.0))[0], 36000.0)),
        ("calls_by_hour", lambda: queries.calls_by_hour(period)),
        ("checkin_trend", lambda: history.checkins(period)),
    ]
    worst = 0.0
    for name, run in checks:
        ms = time_query(run, args.runs)
        worst = max(worst, ms)
        print(f"query {name} {ms:.1f}")
    print(f"first_paint_ms={paint_ms:.0f} max_query_ms={worst:.1f} rss_growth_mb={growth:.1f}")
    window.close()
    registry.close_all()
    service.store.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
