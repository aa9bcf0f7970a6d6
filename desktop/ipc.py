"""The command line talks to a running tray app over a per-user local socket.

Protocol: one JSON object per line each way. Requests carry ``cmd`` ("ping", "status",
"tag", "undo", "erase", "show", "open", "reload", and those of feature modules), a
``deadline`` and a ``request_id``; replies carry ``ok`` and either the result or
``error``.
The server side is ``desktop.ui.ipc_server`` (an AF_UNIX socket on the same path).

A request's ``deadline`` is a time on the machine's monotonic clock (``time.monotonic``,
shared by every process), ``MARGIN`` seconds before the command line stops waiting. The
app refuses a request that reaches it after its deadline, and rolls back a write that
would commit after it, so a request the command line gave up on is never carried out
later (a retry would double it). The ``request_id`` closes the last gap: a request that
writes records its id in the same transaction; the command line that gave up records the
id as expired, and whichever records it first decides
(desktop.store.repository.Store.settle_request).
"""

from __future__ import annotations

import json
import socket  # AF_UNIX only: a per-user local socket, never the network
import time
from pathlib import Path
from typing import Any

MAX_REPLY_BYTES = 1 << 20
TIMEOUT = 5.0  # how long the command line waits for an answer
MARGIN = 1.0  # between a request's deadline and the command line giving up
# AF_UNIX socket paths are at most 108 bytes on Linux (104 on macOS) with the final NUL.
MAX_SOCKET_PATH_BYTES = 103


class IpcError(Exception):
    """The app is running but did not answer properly (in time, or at all).

    ``request_id`` is the id of a request that may have reached the app."""

    def __init__(self, detail: str, request_id: str | None = None) -> None:
        super().__init__(detail)
        self.request_id = request_id


def new_id() -> str:
    import uuid  # the command line's: uuid and platform would stay in the tray app

    return uuid.uuid4().hex


def socket_path_fits(path: Path) -> bool:
    return len(str(path).encode("utf-8", "surrogateescape")) <= MAX_SOCKET_PATH_BYTES


def request(path: Path, payload: dict[str, Any], timeout: float = TIMEOUT
            ) -> dict[str, Any] | None:
    """Send ``payload`` to the running app. None when no app is listening at ``path``.

    Adds a ``deadline`` ``MARGIN`` seconds before ``timeout`` runs out. Raises IpcError
    when the request went out but no proper answer came back in time."""
    if not hasattr(socket, "AF_UNIX") or not socket_path_fits(path):
        return None
    give_up = time.monotonic() + timeout
    payload = {**payload, "deadline": give_up - min(MARGIN, timeout / 2)}
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        try:
            sock.connect(str(path))
        except OSError:  # nothing listening (no file, refused, not a socket)
            return None
        data = b""
        sent_id = payload.get("request_id")
        try:
            sock.sendall(json.dumps(payload).encode("utf-8") + b"\n")
            while not data.endswith(b"\n"):
                left = give_up - time.monotonic()
                if left <= 0:
                    raise TimeoutError("timed out")
                sock.settimeout(left)
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if len(data) > MAX_REPLY_BYTES:
                    raise IpcError("reply too large", sent_id)
        except TimeoutError:
            raise IpcError("no answer in time", sent_id) from None
        except OSError as error:
            raise IpcError(str(error), sent_id) from None
    finally:
        sock.close()
    try:
        reply = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IpcError("no answer" if not data else "unreadable reply", sent_id) from None
    if not isinstance(reply, dict):
        raise IpcError("unexpected reply", sent_id)
    return reply


def is_running(path: Path) -> bool:
    try:
        reply = request(path, {"cmd": "ping"}, timeout=1.0)
    except IpcError:
        return False
    return bool(reply and reply.get("ok"))
