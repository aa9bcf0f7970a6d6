"""A burst of real ``breakwater tag`` processes, some killed mid-write: nothing acknowledged
is lost and the file stays intact."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.cli_helpers import cli_env

BURST = 36
PARALLEL = 6


@pytest.mark.slow
def test_every_acknowledged_tag_survives_a_killed_burst(breakwater_home: Path) -> None:
    rng = random.Random(20261123)
    env = cli_env(breakwater_home)
    acknowledged: list[str] = []
    killed: list[str] = []
    pending: list[tuple[str, subprocess.Popen[bytes], float | None]] = []

    def start(i: int) -> None:
        token = f"burst-{i}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "tag", "difficult", "--note", token],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL)
        # One process in three gets SIGKILL after a random moment, often mid-transaction.
        delay = rng.uniform(0.1, 0.7) if i % 3 == 1 else None
        pending.append((token, proc, None if delay is None else time.monotonic() + delay))

    def settle(token: str, proc: subprocess.Popen[bytes], kill_at: float | None) -> None:
        if kill_at is not None:
            try:
                proc.wait(timeout=max(0.0, kill_at - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
        _out, err = proc.communicate(timeout=60)
        if proc.returncode == 0:
            acknowledged.append(token)
        elif proc.returncode == -signal.SIGKILL:
            killed.append(token)
        else:
            pytest.fail(f"{token} failed with {proc.returncode}: {err.decode()}")

    for i in range(BURST):
        start(i)
        if len(pending) >= PARALLEL:
            settle(*pending.pop(0))
    while pending:
        settle(*pending.pop(0))

    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes = {row[0] for row in db.execute("SELECT note FROM interactions")}
        rows = db.execute("SELECT count(*) FROM interactions").fetchone()[0]
    finally:
        db.close()
    print(f"\n{len(acknowledged)} acknowledged, {len(killed)} killed, {rows} rows")
    assert killed, "the burst should have killed some writers"
    missing = [t for t in acknowledged if t not in notes]
    assert missing == []
    assert rows == len(notes) <= BURST  # no duplicates, nothing invented
