"""The one path desktop notifications take to the screen, held while a call is live.

Every part of the app that notifies (the break-over notice, warnings and other messages
for ``tell``) is handed this notifier by the composition root, so none of them needs to
know about calls. While ``quiet()`` a message waits; when the quiet ends
(``release()``, called on each tick) each distinct waiting message is shown once.

Nudges are not queued here: the nudge flow asks the core's ``CallGate`` and re-decides
when the quiet ends, so a nudge no longer due is never shown late.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop.platform.notify import Notifier

log = logging.getLogger(__name__)


class HeldNotifier:
    def __init__(self, inner: Notifier, quiet: Callable[[], bool]) -> None:
        self.inner = inner
        self.quiet = quiet
        self.on_held: Callable[[], None] = lambda: None  # the tooltip counts what waits
        self._held: list[tuple[str, str]] = []

    @property
    def held(self) -> int:
        return len(self._held)

    def notify(self, title: str, message: str) -> None:
        if self.quiet():
            if (title, message) not in self._held:
                self._held.append((title, message))
                log.info("held during a call: %s", title)
                self.on_held()
            return
        self.inner.notify(title, message)

    def release(self) -> int:
        """Show what waited, once each, if the quiet is over; how many were shown."""
        if not self._held or self.quiet():
            return 0
        waiting, self._held = self._held, []
        for title, message in waiting:
            self.inner.notify(title, message)
        return len(waiting)

    def forget(self) -> None:
        """Everything was erased: what waited refers to data that is gone."""
        self._held.clear()
