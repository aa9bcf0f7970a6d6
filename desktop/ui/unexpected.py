"""An error nobody expected, in the running app: into the log, and one sentence to the user.

An exception raised in a Qt slot, a timer or a worker thread does not stop the app:
PySide6 and ``threading`` hand it to ``sys.excepthook`` / ``threading.excepthook``, whose
default prints a traceback on a terminal nobody watches. The person would never learn
that what they did had not happened. The tray app (and a window opened on its own)
installs ``UnexpectedErrors`` instead: the whole traceback goes to the log, and the person
is told once, in their language, through the app's one way of telling them; more errors
within ``quiet_seconds`` go to the log only, so a fault that repeats does not flood them.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from desktop.i18n import _

log = logging.getLogger("desktop")

SUMMARY_CHARS = 160


def summary(error: BaseException) -> str:
    """``ModuleNotFoundError: No module named 'x'``, on one line and not too long."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"


class UnexpectedErrors(QObject):
    # Emitted from whichever thread failed; delivered in the thread this object lives in.
    _report = Signal(str)

    def __init__(self, tell: Callable[[str, str], None], log_path: Path | None,
                 quiet_seconds: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.tell = tell
        self.log_path = log_path
        self.quiet_seconds = quiet_seconds
        self.clock = clock
        self._last: float | None = None
        self.count = 0
        self._report.connect(self._tell)

    def install(self) -> None:
        sys.excepthook = self.hook
        threading.excepthook = self.thread_hook

    def uninstall(self) -> None:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def hook(self, kind: type[BaseException], error: BaseException,
             trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        self.count += 1
        logged = bool(logging.getLogger().handlers) and self.log_path is not None
        if logged:
            log.error("unexpected error", exc_info=(kind, error, trace))
        now = self.clock()
        if self._last is not None and now - self._last < self.quiet_seconds:
            return
        self._last = now
        if logged:
            text = _("Something went wrong inside Breakwater, and what you were doing may "
                     "not have been done ({error}). The details are in {log}.").format(
                error=summary(error), log=self.log_path)
        else:
            text = _("Something went wrong inside Breakwater, and what you were doing may "
                     "not have been done ({error}).").format(error=summary(error))
        self._report.emit(text)

    def _tell(self, text: str) -> None:
        try:
            self.tell(_("Breakwater"), text)
        except Exception:  # telling failed too: the log has both
            log.exception("could not tell the user about an unexpected error")
