"""bench/make_history.py writes a file the real schema accepts, with every table History
charts filled, and History's queries answer on it."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

from desktop.core.history import RangeKind, period_for, spans
from desktop.store.db import open_database
from desktop.store.history import HistoryQueries
from desktop.store.repository import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_generated_year_fills_every_charted_table(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_history", ROOT / "bench" /
                                                  "make_history.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_history"] = module
    try:
        spec.loader.exec_module(module)
        path = module.make_history(tmp_path, years=1, seed=7)
    finally:
        del sys.modules["make_history"]
    db = sqlite3.connect(path)
    counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("interactions", "nudges", "breaks", "breathing_sessions", "calls",
                            "checkins", "checkin_answers", "journal_entries", "journal_links")}
    assert all(n > 0 for n in counts.values()), counts
    assert counts["checkin_answers"] == 6 * counts["checkins"]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM journal_search_fts").fetchone()[0] == \
        counts["journal_entries"]
    db.close()
    opened = open_database(path)
    queries = HistoryQueries(Store(opened.conn, opened.path))
    earliest = queries.earliest_day()
    assert earliest is not None
    last = queries.last_active_day(earliest, earliest.replace(year=earliest.year + 2))
    assert last is not None
    period = period_for(RangeKind.ALL, last, earliest)
    assert sum(c.difficult for c in queries.call_counts(spans(period))) > 0
    assert sum(c for c, _hard in queries.calls_by_hour(period)) == counts["calls"]
    assert queries.longest_streak(period) >= 3
    opened.conn.close()
