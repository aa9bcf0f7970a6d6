"""Start at login: the XDG entry for real in a temporary folder, the Windows Run value
against a stand-in registry, the macOS LaunchAgent in a temporary home."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from desktop.paths import xdg_home
from desktop.platform.autostart import (
    APPROVED_KEY,
    RUN_KEY,
    FakeAutostart,
    LaunchAgent,
    UnavailableAutostart,
    WindowsRunKey,
    XdgAutostart,
    create_autostart,
)
from desktop.platform.launcher import desktop_exec

COMMAND = ["/opt/my apps/bin/breakwater"]


def entry_keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def test_xdg_entry_is_written_read_and_removed(tmp_path: Path) -> None:
    autostart = create_autostart("linux", COMMAND,
                                 env={"XDG_CONFIG_HOME": str(tmp_path / "config"),
                                      "XDG_CONFIG_DIRS": str(tmp_path / "etc")})
    assert isinstance(autostart, XdgAutostart) and autostart.available
    path = tmp_path / "config" / "autostart" / "breakwater.desktop"
    assert autostart.where == str(path)
    assert not autostart.enabled()

    autostart.set_enabled(True)
    keys = entry_keys(path)
    assert keys["Exec"] == '"/opt/my apps/bin/breakwater"' == desktop_exec(COMMAND)
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert keys["Type"] == "Application" and keys["Icon"] == "breakwater"
    assert "Hidden" not in keys
    assert autostart.enabled()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                               text=True)
        assert check.returncode == 0 and check.stdout == "", check.stdout
    assert not list(path.parent.glob("*.new"))  # written atomically, nothing left over

    autostart.set_enabled(False)
    assert not path.exists()
    assert not autostart.enabled()
    autostart.set_enabled(False)  # switching off twice is no error


def test_a_system_wide_entry_is_hidden_for_this_user_not_deleted(tmp_path: Path) -> None:
    system = tmp_path / "etc" / "autostart" / "breakwater.desktop"
    system.parent.mkdir(parents=True)
    system.write_text("[Desktop Entry]\nType=Application\nName=Breakwater\nExec=breakwater\n")
    autostart = XdgAutostart(COMMAND, tmp_path / "config", [tmp_path / "etc"])
    assert autostart.enabled()
    autostart.set_enabled(False)
    assert system.exists()
    assert entry_keys(tmp_path / "config" / "autostart" / "breakwater.desktop")["Hidden"] == "true"
    assert not autostart.enabled()
    autostart.set_enabled(True)
    assert autostart.enabled()


def test_an_entry_switched_off_by_the_desktop_reads_as_off(tmp_path: Path) -> None:
    autostart = XdgAutostart(COMMAND, tmp_path)
    autostart.set_enabled(True)
    text = autostart.path.read_text().replace("X-GNOME-Autostart-enabled=true",
                                              "X-GNOME-Autostart-enabled=false")
    autostart.path.write_text(text)
    assert not autostart.enabled()


def test_an_unwritable_folder_gives_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("a file where the folder should be")
    autostart = XdgAutostart(COMMAND, tmp_path / "config")
    with pytest.raises(OSError, match=r"^Could not change .*breakwater\.desktop: "):
        autostart.set_enabled(True)
    assert not autostart.enabled()


def test_xdg_config_home_falls_back_when_unset_or_relative(tmp_path: Path) -> None:
    assert xdg_home("XDG_CONFIG_HOME", ".config", {}, tmp_path) == tmp_path / ".config"
    assert xdg_home("XDG_CONFIG_HOME", ".config", {"XDG_CONFIG_HOME": "rel/dir"},
                    tmp_path) == tmp_path / ".config"
    made = create_autostart("linux", COMMAND, env={}, home=tmp_path)
    assert made.where == str(tmp_path / ".config" / "autostart" / "breakwater.desktop")


class FakeKey:
    def __init__(self, registry: FakeWinreg, path: str, writable: bool) -> None:
        self.registry, self.path, self.writable = registry, path, writable

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        pass


class FakeWinreg:
    """The parts of ``winreg`` the adapter uses, over a dict of keys to values."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.refuse_writes = False

    def OpenKey(self, root: str, path: str, reserved: int = 0, access: int = 1) -> FakeKey:
        assert root == "HKCU"
        if path not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self, path, access == self.KEY_SET_VALUE)

    def CreateKeyEx(self, root: str, path: str, reserved: int, access: int) -> FakeKey:
        assert root == "HKCU" and access == self.KEY_SET_VALUE
        self.keys.setdefault(path, {})
        return FakeKey(self, path, True)

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        try:
            return self.keys[key.path][name]
        except KeyError:
            raise FileNotFoundError(2, "The system cannot find the file specified") from None

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int,
                   value: Any) -> None:
        assert key.writable
        if self.refuse_writes:
            raise PermissionError(5, "Access is denied")
        self.keys[key.path][name] = (value, kind)

    def DeleteValue(self, key: FakeKey, name: str) -> None:
        assert key.writable
        if name not in self.keys[key.path]:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del self.keys[key.path][name]


