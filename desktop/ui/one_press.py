"""One press, one action in a window, even when the app is busy.

Qt marks an auto-repeated key by finding, right after a key release, the press that X
sent with the same timestamp. When the app is slow to read its X events that press may
not have arrived yet, and a held key then looks like many separate presses (a held "+"
adding minutes to a break many times over). The same X rule is applied here to what Qt
lets through: a press stamped with the time of that key's last release is a repeat.
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent


class OnePress:
    def __init__(self) -> None:
        self._released_at: dict[int, int] = {}

    def is_repeat(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return True
        stamp = event.timestamp()
        # Events made up without an X server (tests, accessibility tools) carry no time.
        return stamp != 0 and self._released_at.get(event.key()) == stamp

    def released(self, event: QKeyEvent) -> None:
        if not event.isAutoRepeat():
            self._released_at[event.key()] = event.timestamp()
