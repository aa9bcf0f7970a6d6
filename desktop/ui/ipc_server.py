"""The tray app's end of the command-line socket (AF_UNIX; JSON lines).

Plain Python sockets watched by ``QSocketNotifier``s, not QLocalServer: QtNetwork costs
the idle tray ~2.8 MB resident, and the command line's client (``desktop.ipc``) speaks
AF_UNIX anyway. The socket lives in the 0700 data folder and is made 0600 as well.
"""

from __future__ import annotations

import json
import logging
import os
import socket  # AF_UNIX only: a per-user local socket, never the network
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]
# A journal entry may be 100,000 characters, which JSON escapes to up to 600 KB.
MAX_REQUEST_BYTES = 1 << 20
REPLY_TIMEOUT = 5.0  # a client that stops reading must not hang the tray for longer


class _Connection:
    def __init__(self, sock: socket.socket, notifier: QSocketNotifier) -> None:
        self.sock = sock
        self.notifier = notifier
        self.data = b""


class IpcServer(QObject):
    def __init__(self, path: Path, handler: Handler, parent: QObject | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._path = path
        self._handler = handler
        self._monotonic = monotonic
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._connections: dict[int, _Connection] = {}

    def listen(self) -> bool:
        """Listen on the socket path; a stale socket from a crashed run is removed first
        (the caller holds the single-instance lock, so nobody else is listening)."""
        if not hasattr(socket, "AF_UNIX"):
            log.warning("no AF_UNIX sockets on this system; the command line cannot reach "
                        "the app")
            return False
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._path.unlink(missing_ok=True)
            listener.bind(str(self._path))
            os.chmod(self._path, 0o600)
            listener.listen(8)
            listener.setblocking(False)
        except OSError as error:
            listener.close()
            log.warning("cannot listen on %s: %s", self._path, error)
            return False
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for key in list(self._connections):
            self._drop(key)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            self._path.unlink(missing_ok=True)

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                sock, _address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("cannot accept a command-line connection: %s", error)
                return
            sock.setblocking(False)
            key = sock.fileno()
            notifier = QSocketNotifier(key, QSocketNotifier.Type.Read, self)
            self._connections[key] = _Connection(sock, notifier)
            notifier.activated.connect(lambda *_signal, k=key: self._read(k))

    def _drop(self, key: int) -> None:
        connection = self._connections.pop(key, None)
        if connection is None:
            return
        # The notifier goes before its descriptor, or Qt warns about an invalid socket.
        connection.notifier.setEnabled(False)
        connection.notifier.deleteLater()
        connection.sock.close()

    def _read(self, key: int) -> None:
        connection = self._connections.get(key)
        if connection is None:
            return
        try:
            chunk = connection.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client went away
            self._drop(key)
            return
        connection.data += chunk
        if b"\n" not in connection.data:
            if len(connection.data) > MAX_REQUEST_BYTES:
                self._drop(key)
            return
        line = connection.data.split(b"\n", 1)[0]
        connection.notifier.setEnabled(False)
        reply = self._answer(line)
        try:
            connection.sock.settimeout(REPLY_TIMEOUT)
            connection.sock.sendall(json.dumps(reply).encode("utf-8") + b"\n")
        except OSError as error:
            log.warning("could not reply to the command line: %s", error)
        self._drop(key)

    def _answer(self, line: bytes) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        try:
            decoded = json.loads(line.decode("utf-8"))
            if not isinstance(decoded, dict):
                raise ValueError("not an object")
            payload = decoded
            return self._late(payload) or self._handler(payload)
        except (ValueError, UnicodeDecodeError) as error:
            return {"ok": False, "error": f"bad request: {error}"}
        except Exception:  # a bug must not take the tray down with it
            # The command only: a request can carry a private note, and the log is kept.
            log.exception("request failed: %.40r", payload.get("cmd"))
            return {"ok": False, "error": "internal error; see the log"}

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