def test_windows_run_value_is_set_quoted_and_deleted() -> None:
    registry = FakeWinreg()
    command = [r"C:\Program Files\Breakwater\breakwater.exe"]
    autostart = create_autostart("win32", command, registry=registry)
    assert isinstance(autostart, WindowsRunKey)
    assert autostart.where.endswith(r"CurrentVersion\Run\Breakwater")
    assert not autostart.enabled()
    autostart.set_enabled(True)
    assert registry.keys[RUN_KEY]["Breakwater"] == (
        r'"C:\Program Files\Breakwater\breakwater.exe"', FakeWinreg.REG_SZ)
    assert autostart.enabled()
    autostart.set_enabled(False)
    assert "Breakwater" not in registry.keys[RUN_KEY]
    assert not autostart.enabled()
    autostart.set_enabled(False)


def test_windows_task_manager_disabled_is_honoured_and_cleared_on_switching_on() -> None:
    registry = FakeWinreg()
    autostart = WindowsRunKey(["breakwater.exe"], registry)
    autostart.set_enabled(True)
    registry.keys[APPROVED_KEY] = {"Breakwater": (b"\x03" + bytes(11), FakeWinreg.REG_BINARY)}
    assert not autostart.enabled()
    registry.keys[APPROVED_KEY]["Breakwater"] = (b"\x02" + bytes(11), FakeWinreg.REG_BINARY)
    assert autostart.enabled()
    registry.keys[APPROVED_KEY]["Breakwater"] = (b"\x03" + bytes(11), FakeWinreg.REG_BINARY)
    autostart.set_enabled(True)
    assert "Breakwater" not in registry.keys[APPROVED_KEY]
    assert autostart.enabled()


def test_windows_refusal_is_one_oserror_naming_the_key() -> None:
    registry = FakeWinreg()
    registry.refuse_writes = True
    autostart = WindowsRunKey(["breakwater.exe"], registry)
    with pytest.raises(OSError, match=r"^Could not change HKEY_CURRENT_USER\\.*: Access is denied"):
        autostart.set_enabled(True)
    assert not autostart.enabled()


def test_launch_agent_plist_in_a_temporary_home(tmp_path: Path) -> None:
    command = ["/Applications/Breakwater.app/Contents/MacOS/breakwater"]
    autostart = create_autostart("darwin", command, home=tmp_path)
    assert isinstance(autostart, LaunchAgent)
    path = tmp_path / "Library" / "LaunchAgents" / "app.breakwater.tray.plist"
    assert autostart.where == str(path)
    assert not autostart.enabled()
    autostart.set_enabled(True)
    with open(path, "rb") as handle:
        agent = plistlib.load(handle)
    assert agent["Label"] == "app.breakwater.tray"
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True
    assert autostart.enabled()
    path.write_bytes(plistlib.dumps({**agent, "Disabled": True}))
    assert not autostart.enabled()
    path.write_bytes(b"not a plist")
    assert not autostart.enabled()
    autostart.set_enabled(False)
    assert not path.exists()


def test_unavailable_and_fake() -> None:
    missing = UnavailableAutostart("no registry")
    assert not missing.available and not missing.enabled()
    with pytest.raises(OSError, match="no registry"):
        missing.set_enabled(True)
    fake = FakeAutostart()
    fake.set_enabled(True)
    assert fake.enabled() and fake.changes == [True]
    fake.fail = True
    with pytest.raises(OSError):
        fake.set_enabled(False)
    assert fake.enabled()
