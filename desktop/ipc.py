"""The command line talks to a running tray app over a per-user local socket.

Protocol: one JSON object per line each way. Requests carry ``cmd`` ("ping", "status",
"tag", "undo", "show", "breathe"); replies carry ``ok`` and either the result or ``error``.
The server side is ``desktop.ui.ipc_server`` (an AF_UNIX socket on the same path).
"""

from __future__ import annotations

import json
import socket  # AF_UNIX only: a per-user local socket, never the network
from pathlib import Path
from typing import Any

MAX_REPLY_BYTES = 1 << 20


class IpcError(Exception):
    """The app is running but did not answer properly."""


def request(path: Path, payload: dict[str, Any], timeout: float = 5.0) -> dict[str, Any] | None:
    """Send ``payload`` to the running app. None when no app is listening at ``path``."""
    if not hasattr(socket, "AF_UNIX"):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        except OSError:
            return None
        try:
            sock.sendall(json.dumps(payload).encode("utf-8") + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if len(data) > MAX_REPLY_BYTES:
                    raise IpcError("reply too large")
        except OSError as error:
            raise IpcError(str(error)) from None
    finally:
        sock.close()
    try:
        reply = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IpcError("unreadable reply") from None
    if not isinstance(reply, dict):
        raise IpcError("unexpected reply")
    return reply


def is_running(path: Path) -> bool:
    try:
        reply = request(path, {"cmd": "ping"}, timeout=1.0)
    except IpcError:
        return False
    return bool(reply and reply.get("ok"))
