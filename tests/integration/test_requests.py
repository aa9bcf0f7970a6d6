"""A request the command line stopped waiting for is never carried out later."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop import ipc
from desktop.core.model import Kind
from desktop.store.db import open_database
from desktop.store.errors import RequestExpired
from desktop.store.repository import Claim, Store
from tests.integration.app_process import offscreen_app
from tests.integration.cli_helpers import breakwater

T0 = 1_790_000_000.0


def count(home: Path, where: str = "1") -> int:
    conn = sqlite3.connect(home / "breakwater.sqlite3")
    try:
        return int(conn.execute(f"SELECT count(*) FROM interactions WHERE {where}").fetchone()[0])
    finally:
        conn.close()


@contextmanager
def paused(proc: subprocess.Popen[bytes]) -> Iterator[None]:
    proc.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        proc.send_signal(signal.SIGCONT)


@contextmanager
def locked(home: Path) -> Iterator[None]:
    blocker = sqlite3.connect(home / "breakwater.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def settled(home: Path) -> None:
    """The app answers again, so everything queued while it was paused has been read."""
    assert ipc.request(home / "breakwater.sock", {"cmd": "ping"}, timeout=10) == {"ok": True}


# The store's side of the agreement --------------------------------------------------------
def test_whoever_records_the_request_id_first_decides(tmp_path: Path) -> None:
    store = Store(open_database(tmp_path / "b.sqlite3").conn, tmp_path / "b.sqlite3")
    # The command line gave up first: the app's late write is refused, nothing written.
    assert store.settle_request("late", T0) == "expired"
    with store.on_behalf_of(Claim("late", T0, lambda: False)), pytest.raises(RequestExpired):
        store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    assert store.interaction_count() == 0
    # The app wrote first: the command line learns it was done.
    with store.on_behalf_of(Claim("on-time", T0, lambda: False)):
        store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    assert store.settle_request("on-time", T0) == "done"
    assert store.interaction_count() == 1
    # A write that would commit after the deadline is rolled back.
    with store.on_behalf_of(Claim("too-slow", T0, lambda: True)), pytest.raises(RequestExpired):
        store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    assert store.interaction_count() == 1
    assert store.settle_request("too-slow", T0) == "expired"
    store.close()


# The real app, paused with SIGSTOP ---------------------------------------------------------
@pytest.mark.slow
def test_a_tag_sent_to_a_paused_app_is_not_recorded_when_it_resumes(breakwater_home: Path
                                                                     ) -> None:
    with offscreen_app(breakwater_home) as app:
        assert breakwater(breakwater_home, "tag", "difficult").returncode == 0
        with paused(app):
            result = breakwater(breakwater_home, "tag", "difficult")
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [
            "breakwater: The running Breakwater app did not answer in time (is it paused or "
            "stuck?). Nothing was done; try again."]
        settled(breakwater_home)
        assert count(breakwater_home) == 1  # exactly the one acknowledged
        retry = breakwater(breakwater_home, "tag", "difficult")  # the user tries again
        assert retry.returncode == 0 and "streak 2" in retry.stdout
        assert count(breakwater_home) == 2


@pytest.mark.slow
def test_an_undo_sent_to_a_paused_app_is_not_carried_out_later(breakwater_home: Path) -> None:
    with offscreen_app(breakwater_home) as app:
        assert breakwater(breakwater_home, "tag", "difficult").returncode == 0
        with paused(app):
            assert breakwater(breakwater_home, "undo").returncode == 1
        settled(breakwater_home)
        assert count(breakwater_home, "undone_at_utc IS NULL") == 1


@pytest.mark.slow
def test_a_feature_command_sent_to_a_paused_app_is_not_carried_out_later(
        breakwater_home: Path) -> None:
    # Every request carries an id, so commands added by later features are covered too.
    with offscreen_app(breakwater_home) as app:
        with paused(app):
            assert breakwater(breakwater_home, "contacts", "add", "Ana").returncode == 1
        settled(breakwater_home)
        conn = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
        conn.close()


# A locked file ---------------------------------------------------------------------------
@pytest.mark.slow
def test_a_locked_file_with_the_app_running_fails_clearly_and_writes_nothing_later(
        breakwater_home: Path) -> None:
    with offscreen_app(breakwater_home):
        assert breakwater(breakwater_home, "tag", "difficult").returncode == 0
        with locked(breakwater_home):
            result = breakwater(breakwater_home, "tag", "difficult")
        assert result.returncode == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert "locked" in result.stderr and "Nothing was changed" in result.stderr
        settled(breakwater_home)
        assert count(breakwater_home) == 1


@pytest.mark.slow
def test_a_paused_app_and_a_locked_file_say_the_outcome_is_unknown_and_do_nothing_later(
        breakwater_home: Path) -> None:
    with offscreen_app(breakwater_home) as app:
        assert breakwater(breakwater_home, "tag", "difficult").returncode == 0
        with locked(breakwater_home), paused(app):
            result = breakwater(breakwater_home, "tag", "difficult")
        assert result.returncode == 1
        assert "is not known" in result.stderr and "breakwater status" in result.stderr
        settled(breakwater_home)
        assert count(breakwater_home) == 1
