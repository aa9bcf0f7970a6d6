"""The tray app's service lives for weeks: what it holds must not grow with them."""

from __future__ import annotations

from pathlib import Path

from desktop.core.clock import FakeClock
from desktop.core.model import Kind
from desktop.service import Breakwater
from desktop.store.db import open_database
from desktop.store.repository import Store

T0 = 1_790_035_200.0 + 8 * 3600


def test_ten_days_of_tags_without_a_break_keep_the_tracker_flat(tmp_path: Path) -> None:
    """Before: nothing ever pruned the tracker; only a re-read (a natural break, a
    breathing session) let old tags go. With no idle detection (Wayland) and no
    breaks taken, every tag of every day stayed in memory and was filtered per tick."""
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    clock = FakeClock(T0)
    app = Breakwater.open(store, clock)
    sizes = []
    for _day in range(10):
        for call in range(80):
            clock.advance(5 * 60)
            app.tag(Kind.DIFFICULT if call % 4 == 0 else Kind.ORDINARY)
            app.status()
        sizes.append(len(app.tracker.tags))
        clock.advance(24 * 3600 - 80 * 5 * 60)
    assert max(sizes) <= 2 * 80 and sizes[-1] == sizes[1]
    again = Breakwater.open(store, clock).status()
    assert again == app.status()  # a fresh reader agrees
    store.close()
