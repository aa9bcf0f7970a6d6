"""Global hotkeys on X11, whichever library speaks to the X server.

Two backends grab keys the same way: ``xcb.XcbHotkeys`` through libxcb (ctypes; the
default) and ``X11Hotkeys`` here through python-xlib (the fallback where libxcb-keysyms
or libxkbcommon cannot be loaded). What they share lives here, so they cannot drift apart:

- a combination is grabbed on the root window in every NumLock/CapsLock variant; a grab
  another client holds fails with BadAccess, reported as "taken by another program", and
  then nothing is left grabbed;
- one private connection, one listener thread that ``select``s on the connection and on
  a pipe that ``stop`` writes to;
- a held key acts once (``KeyRepeatFilter``);
- ``probe`` grabs on a connection of its own and lets go at once.

A backend supplies only a ``KeyConnection``: how to reach the server with its library.
Neither library is imported before a backend connects.
"""

from __future__ import annotations

import logging
import os
import select
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

from desktop.core.combos import split_combo
from desktop.i18n import _
from desktop.platform.hotkeys import Callback, HotkeyProblem

log = logging.getLogger(__name__)

# X protocol constants (X.h): the same numbers whichever library sends them.
SHIFT, LOCK, CONTROL, MOD1, MOD2, MOD4 = 1, 2, 4, 8, 16, 64
KEY_PRESS, KEY_RELEASE = 2, 3
BAD_ACCESS = 10
MASKS = {"ctrl": CONTROL, "alt": MOD1, "shift": SHIFT, "cmd": MOD4, "super": MOD4}
LOCKS = (0, LOCK, MOD2, LOCK | MOD2)  # NumLock (Mod2) and CapsLock change the state
RELEVANT = CONTROL | MOD1 | SHIFT | MOD4

Grab = tuple[int, int]  # (keycode, modifiers including a lock variant)


class KeyConnection(Protocol):
    """One private connection to the X server, as the hotkeys use it."""

    def keycode(self, keysym_name: str) -> int:
        """The keycode of a keysym name ("h", "F5"), 0 when this keyboard has none."""
        ...

    def grab_keys(self, grabs: Sequence[Grab]) -> list[int]:
        """Grab each on the root window and wait for the answers: the X error codes
        (empty, or all 0, when every grab was made)."""
        ...

    def ungrab_keys(self, grabs: Sequence[Grab]) -> None:
        """Let go of each, sent at once."""
        ...

    def listen_for_keys(self) -> None:
        """Ask for the root window's KeyPress and KeyRelease events."""
        ...

    def fileno(self) -> int: ...

    def key_events(self) -> Iterator[tuple[int, int, int, int]]:
        """(event type, keycode, time, state) of each key event already received."""
        ...

    def lost(self) -> bool:
        """The server closed the connection."""
        ...

    def release(self, grabs: Sequence[Grab]) -> None:
        """Let go of ``grabs`` and close (the server may have gone first)."""
        ...

    def close(self) -> None: ...


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


def keysym_name(key: str) -> str:
    """``split_combo``'s key as X names its keysym: function keys are "F5", not "f5"."""
    return key.upper() if key.startswith("f") and len(key) > 1 else key


def keycode_and_mask(conn: KeyConnection, combo: str) -> Grab | str:
    """The keycode and modifier mask of ``combo``, or why there is none."""
    try:
        mods, key = split_combo(combo)
    except ValueError:
        return _("not a key combination")
    keycode = conn.keycode(keysym_name(key))
    if not keycode:
        return _("this keyboard has no such key")
    modifiers = 0
    for m in mods:
        modifiers |= MASKS[m]
    return keycode, modifiers


def grab(conn: KeyConnection, combo: str) -> list[Grab] | str:
    """Grab ``combo`` on the root window in every lock variant; the grabs made (the plain
    one first), or why it failed (then nothing is left grabbed)."""
    found = keycode_and_mask(conn, combo)
    if isinstance(found, str):
        return found
    keycode, modifiers = found
    grabbed = [(keycode, modifiers | lock) for lock in LOCKS]
    errors = conn.grab_keys(grabbed)
    if any(errors):
        conn.ungrab_keys(grabbed)
        return (_("taken by another program") if BAD_ACCESS in errors
                else _("not a key combination"))
    return grabbed


