"""Global hotkeys and idle time on X11 through libxcb (ctypes), not python-xlib.

The libraries are the ones Qt's X11 plugin has already loaded (libxcb, libxcb-keysyms,
libxkbcommon), so this costs the idle tray ~0.6 MB where python-xlib cost ~5 MB
(its protocol modules, keysym tables and two Display objects). Behaviour is that of
``hotkeys.X11Hotkeys`` and ``idle.X11IdleMonitor``, which remain the fallback when these
libraries cannot be loaded:

- keys are grabbed on the root window with every NumLock/CapsLock variant; a grab another
  client holds fails with BadAccess, reported as "taken by another program";
- one private connection per user of it, its own listener thread, events read with
  ``xcb_poll_for_event`` after ``select`` on the connection's descriptor;
- idle time is MIT-SCREEN-SAVER's QueryInfo (``ms_since_user_input``), sent with
  ``xcb_send_request`` as libxcb-screensaver would (that library is seldom installed).
A local display is reached only over its Unix socket (see ``xdisplay``), never TCP.
"""

from __future__ import annotations

import ctypes
import logging
import os
import select
import threading
from collections.abc import Mapping
from typing import Any

from desktop.i18n import _
from desktop.platform.hotkeys import Callback, HotkeyProblem, KeyRepeatFilter, split_combo
from desktop.platform.xdisplay import _LOCAL, pinned_name

log = logging.getLogger(__name__)

# X protocol constants (X.h)
SHIFT, LOCK, CONTROL, MOD1, MOD2, MOD4 = 1, 2, 4, 8, 16, 64
KEY_PRESS, KEY_RELEASE = 2, 3
BAD_ACCESS = 10
GRAB_MODE_ASYNC = 1
CW_EVENT_MASK = 1 << 11
KEY_PRESS_MASK, KEY_RELEASE_MASK = 1, 2
MASKS = {"ctrl": CONTROL, "alt": MOD1, "shift": SHIFT, "cmd": MOD4, "super": MOD4}
LOCKS = (0, LOCK, MOD2, LOCK | MOD2)  # NumLock (Mod2) and CapsLock change the state
RELEVANT = CONTROL | MOD1 | SHIFT | MOD4


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _Extension(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("global_id", ctypes.c_int)]


class _ProtocolRequest(ctypes.Structure):
    _fields_ = [("count", ctypes.c_size_t), ("ext", ctypes.POINTER(_Extension)),
                ("opcode", ctypes.c_uint8), ("isvoid", ctypes.c_uint8)]


class _IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class _ExtensionReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("pad", ctypes.c_uint8),
                ("sequence", ctypes.c_uint16), ("length", ctypes.c_uint32),
                ("present", ctypes.c_uint8), ("major_opcode", ctypes.c_uint8)]


_libs: dict[str, Any] = {}


def _load() -> dict[str, Any]:
    """libxcb, libxcb-keysyms, libxkbcommon and libc with the prototypes used here.
    Raises OSError when one is missing."""
    if _libs:
        return _libs
    xcb = ctypes.CDLL("libxcb.so.1")
    keysyms = ctypes.CDLL("libxcb-keysyms.so.1")
    xkb = ctypes.CDLL("libxkbcommon.so.0")
    libc = ctypes.CDLL(None)
    p, u8, u16, u32 = ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
    for name, result, args in (
        ("xcb_connect", p, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]),
        ("xcb_connection_has_error", ctypes.c_int, [p]),
        ("xcb_disconnect", None, [p]),
        ("xcb_flush", ctypes.c_int, [p]),
        ("xcb_get_file_descriptor", ctypes.c_int, [p]),
        ("xcb_get_setup", p, [p]),
        ("xcb_setup_roots_iterator", _ScreenIterator, [p]),
        ("xcb_screen_next", None, [ctypes.POINTER(_ScreenIterator)]),
        ("xcb_grab_key_checked", _Cookie, [p, u8, u32, u16, u8, u8, u8]),
        ("xcb_ungrab_key", _Cookie, [p, u8, u32, u16]),
        ("xcb_change_window_attributes", _Cookie, [p, u32, u32, ctypes.POINTER(u32)]),
        ("xcb_request_check", p, [p, _Cookie]),
        ("xcb_poll_for_event", p, [p]),
        ("xcb_get_extension_data", ctypes.POINTER(_ExtensionReply),
         [p, ctypes.POINTER(_Extension)]),
        ("xcb_send_request", ctypes.c_uint, [p, ctypes.c_int, ctypes.POINTER(_IoVec),
                                             ctypes.POINTER(_ProtocolRequest)]),
        ("xcb_wait_for_reply", p, [p, ctypes.c_uint, ctypes.POINTER(p)]),
    ):
        function = getattr(xcb, name)
        function.restype, function.argtypes = result, args
    keysyms.xcb_key_symbols_alloc.restype = p
    keysyms.xcb_key_symbols_alloc.argtypes = [p]
    keysyms.xcb_key_symbols_free.restype = None
    keysyms.xcb_key_symbols_free.argtypes = [p]
    keysyms.xcb_key_symbols_get_keycode.restype = ctypes.POINTER(u8)
    keysyms.xcb_key_symbols_get_keycode.argtypes = [p, u32]
    xkb.xkb_keysym_from_name.restype = u32
    xkb.xkb_keysym_from_name.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.free.restype = None
    libc.free.argtypes = [p]
    _libs.update(xcb=xcb, keysyms=keysyms, xkb=xkb, libc=libc)
    return _libs


