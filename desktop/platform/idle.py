"""How long the user has not touched keyboard or mouse: time away counts as a break.

X11 answers through the MIT-SCREEN-SAVER extension; Windows through GetLastInputInfo.
Elsewhere (Wayland, macOS for now) the answer is "unknown" and idle breaks are simply
not detected; breaks taken from the nudge still count."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from typing import Any, Protocol

log = logging.getLogger(__name__)


class IdleMonitor(Protocol):
    available: bool
    source: str | None  # "x11", "windows", or None where idle time cannot be read

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or None when this desktop cannot tell."""
        ...

    def close(self) -> None: ...


class UnavailableIdle:
    available = False
    source: str | None = None

    def idle_seconds(self) -> float | None:
        return None

    def close(self) -> None:
        pass


class FakeIdle:
    available = True

    def __init__(self, seconds: float | None = 0.0, source: str | None = "x11") -> None:
        self.seconds = seconds
        self.source = source  # the adapter it stands in for

    def idle_seconds(self) -> float | None:
        return self.seconds

    def close(self) -> None:
        pass


class ScreenSaverConnection(Protocol):
    """A private X connection, as the idle monitors use it (libxcb's or python-xlib's)."""

    def has_screensaver(self) -> bool:
        """The server offers MIT-SCREEN-SAVER."""
        ...

    def idle_ms(self) -> int | None:
        """Milliseconds since the last input (QueryInfo's ms_since_user_input)."""
        ...

    def close(self) -> None: ...


class ScreenSaverIdle:
    """The X screensaver extension's idle time, on a private connection opened on first
    use (after the tray icon is up: connecting costs ~40 ms at start-up). Subclasses say
    how to connect (``connect``)."""

    def __init__(self, display_name: str) -> None:
        self._display_name = display_name
        self._conn: ScreenSaverConnection | None = None
        self.available = True
        self.source: str | None = "x11"

    def connect(self) -> ScreenSaverConnection:
        raise NotImplementedError

    def _connect(self) -> bool:
        try:
            conn = self.connect()
            if not conn.has_screensaver():
                conn.close()
                raise RuntimeError("the X server has no MIT-SCREEN-SAVER extension")
        except Exception as exc:
            # str(exc): a kept log record must not hold the traceback and its socket alive.
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


class _XlibScreenSaver:
    def __init__(self, display_name: str) -> None:
        from desktop.platform.xdisplay import open_display

        self.display = open_display(display_name)
        self.root = self.display.screen().root

    def has_screensaver(self) -> bool:
        return bool(self.display.has_extension("MIT-SCREEN-SAVER"))

    def idle_ms(self) -> int | None:
        return int(self.root.screensaver_query_info().idle)

    def close(self) -> None:
        self.display.close()


class X11IdleMonitor(ScreenSaverIdle):
    """Through python-xlib: the fallback where libxcb cannot be loaded (``xcb``)."""

    def connect(self) -> ScreenSaverConnection:
        return _XlibScreenSaver(self._display_name)


class WindowsIdleMonitor:
    available = True
    source: str | None = "windows"

    def idle_seconds(self) -> float | None:  # pragma: no cover - Windows only
        import ctypes

        class LastInput(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        info = LastInput()
        info.cbSize = ctypes.sizeof(info)
        windll: Any = getattr(ctypes, "windll")  # noqa: B009 - absent off Windows
        if not windll.user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        ticks = windll.kernel32.GetTickCount() & 0xFFFFFFFF
        return float((ticks - info.dwTime) & 0xFFFFFFFF) / 1000.0

    def close(self) -> None:
        pass


def create_idle_monitor(env: Mapping[str, str] | None = None,
                        platform: str | None = None) -> IdleMonitor:
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        return WindowsIdleMonitor()
    if platform.startswith("linux") and env.get("DISPLAY") and \
            env.get("XDG_SESSION_TYPE") != "wayland":
        from desktop.platform import xcb

        if xcb.available():  # the libraries Qt's X11 plugin uses; far lighter than Xlib
            return xcb.XcbIdleMonitor(env["DISPLAY"])
        return X11IdleMonitor(env["DISPLAY"])
    return UnavailableIdle()
