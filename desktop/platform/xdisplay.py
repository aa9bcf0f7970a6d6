"""Opening our own X connection without ever falling back to TCP.

python-xlib, given ``DISPLAY=:0`` whose Unix socket is missing, retries over TCP to
port 6000. Breakwater makes no network connections, so a local display name is pinned
to the Unix socket; a display with an explicit host (ssh forwarding) is the user's choice.

Two things python-xlib does on connecting cost the idle tray memory for nothing, so the
connection is opened around them:
- importing ``Xlib.support.unix_connect`` iterates ``platform.uname()``, whose lazy
  ``processor`` field runs ``uname -p`` in a subprocess (importing ``subprocess``, ~2 MB);
- ``Display()`` imports a module for every extension the server offers (XInput, RandR,
  RECORD, ...; ~0.8 MB); Breakwater uses only MIT-SCREEN-SAVER (idle time).
"""

from __future__ import annotations

import re
from typing import Any

_LOCAL = re.compile(r"^(unix)?:(\d+(\.\d+)?)$")
EXTENSIONS_USED = ("screensaver",)  # python-xlib's module names under Xlib.ext


def pinned_name(name: str) -> str:
    """``":0"`` → ``"unix/:0"``; anything with a host or protocol is left alone."""
    match = _LOCAL.match(name)
    return f"unix/:{match.group(2)}" if match else name


def open_display(name: str | None) -> Any:
    """A new python-xlib ``Display`` (raises like python-xlib when there is none)."""
    import os
    import platform

    # Linux's `uname -p` says "unknown", which platform reports as "": say it without
    # the subprocess. Only this lazily computed field is filled in, never the rest.
    platform.uname().__dict__.setdefault("processor", "")
    import Xlib.ext
    from Xlib.display import Display

    pinned = pinned_name(name or os.environ.get("DISPLAY", ""))
    match = _LOCAL.match(pinned.removeprefix("unix/"))
    if match and not os.path.exists(f"/tmp/.X11-unix/X{match.group(2).split('.')[0]}"):
        # python-xlib would leak its socket on the failed connection; say it plainly.
        raise ConnectionRefusedError(f"no X server at {pinned}")
    every = Xlib.ext.__extensions__
    Xlib.ext.__extensions__ = [e for e in every if e[1] in EXTENSIONS_USED]
    try:
        return Display(pinned)
    finally:
        Xlib.ext.__extensions__ = every