def available() -> bool:
    try:
        _load()
    except (OSError, AttributeError) as error:
        log.info("libxcb not usable (%s); using python-xlib", str(error))
        return False
    return True


class Connection:
    """One private X connection. Raises ConnectionRefusedError like ``open_display``."""

    def __init__(self, name: str | None) -> None:
        self.lib = _load()
        pinned = pinned_name(name or os.environ.get("DISPLAY", ""))
        local = _LOCAL.match(pinned.removeprefix("unix/"))
        if local and not os.path.exists(f"/tmp/.X11-unix/X{local.group(2).split('.')[0]}"):
            raise ConnectionRefusedError(f"no X server at {pinned}")
        # libxcb reads "unix:N" as the local socket only (never TCP).
        target = f"unix:{local.group(2)}" if local else pinned
        screen = ctypes.c_int(0)
        self.c = self.lib["xcb"].xcb_connect(target.encode(), ctypes.byref(screen))
        if self.lib["xcb"].xcb_connection_has_error(self.c):
            self.lib["xcb"].xcb_disconnect(self.c)
            raise ConnectionRefusedError(f"cannot connect to the X server at {pinned}")
        roots = self.lib["xcb"].xcb_setup_roots_iterator(self.lib["xcb"].xcb_get_setup(self.c))
        for _skip in range(screen.value):
            self.lib["xcb"].xcb_screen_next(ctypes.byref(roots))
        self.root = ctypes.c_uint32.from_address(roots.data).value  # xcb_screen_t.root

    def check(self, cookie: _Cookie) -> int:
        """0, or the X error code of a checked request."""
        error = self.lib["xcb"].xcb_request_check(self.c, cookie)
        if not error:
            return 0
        code = ctypes.c_uint8.from_address(error + 1).value
        self.lib["libc"].free(error)
        return code

    def keycode(self, key: str) -> int:
        name = key.upper() if key.startswith("f") and len(key) > 1 else key
        keysym = self.lib["xkb"].xkb_keysym_from_name(name.encode(), 0)
        if not keysym:
            return 0
        symbols = self.lib["keysyms"].xcb_key_symbols_alloc(self.c)
        codes = self.lib["keysyms"].xcb_key_symbols_get_keycode(symbols, keysym)
        code = codes[0] if codes else 0
        if codes:
            self.lib["libc"].free(ctypes.cast(codes, ctypes.c_void_p))
        self.lib["keysyms"].xcb_key_symbols_free(symbols)
        return int(code)

    def idle_ms(self) -> int | None:
        """MIT-SCREEN-SAVER QueryInfo's ms_since_user_input; None without the extension."""
        xcb = self.lib["xcb"]
        if not hasattr(self, "_saver"):
            self._saver = _Extension(b"MIT-SCREEN-SAVER", 0)
        data = xcb.xcb_get_extension_data(self.c, ctypes.byref(self._saver))
        if not data or not data.contents.present:
            return None
        body = (ctypes.c_uint32 * 2)(0, self.root)  # header (filled in by libxcb), drawable
        parts = (_IoVec * 4)()
        parts[2] = _IoVec(ctypes.cast(body, ctypes.c_void_p), 8)
        parts[3] = _IoVec(None, 0)
        request = _ProtocolRequest(2, ctypes.pointer(self._saver), 1, 0)  # QueryInfo
        # libxcb uses the two entries before the ones it is given for the header.
        after_reserved = ctypes.c_void_p(ctypes.addressof(parts) + 2 * ctypes.sizeof(_IoVec))
        sequence = xcb.xcb_send_request(self.c, 1, ctypes.cast(
            after_reserved, ctypes.POINTER(_IoVec)), ctypes.byref(request))
        error = ctypes.c_void_p()
        reply = xcb.xcb_wait_for_reply(self.c, sequence, ctypes.byref(error))
        if error.value:
            self.lib["libc"].free(error.value)
        if not reply:
            raise ConnectionError("no reply from the X server")
        idle = ctypes.c_uint32.from_address(reply + 16).value
        self.lib["libc"].free(reply)
        return int(idle)

    def close(self) -> None:
        if self.c:
            self.lib["xcb"].xcb_disconnect(self.c)
            self.c = None


def _keycode_and_mask(conn: Connection, combo: str) -> tuple[int, int] | str:
    """The keycode and modifier mask of ``combo``, or why there is none."""
    try:
        mods, key = split_combo(combo)
    except ValueError:
        return _("not a key combination")
    keycode = conn.keycode(key)
    if not keycode:
        return _("this keyboard has no such key")
    modifiers = 0
    for m in mods:
        modifiers |= MASKS[m]
    return keycode, modifiers


