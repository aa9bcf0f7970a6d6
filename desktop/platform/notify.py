"""Desktop notifications through plyer, off the GUI thread, with a fallback.

plyer on Linux calls ``notify-send`` (a blocking subprocess, ~40 ms) or dbus-python; when
neither works it raises. Every call runs on one worker thread so the tray never stalls,
and any failure hands the message to ``fallback`` (the tray's own balloon or window) so
the user still sees it."""

from __future__ import annotations

import logging
import sys
import threading
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from queue import SimpleQueue

    Job = tuple[str, str] | threading.Event | None

log = logging.getLogger(__name__)

PLATFORM = sys.platform  # a variable, so type checkers keep both branches below
Fallback = Callable[[str, str], None]
Backend = Callable[..., object]


class Notifier(Protocol):
    def notify(self, title: str, message: str) -> None: ...


def _plyer_backend(**kwargs: object) -> object:
    with warnings.catch_warnings():
        # plyer warns when dbus-python is missing before trying notify-send; not our user's
        # concern, and it would be printed on every start.
        warnings.simplefilter("ignore")
        from plyer import notification

        if PLATFORM.startswith("linux"):
            # plyer's public notify() passes only timeout and app_icon on, but its
            # notify-send backend (used when dbus-python is absent, as it usually is)
            # reads expire_time and icon: without them every notification has no icon
            # and never expires, and they pile up. Each Linux backend reads the keys it
            # knows from the same keyword arguments, so give both spellings.
            seconds = int(kwargs.get("timeout", 10))  # type: ignore[call-overload]
            return notification._notify(
                **kwargs, icon=kwargs.get("app_icon", ""), expire_time=str(seconds * 1000))
        return notification.notify(**kwargs)


class PlyerNotifier:
    def __init__(self, fallback: Fallback, app_name: str = "Breakwater",
                 icon_path: str | None = None, timeout: int = 10,
                 backend: Backend = _plyer_backend) -> None:
        self._fallback = fallback
        self._app_name = app_name
        self._icon = icon_path
        self._timeout = timeout
        self._backend = backend
        # One plain worker thread and a queue, not a ThreadPoolExecutor: importing
        # concurrent.futures costs the idle tray ~0.6 MB. Both made on first use (the
        # queue module too: the idle app has nothing to send).
        self._jobs: SimpleQueue[Job] | None = None
        self._worker: threading.Thread | None = None
        self.failures = 0

    def notify(self, title: str, message: str) -> None:
        if self._worker is None or self._jobs is None:
            from queue import SimpleQueue

            self._jobs = SimpleQueue()
            self._worker = threading.Thread(target=self._work, args=(self._jobs,),
                                            name="notify", daemon=True)
            self._worker.start()
        self._jobs.put((title, message))

    def _work(self, jobs: SimpleQueue[Job]) -> None:
        while True:
            job = jobs.get()
            if job is None:
                return
            if isinstance(job, threading.Event):
                job.set()
            else:
                self._send(*job)

    def _send(self, title: str, message: str) -> None:
        body = message
        if PLATFORM.startswith("linux"):
            # The freedesktop notification spec lets a server read the body as markup
            # (<b>, <a href>, <img src>, entities): a contact called "Tom & <b>Ana</b>" or
            # a quoted file name would be drawn as bold, or an image fetched. Breakwater
            # never sends markup, so the body is escaped; the summary is plain text.
            from html import escape

            body = escape(message, quote=False)
        kwargs: dict[str, object] = {"title": title, "message": body,
                                     "app_name": self._app_name, "timeout": self._timeout}
        if self._icon:  # plyer raises TypeError on app_icon=None
            kwargs["app_icon"] = self._icon
        try:
            self._backend(**kwargs)
        except Exception as exc:
            self.failures += 1
            log.warning("notification failed (%s); showing it in the app instead", str(exc))
            self._fallback(title, message)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait for the notifications submitted so far (tests, shutdown)."""
        if self._worker is None or self._jobs is None:
            return
        done = threading.Event()
        self._jobs.put(done)
        if not done.wait(timeout):
            raise TimeoutError("notifications still being sent")

    def close(self) -> None:
        """Finish what was queued, then stop the worker."""
        if self._worker is not None and self._jobs is not None:
            self._jobs.put(None)
            self._worker.join(timeout=5.0)  # a hung notify-send must not block quitting
            self._worker = None


class FakeNotifier:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> None:
        self.sent.append((title, message))
