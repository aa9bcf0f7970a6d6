"""Shared fixtures: a private BREAKWATER_HOME per test and a guard against network access."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class NetworkAccessError(AssertionError):
    """Raised when code under test tries to open a non-local socket."""


_LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", -1)}
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto


def _check(sock: socket.socket, address: Any) -> None:
    if sock.family not in _LOCAL_FAMILIES:
        raise NetworkAccessError(f"network access attempted: {sock.family!r} {address!r}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check(self, address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)


def _guarded_sendto(self: socket.socket, *args: Any) -> int:
    _check(self, args[-1])
    return _real_sendto(self, *args)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if any code path tries to reach the network (AF_UNIX is allowed)."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", _guarded_sendto)


@pytest.fixture(autouse=True)
def breakwater_home(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own empty data folder; nothing touches the real one."""
    home = tmp_path_factory.mktemp("bwhome")
    monkeypatch.setenv("BREAKWATER_HOME", str(home))
    monkeypatch.setenv("LANGUAGE", "en")
    yield home
