"""`breakwater install-desktop-entry` and `breakwater autostart`, run as real processes
against temporary XDG folders and a temporary HOME (nothing touches the real ones)."""

from __future__ import annotations

import shlex
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from desktop import __version__
from desktop.resources import resource_path
from tests.integration.cli_helpers import breakwater

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.fixture
def xdg(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg")}


def entry_keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def resolve_icon(name: str, data_home: Path) -> list[Path]:
    """Where the Icon Theme Specification finds ``name`` in the user's hicolor theme."""
    return sorted((data_home / "icons" / "hicolor").glob(f"*/apps/{name}.png"))


def test_the_shipped_entry_is_valid_and_translated() -> None:
    path = resource_path("breakwater.desktop")
    keys = entry_keys(path)
    assert keys["Exec"] == "breakwater" and keys["Icon"] == "breakwater"
    # Qt sets WM_CLASS's class to the application name (app.py: "Breakwater"); the
    # end-to-end tests check it on a real window.
    assert keys["StartupWMClass"] == "Breakwater"
    for lang in ("es", "zh_CN"):
        for key in ("Name", "Comment", "GenericName"):
            assert keys[f"{key}[{lang}]"], (key, lang)
        assert keys[f"Comment[{lang}]"] != keys["Comment"]
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(path)], capture_output=True,
                               text=True)
        assert check.returncode == 0 and check.stdout == "", check.stdout


def test_install_desktop_entry_puts_entry_and_icons_under_xdg_data_home(
        breakwater_home: Path, xdg: dict[str, str]) -> None:
    result = breakwater(breakwater_home, "install-desktop-entry", **xdg)
    assert result.returncode == 0, result.stderr
    data = Path(xdg["XDG_DATA_HOME"])
    entry = data / "applications" / "breakwater.desktop"
    assert f"Added Breakwater to the applications menu: {entry}" in result.stdout
    keys = entry_keys(entry)

    icons = resolve_icon(keys["Icon"], data)
    assert len(icons) == len(SIZES)
    for size in SIZES:
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "breakwater.png"
        assert png_size(icon) == (size, size)

    # Exec names this installation by absolute path (here the tests' `python -m desktop`)
    # and really starts it.
    command = shlex.split(keys["Exec"])
    assert Path(command[0]).is_absolute() and Path(command[0]).exists()
    started = subprocess.run([*command, "--version"], capture_output=True, text=True,
                             timeout=60)
    assert started.stdout.strip() == f"breakwater {__version__}"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                               text=True)
        assert check.returncode == 0 and check.stdout == "", check.stdout

    removed = breakwater(breakwater_home, "install-desktop-entry", "--remove", **xdg)
    assert removed.returncode == 0, removed.stderr
    assert "Removed 9 files" in removed.stdout
    assert not entry.exists() and resolve_icon("breakwater", data) == []
    assert not (Path(xdg["HOME"]) / ".local").exists()
    # Nothing left behind: not even the icon theme's folders made for these icons.
    assert sorted(data.rglob("*")) == []


def test_removing_the_desktop_entry_keeps_other_programs_files(
        breakwater_home: Path, xdg: dict[str, str]) -> None:
    data = Path(xdg["XDG_DATA_HOME"])
    theirs = data / "icons" / "hicolor" / "48x48" / "apps" / "another.png"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"png")
    assert breakwater(breakwater_home, "install-desktop-entry", **xdg).returncode == 0
    assert breakwater(breakwater_home, "install-desktop-entry", "--remove", **xdg
                      ).returncode == 0
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == [
        "icons", "icons/hicolor", "icons/hicolor/48x48", "icons/hicolor/48x48/apps",
        "icons/hicolor/48x48/apps/another.png"]


def test_install_desktop_entry_failure_is_one_line(breakwater_home: Path,
                                                   xdg: dict[str, str]) -> None:
    Path(xdg["XDG_DATA_HOME"]).write_text("a file, not a folder")
    result = breakwater(breakwater_home, "install-desktop-entry", **xdg)
    assert result.returncode == 1
    assert result.stderr.startswith("breakwater: cannot change the menu entry: ")
    assert len(result.stderr.splitlines()) == 1


def test_autostart_on_status_off(breakwater_home: Path, xdg: dict[str, str]) -> None:
    entry = Path(xdg["XDG_CONFIG_HOME"]) / "autostart" / "breakwater.desktop"
    first = breakwater(breakwater_home, "autostart", **xdg)
    assert (first.returncode, first.stdout) == (0, "Breakwater does not start when you log in.\n")

    on = breakwater(breakwater_home, "autostart", "on", **xdg)
    assert on.returncode == 0, on.stderr
    assert on.stdout == f"Breakwater starts when you log in ({entry}).\n"
    keys = entry_keys(entry)
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    started = subprocess.run([*shlex.split(keys["Exec"]), "--version"], capture_output=True,
                             text=True, timeout=60)
    assert started.stdout.strip() == f"breakwater {__version__}"
    status = breakwater(breakwater_home, "autostart", "status", **xdg)
    assert status.stdout == on.stdout

    off = breakwater(breakwater_home, "autostart", "off", **xdg)
    assert off.stdout == "Breakwater does not start when you log in.\n"
    assert not entry.exists()
    assert not (Path(xdg["HOME"]) / ".config").exists()
    assert not entry.parent.exists()  # the autostart folder made for it goes too
    other = entry.parent / "another.desktop"  # a folder shared with others stays
    assert breakwater(breakwater_home, "autostart", "on", **xdg).returncode == 0
    other.write_text("[Desktop Entry]\n")
    assert breakwater(breakwater_home, "autostart", "off", **xdg).returncode == 0
    assert sorted(entry.parent.iterdir()) == [other]


def test_autostart_failure_is_one_line_and_exit_1(breakwater_home: Path,
                                                  xdg: dict[str, str]) -> None:
    Path(xdg["XDG_CONFIG_HOME"]).write_text("a file, not a folder")
    result = breakwater(breakwater_home, "autostart", "on", **xdg)
    assert result.returncode == 1
    assert result.stderr.startswith("breakwater: Could not change ")
    assert len(result.stderr.splitlines()) == 1


def test_autostart_rejects_a_bad_action(breakwater_home: Path, xdg: dict[str, str]) -> None:
    result = breakwater(breakwater_home, "autostart", "maybe", **xdg)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
