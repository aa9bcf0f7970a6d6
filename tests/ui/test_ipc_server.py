"""The tray's socket server answers the command line's plain AF_UNIX client."""

from __future__ import annotations

import stat
import threading
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desktop import ipc
from desktop.ui.ipc_server import IpcServer


def ask(path: Path, payload: dict[str, Any], out: list[Any]) -> threading.Thread:
    thread = threading.Thread(target=lambda: out.append(ipc.request(path, payload)))
    thread.start()
    return thread


def test_requests_reach_the_handler_and_replies_come_back(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[dict[str, Any]] = []

    def handler(payload: dict[str, Any]) -> dict[str, Any]:
        seen.append(payload)
        return {"ok": True, "echo": payload.get("n")}

    path = tmp_path / "bw.sock"
    server = IpcServer(path, handler)
    assert server.listen()
    out: list[Any] = []
    thread = ask(path, {"cmd": "ping", "n": 7}, out)
    qtbot.waitUntil(lambda: bool(out), timeout=5000)
    thread.join()
    assert out == [{"ok": True, "echo": 7}]
    assert len(seen) == 1 and {k: v for k, v in seen[0].items() if k != "deadline"} == {
        "cmd": "ping", "n": 7}
    server.close()


def test_a_stale_socket_file_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "bw.sock"
    path.write_text("left by a crashed run")
    assert ipc.request(path, {"cmd": "ping"}) is None  # nobody listening: not running
    server = IpcServer(path, lambda p: {"ok": True})
    assert server.listen()
    out: list[Any] = []
    thread = ask(path, {"cmd": "ping"}, out)
    qtbot.waitUntil(lambda: bool(out), timeout=5000)
    thread.join()
    assert out == [{"ok": True}]
    server.close()


def test_a_handler_error_is_a_reply_not_a_crash(qtbot: QtBot, tmp_path: Path) -> None:
    def broken(payload: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("boom")

    path = tmp_path / "bw.sock"
    server = IpcServer(path, broken)
    assert server.listen()
    out: list[Any] = []
    thread = ask(path, {"cmd": "status"}, out)
    qtbot.waitUntil(lambda: bool(out), timeout=5000)
    thread.join()
    assert out[0]["ok"] is False and "internal error" in out[0]["error"]
    server.close()


def test_no_server_means_not_running(tmp_path: Path) -> None:
    assert ipc.request(tmp_path / "absent.sock", {"cmd": "ping"}) is None
    assert ipc.is_running(tmp_path / "absent.sock") is False


def test_the_socket_is_private_and_gone_after_close(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "bw.sock"
    server = IpcServer(path, lambda p: {"ok": True, "n": p.get("n")})
    assert server.listen()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for n in range(3):  # one connection after another, each answered
        out: list[Any] = []
        thread = ask(path, {"cmd": "ping", "n": n}, out)
        qtbot.waitUntil(lambda out=out: bool(out), timeout=5000)
        thread.join()
        assert out == [{"ok": True, "n": n}]
    server.close()
    assert not path.exists()
    assert ipc.request(path, {"cmd": "ping"}) is None
