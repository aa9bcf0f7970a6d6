"""`breakwater journal add|list|search` while the app runs: the real command line talks
to the app's socket server (in this process), which writes through the same handlers."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.service import Breakwater, handle_request
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.ipc_server import IpcServer
from tests.integration.cli_helpers import cli_env


@pytest.fixture
def app(breakwater_home: Path) -> Breakwater:
    opened = open_database(breakwater_home / "breakwater.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock())
    yield service
    service.store.close()


def run(qtbot: QtBot, home: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    """The command line in a child process, while this process's event loop serves it.
    Files, not pipes: a large reply would fill a pipe nobody reads while we wait."""
    files = {name: home.parent / f"{home.name}-{name}.txt" for name in ("in", "out", "err")}
    files["in"].write_text(stdin, encoding="utf-8")
    with open(files["in"], "rb") as given, open(files["out"], "wb") as out, \
            open(files["err"], "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "desktop", *args], env=cli_env(home),
                                stdin=given, stdout=out, stderr=err)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    return (proc.returncode, files["out"].read_text(encoding="utf-8"),
            files["err"].read_text(encoding="utf-8"))


@pytest.fixture
def served(app: Breakwater, breakwater_home: Path) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def handler(payload: dict[str, Any]) -> dict[str, Any]:
        seen.append({"cmd": payload.get("cmd"), "offset": payload.get("offset")})
        return handle_request(app, payload)

    server = IpcServer(breakwater_home / "breakwater.sock", handler)
    assert server.listen()
    yield seen
    server.close()


def test_add_goes_to_the_running_app(qtbot: QtBot, breakwater_home: Path, app: Breakwater,
                                     served: list[dict[str, Any]]) -> None:
    code, out, err = run(qtbot, breakwater_home, "journal", "add", "hola, 你好", "--mood", "4")
    assert (code, err) == (0, "") and out.startswith("Saved journal entry #1")
    assert served == [{"cmd": "journal.add", "offset": None}]
    assert app.store.query("SELECT text, mood, created_utc FROM journal_entries") == [
        ("hola, 你好", 4, "2026-09-21T14:13:20.000000Z")]  # the app's (fake) clock


def test_the_longest_entry_fits_through_the_socket(qtbot: QtBot, breakwater_home: Path,
                                                   app: Breakwater,
                                                   served: list[dict[str, Any]]) -> None:
    text = "电话" * 50_000  # 100,000 characters: 600 KB once escaped as JSON
    code, out, err = run(qtbot, breakwater_home, "journal", "add", "-", stdin=text)
    assert (code, err) == (0, ""), err
    assert app.store.query("SELECT length(text) FROM journal_entries") == [(100_000,)]
    code, out, err = run(qtbot, breakwater_home, "journal", "search", "话电", "--json")
    assert code == 0 and json.loads(out)[0]["text"] == text


def test_long_lists_come_in_pages(qtbot: QtBot, breakwater_home: Path, app: Breakwater,
                                  served: list[dict[str, Any]]) -> None:
    for i in range(8):
        handle_request(app, {"cmd": "journal.add", "text": f"{i} " + "x" * 60_000})
    code, out, err = run(qtbot, breakwater_home, "journal", "list", "--json", "--limit", "7")
    assert (code, err) == (0, ""), err
    entries = json.loads(out)
    assert [e["text"][0] for e in entries] == list("7654321")
    pages = [s for s in served if s["cmd"] == "journal.list"]
    assert len(pages) >= 2 and pages[0]["offset"] == 0  # more than one reply was needed


def test_a_failing_request_never_logs_the_entry(qtbot: QtBot, tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    from desktop import ipc

    def broken(payload: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("a bug")

    path = tmp_path / "bw.sock"
    server = IpcServer(path, broken)
    assert server.listen()
    replies: list[Any] = []
    import threading

    thread = threading.Thread(target=lambda: replies.append(ipc.request(
        path, {"cmd": "journal.add", "text": "my most private words"})))
    with caplog.at_level(logging.ERROR):
        thread.start()
        qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    thread.join()
    server.close()
    assert replies[0]["ok"] is False
    assert "journal.add" in caplog.text
    assert "private" not in caplog.text