class RootGrabHotkeys:
    """``XGrabKey`` on the root window, one private X connection, one listener thread.
    Subclasses say how to connect (``connect``)."""

    name = "x11"

    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name
        self._conn: KeyConnection | None = None
        self._grabs: list[Grab] = []
        self._actions: dict[Grab, Callback] = {}
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1

    def connect(self) -> KeyConnection:
        """A new private connection; raises when there is no X server to reach."""
        raise NotImplementedError

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        self.stop()
        try:
            conn = self.connect()
        except Exception as exc:  # no X server, refused connection
            return [HotkeyProblem(c, _("no X display ({error})").format(error=exc))
                    for c in bindings]
        problems: list[HotkeyProblem] = []
        for combo, callback in bindings.items():
            grabbed = grab(conn, combo)
            if isinstance(grabbed, str):
                problems.append(HotkeyProblem(combo, grabbed))
                continue
            self._grabs.extend(grabbed)
            self._actions[grabbed[0]] = callback  # the plain variant: (keycode, modifiers)
        conn.listen_for_keys()
        self._conn = conn
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(target=self._listen, name="hotkeys", daemon=True)
        self._thread.start()
        log.info("X11 hotkeys grabbed: %s", sorted(set(bindings) - {p.combo for p in problems}))
        return problems

    def probe(self, combo: str) -> str | None:
        """Grab ``combo`` on a connection of its own and let go at once: the X server
        answers BadAccess when another client holds it."""
        try:
            conn = self.connect()
        except Exception as exc:
            return _("no X display ({error})").format(error=exc)
        try:
            if self._actions:
                ours = keycode_and_mask(conn, combo)
                if not isinstance(ours, str) and ours in self._actions:
                    return None
            grabbed = grab(conn, combo)
            if isinstance(grabbed, str):
                return grabbed
            conn.ungrab_keys(grabbed)
            return None
        finally:
            conn.close()

    def _listen(self) -> None:
        conn = self._conn
        assert conn is not None
        fd = conn.fileno()
        repeats = KeyRepeatFilter()
        while True:
            for kind, detail, time, state in conn.key_events():
                if kind == KEY_RELEASE:
                    repeats.released(detail, time)
                    continue
                if kind != KEY_PRESS or repeats.is_repeat(detail, time):
                    continue
                action = self._actions.get((detail, state & RELEVANT))
                if action is not None:
                    try:
                        action()
                    except Exception:
                        log.exception("hotkey action failed")
            if conn.lost():
                log.warning("the X connection for hotkeys was lost")
                return
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
        if self._conn is not None:
            self._conn.release(self._grabs)
            self._conn = None
        self._grabs = []
        self._actions = {}


class _XlibKeys:
    """A ``KeyConnection`` through python-xlib."""

    def __init__(self, display_name: str | None) -> None:
        from desktop.platform.xdisplay import open_display

        self.display = open_display(display_name)
        self.root = self.display.screen().root

    def keycode(self, keysym_name: str) -> int:
        from Xlib import XK

        keysym = XK.string_to_keysym(keysym_name)
        return int(self.display.keysym_to_keycode(keysym)) if keysym else 0

    def grab_keys(self, grabs: Sequence[Grab]) -> list[int]:
        from Xlib import X, error

        catcher = error.CatchError(error.BadAccess)
        for code, mask in grabs:
            self.root.grab_key(code, mask, True, X.GrabModeAsync, X.GrabModeAsync,
                               onerror=catcher)
        self.display.sync()
        return [BAD_ACCESS] if catcher.get_error() else []

    def ungrab_keys(self, grabs: Sequence[Grab]) -> None:
        for code, mask in grabs:
            self.root.ungrab_key(code, mask)
        self.display.sync()

    def listen_for_keys(self) -> None:
        from Xlib import X

        self.root.change_attributes(event_mask=X.KeyPressMask | X.KeyReleaseMask)
        self.display.sync()

    def fileno(self) -> int:
        return int(self.display.fileno())

    def key_events(self) -> Iterator[tuple[int, int, int, int]]:
        while self.display.pending_events():
            event = self.display.next_event()
            if event.type in (KEY_PRESS, KEY_RELEASE):
                yield event.type, event.detail, event.time, event.state

    def lost(self) -> bool:
        return False  # python-xlib raises from pending_events instead

    def release(self, grabs: Sequence[Grab]) -> None:
        for code, mask in grabs:
            self.root.ungrab_key(code, mask)
        try:
            self.display.sync()
            self.display.close()
        except Exception:  # the X server went away first
            log.debug("X display already closed")

    def close(self) -> None:
        self.display.close()


class X11Hotkeys(RootGrabHotkeys):
    """The python-xlib backend: ~5 MB more than libxcb in the idle tray (its protocol
    modules and keysym tables), so only where libxcb's helpers cannot be loaded."""

    def connect(self) -> KeyConnection:
        return _XlibKeys(self._display_name)
