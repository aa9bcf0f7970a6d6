"""Whether the desktop composites windows, which decides if a popup may have see-through
rounded corners. Without a compositor (a bare X server, some lightweight desktops) the
transparent corners are drawn black, so popups draw square corners instead.

X11 says a compositing manager runs when someone owns the ``_NET_WM_CM_S<screen>``
selection (EWMH). Wayland, Windows and macOS always composite.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping

log = logging.getLogger(__name__)


def has_compositor(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not (platform.startswith("linux") or "bsd" in platform):
        return True
    if env.get("WAYLAND_DISPLAY") and env.get("QT_QPA_PLATFORM", "") != "xcb":
        return True
    display_name = env.get("DISPLAY", "")
    if not display_name:
        return False  # offscreen, or no display at all: nothing composites
    try:
        from desktop.platform.xdisplay import open_display

        display = open_display(display_name)
    except Exception as error:  # no X server or no python-xlib: assume the plain case
        log.debug("compositor unknown: %s", error)
        return False
    try:
        screen = display.get_default_screen()
        atom = display.intern_atom(f"_NET_WM_CM_S{screen}")
        return bool(display.get_selection_owner(atom))
    finally:
        display.close()
