"""The tray app's end of the command-line socket (QLocalServer; JSON lines)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]
# A journal entry may be 100,000 characters, which JSON escapes to up to 600 KB.
MAX_REQUEST_BYTES = 1 << 20


class IpcServer(QObject):
    def __init__(self, path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Listen on the socket path; a stale socket from a crashed run is removed first
        (the caller holds the single-instance lock, so nobody else is listening)."""
        QLocalServer.removeServer(str(self._path))
        ok = self._server.listen(str(self._path))
        if not ok:
            log.warning("cannot listen on %s: %s", self._path, self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._forget(s))

    def _forget(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_REQUEST_BYTES:
                sock.abort()
            else:
                self._buffers[sock] = data
            return
        line = data.split(b"\n", 1)[0]
        try:
            payload = json.loads(line.decode("utf-8"))
            if not isinstance(payload, dict):
                raise ValueError("not an object")
            reply = self._handler(payload)
        except (ValueError, UnicodeDecodeError) as error:
            reply = {"ok": False, "error": f"bad request: {error}"}
        except Exception:  # a bug must not take the tray down with it
            # Only the command's name: a request may carry a journal entry's text.
            log.exception("request failed: %r", _command_name(line))
            reply = {"ok": False, "error": "internal error; see the log"}
        sock.write(json.dumps(reply).encode("utf-8") + b"\n")
        sock.flush()
        sock.disconnectFromServer()


def _command_name(line: bytes) -> object:
    try:
        payload = json.loads(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return "?"
    return payload.get("cmd") if isinstance(payload, dict) else "?"
