"""Start Breakwater when the user logs in: one adapter per desktop's own mechanism.

- Linux and other freedesktop.org systems: an XDG autostart entry,
  ``$XDG_CONFIG_HOME/autostart/breakwater.desktop`` (Desktop Application Autostart
  Specification). A system-wide entry in ``$XDG_CONFIG_DIRS`` is switched off for this
  user with ``Hidden=true``, as the specification says.
- Windows: the ``Breakwater`` value under ``HKCU\\Software\\Microsoft\\Windows\\
  CurrentVersion\\Run``; Task Manager's "Disabled" (kept under ``Explorer\\StartupApproved``)
  is honoured and cleared when the user switches autostart on here.
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/app.breakwater.tray.plist``.

The state lives only where the desktop reads it (never in Breakwater's own settings), so
what the desktop does at login and what Breakwater shows cannot disagree. Each entry
starts the program that is running now (``launcher.launch_command``).
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from desktop.i18n import _
from desktop.paths import xdg_home
from desktop.platform.desktop_entry import ENTRY_NAME, render_entry
from desktop.platform.launcher import launch_command


class Autostart(Protocol):
    available: bool
    where: str
    """Where the entry lives, for people: a path or a registry key, or why unavailable."""

    def enabled(self) -> bool: ...

    def set_enabled(self, on: bool) -> None:
        """Raises OSError (with a message for people) when it cannot be changed."""
        ...


def _failed(where: str, error: OSError) -> OSError:
    """One sentence for people, whatever the system call said."""
    return OSError(_("Could not change {where}: {why}").format(
        where=where, why=error.strerror or error))


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".new")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise _failed(str(path), error) from error


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise _failed(str(path), error) from error


def _entry_keys(path: Path) -> dict[str, str]:
    """The ``[Desktop Entry]`` group's keys; empty when the file cannot be read."""
    keys: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return keys
    group = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            group = line
        elif group == "[Desktop Entry]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            keys[key.strip()] = value.strip()
    return keys


def _entry_starts(path: Path) -> bool:
    keys = _entry_keys(path)
    return bool(keys) and keys.get("Hidden", "false") != "true" and keys.get(
        "X-GNOME-Autostart-enabled", "true") != "false"


class XdgAutostart:
    available = True

    def __init__(self, command: list[str], config_home: Path,
                 config_dirs: list[Path] | None = None) -> None:
        self.command = command
        self.path = config_home / "autostart" / ENTRY_NAME
        self.system_entries = [d / "autostart" / ENTRY_NAME for d in (config_dirs or [])]
        self.where = str(self.path)

    def _system_entry(self) -> Path | None:
        return next((p for p in self.system_entries if p.exists()), None)

    def enabled(self) -> bool:
        if self.path.exists():  # the user's own entry overrides a system one
            return _entry_starts(self.path)
        system = self._system_entry()
        return system is not None and _entry_starts(system)

    def set_enabled(self, on: bool) -> None:
        if on:
            text = render_entry(self.command, {"X-GNOME-Autostart-enabled": "true"})
            _write_atomically(self.path, text.encode("utf-8"))
        elif self._system_entry() is not None:
            text = render_entry(self.command, {"Hidden": "true"})
            _write_atomically(self.path, text.encode("utf-8"))
        else:
            _unlink(self.path)
            with contextlib.suppress(OSError):  # made for the entry; kept when not empty
                self.path.parent.rmdir()


RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
VALUE_NAME = "Breakwater"


class WindowsRunKey:
    available = True
    where = f"HKEY_CURRENT_USER\\{RUN_KEY}\\{VALUE_NAME}"

    def __init__(self, command: list[str], registry: ModuleType | Any) -> None:
        self.command = command
        self.reg = registry

    def _read(self, key_path: str) -> Any:
        try:
            with self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, key_path) as key:
                return self.reg.QueryValueEx(key, VALUE_NAME)[0]
        except FileNotFoundError:
            return None

    def enabled(self) -> bool:
        if self._read(RUN_KEY) is None:
            return False
        approved = self._read(APPROVED_KEY)
        # Task Manager writes 12 bytes: 02 (or 06) first when allowed, 03 (07) when disabled.
        return not (isinstance(approved, bytes) and approved[:1] and approved[0] & 1)

    def set_enabled(self, on: bool) -> None:
        try:
            self._change(on)
        except OSError as error:
            raise _failed(self.where, error) from error

    def _change(self, on: bool) -> None:
        reg = self.reg
        if on:
            with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.SetValueEx(key, VALUE_NAME, 0, reg.REG_SZ,
                               subprocess.list2cmdline(self.command))
        # Switched on here, a "Disabled" from Task Manager would silently win: clear it.
        for key_path in ((APPROVED_KEY,) if on else (RUN_KEY, APPROVED_KEY)):
            try:
                with reg.OpenKey(reg.HKEY_CURRENT_USER, key_path, 0, reg.KEY_SET_VALUE) as key:
                    reg.DeleteValue(key, VALUE_NAME)
            except FileNotFoundError:
                pass


LAUNCH_AGENT_LABEL = "app.breakwater.tray"


class LaunchAgent:
    available = True

    def __init__(self, command: list[str], home: Path) -> None:
        self.command = command
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        self.where = str(self.path)

    def enabled(self) -> bool:
        try:
            with open(self.path, "rb") as handle:
                agent = plistlib.load(handle)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(agent, dict) and not agent.get("Disabled", False)

    def set_enabled(self, on: bool) -> None:
        if not on:
            _unlink(self.path)
            return
        agent = {"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": self.command,
                 "RunAtLoad": True, "ProcessType": "Interactive",
                 "LimitLoadToSessionType": "Aqua"}
        _write_atomically(self.path, plistlib.dumps(agent))


class UnavailableAutostart:
    available = False

    def __init__(self, why: str) -> None:
        self.where = why

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        raise OSError(self.where)


class FakeAutostart:
    """For tests: remembers the state; ``fail`` makes changes raise like a full disk."""

    def __init__(self, on: bool = False, available: bool = True, fail: bool = False) -> None:
        self.on = on
        self.available = available
        self.fail = fail
        self.where = "fake autostart"
        self.changes: list[bool] = []

    def enabled(self) -> bool:
        return self.on

    def set_enabled(self, on: bool) -> None:
        if self.fail or not self.available:
            raise OSError("fake autostart cannot be changed")
        self.changes.append(on)
        self.on = on


def create_autostart(platform: str | None = None, command: list[str] | None = None,
                     env: Mapping[str, str] | None = None, home: Path | None = None,
                     registry: ModuleType | Any = None) -> Autostart:
    platform = sys.platform if platform is None else platform
    command = launch_command() if command is None else command
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    if platform == "win32":
        if registry is None:
            try:
                import winreg as registry
            except ImportError:
                return UnavailableAutostart(_("The Windows registry cannot be reached."))
        return WindowsRunKey(command, registry)
    if platform == "darwin":
        return LaunchAgent(command, home)
    config_home = xdg_home("XDG_CONFIG_HOME", ".config", env, home)
    dirs = [Path(d) for d in (env.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":")
            if os.path.isabs(d)]
    return XdgAutostart(command, config_home, dirs)
