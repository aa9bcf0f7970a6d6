"""Whether a desktop session can be reached, asked before Qt is.

Qt's platform plugin cannot report a missing display: it prints several lines (with
advice about libxcb-cursor that does not apply) and aborts the process (SIGABRT, status
134). So the tray app and every window command ask here first and, when no session can
be reached, say so in one sentence and exit with status 1.

Only what can be known without connecting is checked: a platform Qt was told to use
(``QT_QPA_PLATFORM``), the ``DISPLAY`` / ``WAYLAND_DISPLAY`` variables, and for a local
display whether its socket exists. A display on another host (ssh forwarding) is left for
Qt to try. Windows and macOS always have their one session.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from desktop.i18n import _

# Platforms that need no display server (tests, a VNC server of Qt's own, a framebuffer).
HEADLESS = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})
_LOCAL_X = re.compile(r"^(?:unix)?:(\d+)(?:\.\d+)?$")


def _abstract_x_sockets() -> str:
    """Linux lists abstract sockets (Xorg and Xwayland also listen on
    ``@/tmp/.X11-unix/XN``) in /proc/net/unix."""
    try:
        with open("/proc/net/unix", encoding="ascii", errors="replace") as table:
            return table.read()
    except OSError:
        return ""


def x_problem(display: str, exists: Callable[[str], bool] = os.path.exists,
              abstract: Callable[[], str] = _abstract_x_sockets) -> str | None:
    """None when the X display ``display`` may be reached; else what is wrong."""
    if not display:
        return _("DISPLAY is not set")
    local = _LOCAL_X.match(display)
    if local is None:
        return None  # another host, or a form of its own: Qt will try
    name = f"/tmp/.X11-unix/X{local.group(1)}"
    if exists(name) or f"@{name}\n" in abstract():
        return None
    return _("no X server answers at DISPLAY={display}").format(display=display)


def wayland_problem(env: Mapping[str, str],
                    exists: Callable[[str], bool] = os.path.exists) -> str | None:
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return _("WAYLAND_DISPLAY is not set")
    path = name if os.path.isabs(name) else str(Path(env.get("XDG_RUNTIME_DIR", "")) / name)
    if exists(path):
        return None
    return _("no Wayland compositor answers at WAYLAND_DISPLAY={name}").format(name=name)


def display_problem(env: Mapping[str, str] | None = None, platform: str | None = None,
                    exists: Callable[[str], bool] = os.path.exists,
                    abstract: Callable[[], str] = _abstract_x_sockets) -> str | None:
    """None when Qt can show windows here; else one sentence saying why not and what
    still works."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin"):
        return None
    asked = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    asked = [p for p in asked if p]
    if any(p in HEADLESS for p in asked):
        return None
    problems = {"xcb": x_problem(env.get("DISPLAY", ""), exists, abstract),
                "wayland": wayland_problem(env, exists)}
    # Qt tries the platforms it was given in order; without any, whatever the session is.
    tried = [p for p in asked if p in ("xcb", "wayland") or p.startswith("wayland")]
    if asked and len(tried) < len(asked):
        return None  # a platform of its own (a plugin we do not know): let Qt try it
    kinds = ["wayland" if p.startswith("wayland") else p for p in tried] or ["xcb", "wayland"]
    if any(problems[kind] is None for kind in kinds):
        return None
    if kinds == ["xcb", "wayland"] and not env.get("DISPLAY") and not env.get(
            "WAYLAND_DISPLAY"):
        why = _("neither DISPLAY nor WAYLAND_DISPLAY is set")
    else:
        why = "; ".join(p for kind in kinds if (p := problems[kind]))
    return _("Breakwater needs a desktop session to show its icon and windows, and none can "
             "be reached here ({why}); commands that show no window, such as 'breakwater tag "
             "difficult' or 'breakwater status', work without one.").format(why=why)
