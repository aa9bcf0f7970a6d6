"""Global hotkeys.

On X11 the keys are grabbed on the root window with ``XGrabKey`` (python-xlib): the
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
import select
import sys
import threading
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


class KeyRepeatFilter:
    """One press, one action: a held key must not tag once per auto-repeat.

    X reports auto-repeat either as further KeyPress events with no release between them
    (detectable auto-repeat) or as KeyRelease/KeyPress pairs that carry the same
    timestamp. A press counts only when its key is up and its time differs from that
    key's last release."""

    def __init__(self) -> None:
        self._down: set[int] = set()
        self._released_at: dict[int, int] = {}

    def is_repeat(self, keycode: int, time: int) -> bool:
        repeat = keycode in self._down or self._released_at.get(keycode) == time
        self._down.add(keycode)
        return repeat

    def released(self, keycode: int, time: int) -> None:
        self._down.discard(keycode)
        self._released_at[keycode] = time


class X11Hotkeys:
    """``XGrabKey`` on the root window, one private X connection, one listener thread."""

    name = "x11"

    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name
        self._display: Any = None
        self._grabs: list[tuple[int, int]] = []  # (keycode, modifiers incl. lock variants)
        self._actions: dict[tuple[int, int], Callback] = {}
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        from Xlib import X

        from desktop.platform.xdisplay import open_display

        self.stop()
        try:
            display = open_display(self._display_name)
        except Exception as exc:  # no X server, refused connection
            return [HotkeyProblem(c, _("no X display ({error})").format(error=exc))
                    for c in bindings]
        root = display.screen().root
        problems: list[HotkeyProblem] = []
        for combo, callback in bindings.items():
            grabbed = _grab(display, combo)
            if isinstance(grabbed, str):
                problems.append(HotkeyProblem(combo, grabbed))
                continue
            self._grabs.extend(grabbed)
            self._actions[grabbed[0]] = callback
        root.change_attributes(event_mask=X.KeyPressMask | X.KeyReleaseMask)
        display.sync()
        self._display = display
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._listen, name="hotkeys", daemon=True)
        self._thread.start()
        log.info("X11 hotkeys grabbed: %s", sorted(set(bindings) - {p.combo for p in problems}))
        return problems

    def probe(self, combo: str) -> str | None:
        """Grab ``combo`` on a connection of its own and let go at once: the X server
        answers BadAccess when another client holds it."""
        from desktop.platform.xdisplay import open_display

        try:
            display = open_display(self._display_name)
        except Exception as exc:
            return _("no X display ({error})").format(error=exc)
        try:
            if self._display is not None:
                ours = _keycode_and_mask(display, combo)
                if not isinstance(ours, str) and ours in self._actions:
                    return None
            grabbed = _grab(display, combo)
            if isinstance(grabbed, str):
                return grabbed
            root = display.screen().root
            for code, mask in grabbed:
                root.ungrab_key(code, mask)
            display.sync()
            return None
        finally:
            display.close()

    def _listen(self) -> None:
        from Xlib import X

        display = self._display
        relevant = X.ControlMask | X.Mod1Mask | X.ShiftMask | X.Mod4Mask
        fd = display.fileno()
        repeats = KeyRepeatFilter()
        while True:
            while display.pending_events():
                event = display.next_event()
                if event.type == X.KeyRelease:
                    repeats.released(event.detail, event.time)
                    continue
                if event.type != X.KeyPress or repeats.is_repeat(event.detail, event.time):
                    continue
                action = self._actions.get((event.detail, event.state & relevant))
                if action is not None:
                    try:
                        action()
                    except Exception:
                        log.exception("hotkey action failed")
            ready, _w, _x = select.select([fd, self._wake_r], [], [])
            if self._wake_r in ready:
                return

    def stop(self) -> None:
        if self._thread is not None:
            os.write(self._wake_w, b"x")
            self._thread.join(timeout=2)
            self._thread = None
            os.close(self._wake_r)
            os.close(self._wake_w)
        if self._display is not None:
            root = self._display.screen().root
            for code, mask in self._grabs:
                root.ungrab_key(code, mask)
            try:
                self._display.sync()
                self._display.close()
            except Exception:  # the X server went away first
                log.debug("X display already closed")
            self._display = None
        self._grabs = []
        self._actions = {}


def _keycode_and_mask(display: Any, combo: str) -> tuple[int, int] | str:
    """The X keycode and modifier mask of ``combo``, or why there is none."""
    from Xlib import XK, X

    masks = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask,
             "cmd": X.Mod4Mask, "super": X.Mod4Mask}
    try:
        mods, key = split_combo(combo)
    except ValueError:
        return _("not a key combination")
    keysym = XK.string_to_keysym(key.upper() if key.startswith("f") and len(key) > 1 else key)
    keycode = display.keysym_to_keycode(keysym) if keysym else 0
    if not keycode:
        return _("this keyboard has no such key")
    modifiers = 0
    for m in mods:
        modifiers |= masks[m]
    return int(keycode), modifiers


def _grab(display: Any, combo: str) -> list[tuple[int, int]] | str:
    """Grab ``combo`` on the root window in every NumLock/CapsLock variant; the grabs made
    (the plain one first), or why it failed (nothing is left grabbed then)."""
    from Xlib import X, error

    found = _keycode_and_mask(display, combo)
    if isinstance(found, str):
        return found
    keycode, modifiers = found
    root = display.screen().root
    # NumLock (Mod2) and CapsLock (Lock) change the state; grab every variant.
    locks = (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)
    catcher = error.CatchError(error.BadAccess)
    grabbed = []
    for lock in locks:
        root.grab_key(keycode, modifiers | lock, True, X.GrabModeAsync, X.GrabModeAsync,
                      onerror=catcher)
        grabbed.append((keycode, modifiers | lock))
    display.sync()
    if catcher.get_error():
        for code, mask in grabbed:
            root.ungrab_key(code, mask)
        display.sync()
        return _("taken by another program")
    return grabbed


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
        return X11Hotkeys(env.get("DISPLAY"))
    return PynputHotkeys()
