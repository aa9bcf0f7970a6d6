"""A burst of real ``breakwater tag`` processes, some killed mid-write: nothing acknowledged
is lost and the file stays intact."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
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
    pending: list[tuple[str, subprocess.Popen[bytes]]] = []

    def command(token: str) -> list[str]:
        return [sys.executable, "-m", "desktop", "tag", "difficult", "--note", token]

    # Calibrate: how long does one tag take here? Kill moments are spread over that span,
    # so on a fast or a slow machine many kills land while the writer is mid-run.
    began = time.monotonic()
    subprocess.run(command("calibration"), env=env, check=True, capture_output=True)
    span = time.monotonic() - began
    timers: list[threading.Timer] = []

    def start(i: int) -> None:
        token = f"burst-{i}"
        proc = subprocess.Popen(
            command(token), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL)
        if i % 3 == 1:
            # SIGKILL at a random moment of the run, often inside the transaction.
            timer = threading.Timer(rng.uniform(0.3, 1.0) * span, proc.send_signal,
                                    (signal.SIGKILL,))
            timer.start()
            timers.append(timer)
        pending.append((token, proc))

    def settle(token: str, proc: subprocess.Popen[bytes]) -> None:
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
    for timer in timers:
        timer.join()

    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        notes = {row[0] for row in db.execute("SELECT note FROM interactions")}
        rows = db.execute("SELECT count(*) FROM interactions").fetchone()[0]
    finally:
        db.close()
    print(f"\n{len(acknowledged)} acknowledged, {len(killed)} killed, {rows} rows")
    assert killed, "the burst should have killed some writers"
    missing = [t for t in [*acknowledged, "calibration"] if t not in notes]
    assert missing == []
    assert rows == len(notes) <= BURST + 1  # no duplicates, nothing invented
