"""The app's global hotkeys, bound from the settings: one per ``hotkeys.<action>`` option.

Re-bound whenever those settings change; let go while the settings window records a new
combination (else pressing one of ours would tag instead of reaching the window). This is
what the settings window and the welcome see as ``ctx.hotkeys``."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.settings import HOTKEY, OPTIONS, Settings
from desktop.platform.hotkeys import HotkeyProblem, Hotkeys

PREFIX = "hotkeys."


def hotkey_bindings(settings: Settings) -> dict[str, str]:
    """combination → action (``difficult``, ``ordinary``, ``amend``...) for every hotkey
    option that is set."""
    return {settings[o.key]: o.key.removeprefix(PREFIX) for o in OPTIONS
            if o.kind == HOTKEY and settings[o.key]}


class HotkeyBinder:
    def __init__(self, hotkeys: Hotkeys, settings: Callable[[], Settings],
                 pressed: Callable[[str], None],
                 report: Callable[[list[HotkeyProblem]], None] = lambda _problems: None,
                 ) -> None:
        """``pressed(action)`` is called on the listener's thread: hand it to a Qt signal.
        ``report(problems)`` hears of combinations that could not be grabbed, once each
        time they change (not again on every re-bind)."""
        self.hotkeys = hotkeys
        self._settings = settings
        self._pressed = pressed
        self._report = report
        self.bound: dict[str, str] = {}
        self.found: list[HotkeyProblem] = []
        self.suspended = False

    def start(self) -> list[HotkeyProblem]:
        """Grab the combinations the settings name now; returns those that failed."""
        self.suspended = False
        self.bound = hotkey_bindings(self._settings())
        before = {p.combo for p in self.found}
        self.found = self.hotkeys.start(
            {combo: self._callback(action) for combo, action in self.bound.items()})
        # By combination: the same keys failing again, the reason now in another
        # language, is not news.
        if self.found and {p.combo for p in self.found} != before:
            self._report(self.found)
        return self.found

    def _callback(self, action: str) -> Callable[[], None]:
        return lambda: self._pressed(action)

    def problems(self) -> dict[str, str]:
        return {p.combo: p.reason for p in self.found}

    def probe(self, combo: str) -> str | None:
        return self.hotkeys.probe(combo)

    def suspend(self) -> None:
        if not self.suspended:
            self.hotkeys.stop()
            self.suspended = True

    def resume(self) -> None:
        if self.suspended:
            self.start()

    def stop(self) -> None:
        self.hotkeys.stop()