def _grab(conn: Connection, combo: str) -> list[tuple[int, int]] | str:
    """Grab ``combo`` on the root window in every lock variant; the grabs made (the plain
    one first), or why it failed (then nothing is left grabbed)."""
    found = _keycode_and_mask(conn, combo)
    if isinstance(found, str):
        return found
    keycode, modifiers = found
    xcb = conn.lib["xcb"]
    cookies = [xcb.xcb_grab_key_checked(conn.c, 1, conn.root, modifiers | lock,
                                        keycode, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC)
               for lock in LOCKS]
    grabbed = [(keycode, modifiers | lock) for lock in LOCKS]
    errors = [conn.check(cookie) for cookie in cookies]
    if any(errors):
        for code, mask in grabbed:
            xcb.xcb_ungrab_key(conn.c, code, conn.root, mask)
        xcb.xcb_flush(conn.c)
        return (_("taken by another program") if BAD_ACCESS in errors
                else _("not a key combination"))
    return grabbed


class XcbHotkeys:
    """``XGrabKey`` on the root window, one private X connection, one listener thread."""

    name = "x11"

    def __init__(self, display_name: str | None = None) -> None:
        self._display_name = display_name
        self._conn: Connection | None = None
        self._grabs: list[tuple[int, int]] = []
        self._actions: dict[tuple[int, int], Callback] = {}
        self._thread: threading.Thread | None = None
        self._wake_r, self._wake_w = -1, -1

    def start(self, bindings: Mapping[str, Callback]) -> list[HotkeyProblem]:
        self.stop()
        try:
            conn = Connection(self._display_name)
        except Exception as exc:  # no X server, refused connection
            return [HotkeyProblem(c, _("no X display ({error})").format(error=exc))
                    for c in bindings]
        xcb = conn.lib["xcb"]
        problems: list[HotkeyProblem] = []
        for combo, callback in bindings.items():
            grabbed = _grab(conn, combo)
            if isinstance(grabbed, str):
                problems.append(HotkeyProblem(combo, grabbed))
                continue
            self._grabs.extend(grabbed)
            self._actions[grabbed[0]] = callback  # the plain variant: (keycode, modifiers)
        events = (ctypes.c_uint32 * 1)(KEY_PRESS_MASK | KEY_RELEASE_MASK)
        conn.check(xcb.xcb_change_window_attributes(conn.c, conn.root, CW_EVENT_MASK, events))
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
            conn = Connection(self._display_name)
        except Exception as exc:
            return _("no X display ({error})").format(error=exc)
        try:
            ours = _keycode_and_mask(conn, combo)
            if not isinstance(ours, str) and ours in self._actions:
                return None
            grabbed = _grab(conn, combo)
            if isinstance(grabbed, str):
                return grabbed
            xcb = conn.lib["xcb"]
            for code, mask in grabbed:
                xcb.xcb_ungrab_key(conn.c, code, conn.root, mask)
            xcb.xcb_flush(conn.c)
            return None
        finally:
            conn.close()

    def _listen(self) -> None:
        conn = self._conn
        assert conn is not None
        xcb, free = conn.lib["xcb"], conn.lib["libc"].free
        fd = xcb.xcb_get_file_descriptor(conn.c)
        repeats = KeyRepeatFilter()
        while True:
            while True:
                event = xcb.xcb_poll_for_event(conn.c)
                if not event:
                    break
                kind = ctypes.c_uint8.from_address(event).value & 0x7F
                detail = ctypes.c_uint8.from_address(event + 1).value
                time = ctypes.c_uint32.from_address(event + 4).value
                state = ctypes.c_uint16.from_address(event + 28).value
                free(event)
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
            if xcb.xcb_connection_has_error(conn.c):
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
            xcb = self._conn.lib["xcb"]
            for code, mask in self._grabs:
                xcb.xcb_ungrab_key(self._conn.c, code, self._conn.root, mask)
            xcb.xcb_flush(self._conn.c)
            self._conn.close()
            self._conn = None
        self._grabs = []
        self._actions = {}


class XcbIdleMonitor:
    """The X screensaver extension's idle time, on a private connection opened on first
    use (after the tray icon is up)."""

    def __init__(self, display_name: str) -> None:
        self._display_name = display_name
        self._conn: Connection | None = None
        self.available = True
        self.source: str | None = "x11"

    def _connect(self) -> bool:
        try:
            conn = Connection(self._display_name)
            if conn.idle_ms() is None:
                conn.close()
                raise RuntimeError("the X server has no MIT-SCREEN-SAVER extension")
        except Exception as exc:
            log.warning("idle detection unavailable: %s", str(exc))
            self.available = False
            return False
        self._conn = conn
        return True

    def idle_seconds(self) -> float | None:
        if self._conn is None and not (self.available and self._connect()):
            return None
        assert self._conn is not None
        try:
            idle = self._conn.idle_ms()
        except Exception as exc:  # X server gone
            log.warning("idle time unavailable: %s", str(exc))
            return None
        return None if idle is None else float(idle) / 1000.0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
