"""Global hotkeys.

On X11 the keys are grabbed on the root window with ``XGrabKey`` (through libxcb, or
python-xlib where libxcb's helpers are missing: desktop/platform/x11_keys.py): the
keystroke is consumed, so the focused program (a softphone, a chat window) never sees
Ctrl+Alt+H, and a combination another program already holds is reported as taken
(``BadAccess``) instead of failing silently. On Windows and macOS pynput listens. On
Wayland no ordinary program may grab keys; the user is told how to bind the command line
in the desktop's own keyboard settings instead.

Callbacks run on a listener thread: callers must hand over to their own thread (the tray
controller emits a Qt signal)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.core.combos import describe_combo, split_combo
from desktop.i18n import _

log = logging.getLogger(__name__)

Callback = Callable[[], None]


@dataclass(frozen=True)
class HotkeyProblem:
    combo: str
    reason: str


class Hotkeys(Protocol):
    name: str

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        """Register every binding that can be registered; report the others."""
        ...

    def stop(self) -> None: ...

    def probe(self, combo: str) -> str | None:
        """Why ``combo`` could not be registered now (taken by another program, no such
        key), or None when it could. A combination this backend holds itself is free."""
        ...


__all__ = ["HotkeyProblem", "Hotkeys", "create_hotkeys", "describe_combo", "shortcut_help",
           "split_combo"]


def shortcut_help(command: str) -> str:
    return _(
        "You can bind the command “{command}” to a key in your desktop's own keyboard "
        "settings (for example Settings → Keyboard → Custom Shortcuts); it works whether "
        "or not Breakwater is running."
    ).format(command=command)


class UnavailableHotkeys:
    """Where no global grab is possible: every binding is reported with the reason."""

    name = "unavailable"

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        return [HotkeyProblem(combo, self.reason) for combo in bindings]

    def stop(self) -> None:
        pass

    def probe(self, combo: str) -> str | None:
        return self.reason


class FakeHotkeys:
    """For tests: ``press(combo)`` calls the binding; ``refuse`` combos are reported taken."""

    name = "fake"

    def __init__(self, refuse: set[str] | None = None) -> None:
        self.bindings: dict[str, Callback] = {}
        self.refuse = refuse or set()

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        self.bindings = {c: f for c, f in bindings.items() if c not in self.refuse}
        return [HotkeyProblem(c, _("taken by another program")) for c in bindings
                if c in self.refuse]

    def press(self, combo: str) -> None:
        self.bindings[combo]()

    def stop(self) -> None:
        self.bindings = {}

    def probe(self, combo: str) -> str | None:
        return _("taken by another program") if combo in self.refuse else None


class PynputHotkeys:
    """pynput's GlobalHotKeys: native hooks on Windows and macOS (listens, does not grab)."""

    name = "pynput"

    def __init__(self) -> None:
        self._listener: Any = None

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        self.stop()
        try:
            from pynput import keyboard
        except Exception as exc:  # no backend for this desktop
            return [HotkeyProblem(c, str(exc)) for c in bindings]
        good: dict[str, Callback] = {}
        problems = []
        for combo, callback in bindings.items():
            try:
                keyboard.HotKey.parse(combo)
            except ValueError:
                problems.append(HotkeyProblem(combo, _("not a key combination")))
                continue
            good[combo] = callback
        self._listener = keyboard.GlobalHotKeys(good)
        self._listener.start()
        return problems

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def probe(self, combo: str) -> str | None:
        """pynput listens without grabbing: nothing is ever taken, only unreadable."""
        try:
            from pynput import keyboard
        except Exception as exc:
            return str(exc)
        try:
            keyboard.HotKey.parse(combo)
        except ValueError:
            return _("not a key combination")
        return None


def create_hotkeys(env: Mapping[str, str] | None = None,
                   platform: str | None = None) -> Hotkeys:
    """The right hotkey backend for this desktop."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux") or "bsd" in platform:
        if env.get("XDG_SESSION_TYPE") == "wayland" or (
                env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")):
            return UnavailableHotkeys(_(
                "Wayland does not let programs grab global keys"))
        if not env.get("DISPLAY"):
            return UnavailableHotkeys(_("no graphical display"))
        from desktop.platform import xcb

        if xcb.available():  # the libraries Qt's X11 plugin uses; far lighter than Xlib
            return xcb.XcbHotkeys(env.get("DISPLAY"))
        try:
            import Xlib  # noqa: F401
        except ImportError:
            return PynputHotkeys()
        from desktop.platform.x11_keys import X11Hotkeys

        return X11Hotkeys(env.get("DISPLAY"))
    return PynputHotkeys()
