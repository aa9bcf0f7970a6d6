"""Does the person prefer reduced motion? Read from the desktop where it says so.

GNOME: ``org.gnome.desktop.interface enable-animations`` (via gsettings); GTK's
``gtk-enable-animations`` in settings.ini; KDE Plasma: ``AnimationDurationFactor=0`` in
kdeglobals (the "Animation speed: Instant" slider); Windows: SPI_GETCLIENTAREAANIMATION.
Anywhere else (or on any error) the answer is "no preference", and the setting decides.
"""

from __future__ import annotations

import configparser
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)


def _gnome(env: Mapping[str, str]) -> bool | None:
    gsettings = shutil.which("gsettings", path=env.get("PATH"))
    if gsettings is None:
        return None
    try:
        out = subprocess.run([gsettings, "get", "org.gnome.desktop.interface",
                              "enable-animations"], capture_output=True, text=True,
                             timeout=1.0, env=dict(env), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    answer = out.stdout.strip()
    return {"false": True, "true": False}.get(answer) if out.returncode == 0 else None


def _config_home(env: Mapping[str, str]) -> Path:
    return Path(env.get("XDG_CONFIG_HOME") or Path(env.get("HOME", "~")).expanduser()
                / ".config")


def _kde(env: Mapping[str, str]) -> bool | None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    try:
        parser.read(_config_home(env) / "kdeglobals", encoding="utf-8")
        factor = parser.get("KDE", "AnimationDurationFactor", fallback=None)
        return None if factor is None else float(factor) == 0.0
    except (OSError, configparser.Error, ValueError):
        return None


def _gtk(env: Mapping[str, str]) -> bool | None:
    config = _config_home(env)
    for name in ("gtk-4.0", "gtk-3.0"):
        parser = configparser.ConfigParser()
        try:
            parser.read(config / name / "settings.ini", encoding="utf-8")
        except (OSError, configparser.Error):
            continue
        value = parser.get("Settings", "gtk-enable-animations", fallback=None)
        if value is not None:
            return value.strip().lower() in ("0", "false", "no")
    return None


def _windows() -> bool | None:  # pragma: no cover - Windows only
    import ctypes

    enabled = ctypes.c_bool(True)
    windll = getattr(ctypes, "windll")  # noqa: B009 - absent off Windows
    if not windll.user32.SystemParametersInfoW(0x1042, 0, ctypes.byref(enabled), 0):
        return None
    return not enabled.value


def prefers_reduced_motion(env: Mapping[str, str] | None = None,
                           platform: str | None = None) -> bool:
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    try:
        if platform == "win32":
            return bool(_windows())
        for source in (_kde, _gtk, _gnome):
            answer = source(env)
            if answer is not None:
                return answer
    except Exception as exc:  # a preference is never worth a crash
        log.warning("could not read the reduce-motion preference: %s", str(exc))
    return False
