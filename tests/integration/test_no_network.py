"""Breakwater never touches the network: checked in-process, in the source, and by strace."""

from __future__ import annotations

import ast
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NetworkAccessError
from tests.integration.cli_helpers import cli_env

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"
NETWORK_MODULES = {"requests", "urllib.request", "http.client", "httpx", "aiohttp", "ftplib",
                   "smtplib", "telnetlib", "xmlrpc.client", "urllib3", "websocket",
                   "PySide6.QtNetwork.QTcpSocket", "PySide6.QtNetwork.QUdpSocket",
                   "PySide6.QtNetwork.QNetworkAccessManager", "PySide6.QtNetwork.QSslSocket",
                   "PySide6.QtNetwork.QTcpServer"}
# Local sockets only: ipc.py speaks AF_UNIX to the tray; app.py uses a socketpair to wake
# the Qt loop on SIGTERM.
SOCKET_ALLOWED = {"ipc.py", "ipc_server.py", "app.py"}  # each AF_UNIX only


def test_the_guard_itself_catches_a_connection() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkAccessError):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed, never contacted
    finally:
        sock.close()


def test_no_module_imports_a_network_client() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            offenders += [f"{path.name}: {n}" for n in names if n in NETWORK_MODULES]
            if "socket" in names and path.name not in SOCKET_ALLOWED:
                offenders.append(f"{path.name}: socket (only local sockets, in {SOCKET_ALLOWED})")
    assert offenders == []


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_cli_processes_open_no_internet_socket(breakwater_home: Path, tmp_path: Path) -> None:
    log = tmp_path / "strace.log"
    for args in (["tag", "difficult"], ["status", "--json"], ["undo"],
                 ["export", "--format", "json"]):
        result = subprocess.run(
            ["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o", str(log),
             sys.executable, "-m", "desktop", *args],
            env=cli_env(breakwater_home), capture_output=True, text=True, timeout=120,
            stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stderr
        trace = log.read_text()
        assert "AF_INET" not in trace, trace  # covers AF_INET6 too
