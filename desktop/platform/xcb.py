"""Global hotkeys and idle time on X11 through libxcb (ctypes), not python-xlib.

The libraries are the ones Qt's X11 plugin has already loaded (libxcb, libxcb-keysyms,
libxkbcommon), so this costs the idle tray ~0.6 MB where python-xlib cost ~5 MB
(its protocol modules, keysym tables and two Display objects). python-xlib's
``x11_keys.X11Hotkeys`` and ``idle.X11IdleMonitor`` remain the fallback when these
libraries cannot be loaded; how keys are grabbed, listened to and probed is shared with
it in ``x11_keys`` (``Connection`` here is its ``KeyConnection``), and idle time in
``idle``. What is libxcb's own:

- events are read with ``xcb_poll_for_event`` after ``select`` on the connection's
  descriptor, and a connection the server closed ends the listener with a warning;
- idle time is MIT-SCREEN-SAVER's QueryInfo (``ms_since_user_input``), sent with
  ``xcb_send_request`` as libxcb-screensaver would (that library is seldom installed).
A local display is reached only over its Unix socket (see ``xdisplay``), never TCP.
"""

from __future__ import annotations

import ctypes
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from desktop.platform.idle import ScreenSaverConnection, ScreenSaverIdle
from desktop.platform.x11_keys import Grab, KeyConnection, RootGrabHotkeys
from desktop.platform.xdisplay import _LOCAL, pinned_name

log = logging.getLogger(__name__)

# X protocol constants (X.h) that only the libxcb requests spell out
GRAB_MODE_ASYNC = 1
CW_EVENT_MASK = 1 << 11
KEY_PRESS_MASK, KEY_RELEASE_MASK = 1, 2


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

    # The hotkeys' KeyConnection -------------------------------------------------
    def keycode(self, keysym_name: str) -> int:
        keysym = self.lib["xkb"].xkb_keysym_from_name(keysym_name.encode(), 0)
        if not keysym:
            return 0
        symbols = self.lib["keysyms"].xcb_key_symbols_alloc(self.c)
        codes = self.lib["keysyms"].xcb_key_symbols_get_keycode(symbols, keysym)
        code = codes[0] if codes else 0
        if codes:
            self.lib["libc"].free(ctypes.cast(codes, ctypes.c_void_p))
        self.lib["keysyms"].xcb_key_symbols_free(symbols)
        return int(code)

    def grab_keys(self, grabs: Sequence[Grab]) -> list[int]:
        xcb = self.lib["xcb"]
        cookies = [xcb.xcb_grab_key_checked(self.c, 1, self.root, mask, code,
                                            GRAB_MODE_ASYNC, GRAB_MODE_ASYNC)
                   for code, mask in grabs]
        return [self.check(cookie) for cookie in cookies]

    def ungrab_keys(self, grabs: Sequence[Grab]) -> None:
        xcb = self.lib["xcb"]
        for code, mask in grabs:
            xcb.xcb_ungrab_key(self.c, code, self.root, mask)
        xcb.xcb_flush(self.c)

    def listen_for_keys(self) -> None:
        events = (ctypes.c_uint32 * 1)(KEY_PRESS_MASK | KEY_RELEASE_MASK)
        self.check(self.lib["xcb"].xcb_change_window_attributes(
            self.c, self.root, CW_EVENT_MASK, events))

    def fileno(self) -> int:
        return int(self.lib["xcb"].xcb_get_file_descriptor(self.c))

    def key_events(self) -> Iterator[tuple[int, int, int, int]]:
        xcb, free = self.lib["xcb"], self.lib["libc"].free
        while True:
            event = xcb.xcb_poll_for_event(self.c)
            if not event:
                return
            kind = ctypes.c_uint8.from_address(event).value & 0x7F
            detail = ctypes.c_uint8.from_address(event + 1).value
            time = ctypes.c_uint32.from_address(event + 4).value
            state = ctypes.c_uint16.from_address(event + 28).value
            free(event)
            yield kind, detail, time, state

    def lost(self) -> bool:
        return bool(self.lib["xcb"].xcb_connection_has_error(self.c))

    def release(self, grabs: Sequence[Grab]) -> None:
        self.ungrab_keys(grabs)
        self.close()

    # Idle time --------------------------------------------------------------------
    def has_screensaver(self) -> bool:
        return self.idle_ms() is not None

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


class XcbHotkeys(RootGrabHotkeys):
    """The libxcb backend (``x11_keys`` holds what it shares with python-xlib's)."""

    def connect(self) -> KeyConnection:
        return Connection(self._display_name)


class XcbIdleMonitor(ScreenSaverIdle):
    """Through libxcb (``idle`` holds what it shares with python-xlib's)."""

    def connect(self) -> ScreenSaverConnection:
        return Connection(self._display_name)
