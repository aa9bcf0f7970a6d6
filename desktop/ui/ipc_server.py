"""The tray app's end of the command-line socket (QLocalServer; JSON lines)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]
MAX_REQUEST_BYTES = 64 * 1024


class IpcServer(QObject):
    def __init__(self, path: Path, handler: Handler, parent: QObject | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._path = path
        self._handler = handler
        self._monotonic = monotonic
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
        payload: dict[str, Any] = {}
        try:
            decoded = json.loads(line.decode("utf-8"))
            if not isinstance(decoded, dict):
                raise ValueError("not an object")
            payload = decoded
            reply = self._late(payload) or self._handler(payload)
        except (ValueError, UnicodeDecodeError) as error:
            reply = {"ok": False, "error": f"bad request: {error}"}
        except Exception:  # a bug must not take the tray down with it
            # The command only: a request can carry a private note, and the log is kept.
            log.exception("request failed: %.40r", payload.get("cmd"))
            reply = {"ok": False, "error": "internal error; see the log"}
        sock.write(json.dumps(reply).encode("utf-8") + b"\n")
        sock.flush()
        sock.disconnectFromServer()

    def _late(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        """A refusal for a request read after its deadline (the app was paused or busy):
        the command line has stopped waiting, so carrying it out now would surprise the
        user, and a retry would do it twice."""
        deadline = payload.get("deadline")
        if isinstance(deadline, bool) or not isinstance(deadline, int | float):
            return None
        if self._monotonic() <= deadline:
            return None
        log.info("refused a %.40r request that arrived %.1f s late", payload.get("cmd"),
                 self._monotonic() - deadline)
        return {"ok": False, "expired": True, "error": "the request arrived too late"}
