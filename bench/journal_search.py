"""What the journal costs on years of entries: search as you type, the list's first page,
a draft save, a delete (which merges the index so removed words leave the file), and the
size of the full-text index.

    .venv/bin/python bench/journal_search.py [--entries 6000] [--chars 400]

Generates entries in English, Spanish and Chinese (about three a working day for five
years by default) in a temporary database with the real schema, then times each query
many times and prints the median and the 95th percentile. Figures only: no targets are
asserted here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.core.journal import Draft
from desktop.store.db import open_database
from desktop.store.journal import JournalStore
from desktop.store.repository import Store

ENGLISH_TEXT = ("the customer shouted about a refund and I stayed calm while my supervisor "
                "listened later we talked about boundaries tired angry relieved proud")
SPANISH_TEXT = ("hoy fue un día difícil la clienta lloró pedí ayuda a mi compañera me sentí "
                "cansada pero tranquila después del descanso")
ENGLISH, SPANISH = ENGLISH_TEXT.split(), SPANISH_TEXT.split()
CHINESE = "今天的电话很难客户一直打断我我深呼吸后好多了主管帮我处理了退款问题"


def text(rng: random.Random, chars: int) -> str:
    kind = rng.randrange(3)
    if kind == 2:
        return "".join(rng.choice(CHINESE) for _ in range(chars // 3))
    words = ENGLISH if kind == 0 else SPANISH
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append(rng.choice(words))
    return " ".join(out)


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=6000)
    parser.add_argument("--chars", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        opened = open_database(path)
        journal = JournalStore(Store(opened.conn, opened.path))
        start = 1_600_000_000.0
        began = time.perf_counter()
        for i in range(args.entries):
            journal.add(text(rng, args.chars), start + i * 3600 * 7, 3600,
                        mood=rng.choice((None, 1, 2, 3, 4, 5)))
        added = time.perf_counter() - began
        conn = journal.store.conn
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = dict(conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()) if _has_dbstat(
            conn) else {}
        text_bytes = conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM "
                                  "journal_entries").fetchone()[0]
        print(f"{args.entries} entries of ~{args.chars} characters "
              f"({text_bytes / 1e6:.1f} MB of text), added in {added:.1f} s "
              f"({added / args.entries * 1000:.2f} ms each, one transaction each)")
        if pages:
            index = sum(v for k, v in pages.items() if k.startswith("journal_search_fts"))
            copy = pages.get("journal_search", 0)
            print(f"file {path.stat().st_size / 1e6:.1f} MB; full-text index "
                  f"{index / 1e6:.1f} MB; search copy {copy / 1e6:.1f} MB")
        queries = [("one Chinese character", "难"), ("two Chinese characters", "电话"),
                   ("an English beginning", "shou"), ("two English words", "refund calm"),
                   ("Spanish without the accent", "dificil"), ("a word in no entry", "zebra"),
                   ("query syntax typed", '"NEAR OR -*')]
        print(f"{'what':32} {'matches':>8} {'count ms':>9} {'page ms':>8}  (median / p95)")
        for label, words in queries:
            matches = journal.search_count(words)
            count_ms = timed(lambda w=words: journal.search_count(w), 30)
            page_ms = timed(lambda w=words: journal.search(w, 200), 30)
            print(f"{label:32} {matches:8} {count_ms[0]:5.1f}/{count_ms[1]:<5.1f}"
                  f"{page_ms[0]:5.1f}/{page_ms[1]:.1f}")
        listing = timed(lambda: journal.entries(200), 30)
        print(f"list, first 200 entries: {listing[0]:.1f} / {listing[1]:.1f} ms")
        draft = timed(lambda: journal.save_draft(Draft(text(rng, args.chars), started=start),
                                                 start, 0), 30)
        print(f"draft save (what the keeper does twice a second while typing): "
              f"{draft[0]:.1f} / {draft[1]:.1f} ms")
        ids = [row[0] for row in conn.execute(
            "SELECT id FROM journal_entries ORDER BY random() LIMIT 10")]
        deletes = timed(lambda: journal.delete(ids.pop()), 10)
        print(f"delete one entry (with the index merge): {deletes[0]:.1f} / {deletes[1]:.1f} ms")
        journal.store.close()
    return 0


def _has_dbstat(conn: object) -> bool:
    import sqlite3

    assert isinstance(conn, sqlite3.Connection)
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1")
    except sqlite3.OperationalError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
