"""Settings, the welcome and keyboard tagging in the real app on a real X display: keys
pressed with xdotool, another X client holding a key, the database and `describe`."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.platform.xdisplay import open_display
from tests.e2e.app_helpers import (
    cli,
    click,
    describe,
    focused_window,
    running_app,
    stored,
    wait_for,
    window_alone,
    window_named,
)
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def tags(home: Path) -> list[tuple[object, ...]]:
    return stored(home, "SELECT kind, severity, reason, note FROM interactions ORDER BY id")


@pytest.fixture
def other_program(desktop: Desktop) -> Iterator[Any]:
    """Another X client holding Ctrl+Alt+T, grabbed (as some programs do) only with no
    lock key on: with NumLock on, the keys reach the focused window, and ours then finds
    by its own grab that they are taken."""
    from Xlib import XK, X

    display = open_display(desktop.display)
    root = display.screen().root
    code = display.keysym_to_keycode(XK.string_to_keysym("t"))
    root.grab_key(code, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync, X.GrabModeAsync)
    display.sync()
    try:
        yield display
    finally:
        display.close()


def hotkey_field(ui: dict[str, Any], key: str) -> dict[str, Any]:
    settings = ui["windows"].get("settings")
    assert settings is not None
    field = settings["hotkeys"][key]
    assert isinstance(field, dict)
    return field


def test_the_capture_field_names_a_key_another_program_holds_and_regrabs_live(
        desktop: Desktop, other_program: Any, tray_app: subprocess.Popen[bytes],
        breakwater_home: Path) -> None:
    home = breakwater_home
    opened = cli(desktop, home, "settings")  # no arguments: the window, in the running app
    assert opened.returncode == 0, opened.stderr
    assert "open in the running Breakwater app" in opened.stdout
    ui = wait_for(home, lambda u: u["windows"].get("settings", {}).get("active"),
                  "the settings window with the keyboard")
    assert window_named(desktop, "Settings — Breakwater")
    click(desktop, hotkey_field(ui, "hotkeys.difficult")["at"])
    wait_for(home, lambda u: hotkey_field(u, "hotkeys.difficult")["recording"],
             "the field to record")
    desktop.run("xdotool", "key", "Num_Lock")
    try:
        desktop.run("xdotool", "key", "ctrl+alt+t")
        ui = wait_for(home, lambda u: hotkey_field(u, "hotkeys.difficult")["error"],
                      "the refusal")
    finally:
        desktop.run("xdotool", "key", "Num_Lock")
    assert hotkey_field(ui, "hotkeys.difficult")["error"] == (
        "Ctrl+Alt+T cannot be used: taken by another program")
    assert hotkey_field(ui, "hotkeys.difficult")["text"] == "Ctrl+Alt+H"  # still in force
    SHOTS.mkdir(parents=True, exist_ok=True)
    desktop.run("import", "-window", "root", str(SHOTS / "xvfb-settings-taken-key.png"))
    assert cli(desktop, home, "settings", "get", "hotkeys.difficult").stdout.strip() == (
        '"<ctrl>+<alt>+h"')

    click(desktop, hotkey_field(ui, "hotkeys.difficult")["at"])
    wait_for(home, lambda u: hotkey_field(u, "hotkeys.difficult")["recording"],
             "the field to record again")
    desktop.run("xdotool", "key", "ctrl+alt+k")
    ui = wait_for(home, lambda u: hotkey_field(u, "hotkeys.difficult")["text"] == "Ctrl+Alt+K",
                  "the new hotkey")
    assert hotkey_field(ui, "hotkeys.difficult")["error"] == ""
    assert cli(desktop, home, "settings", "get", "hotkeys.difficult").stdout.strip() == (
        '"<ctrl>+<alt>+k"')
    # Grabbed at once, without a restart: the new key tags, the old one no longer does.
    desktop.run("xdotool", "key", "ctrl+alt+h")
    desktop.run("xdotool", "key", "ctrl+alt+k")
    wait_until(lambda: len(tags(home)) >= 1, what="a tag from the new hotkey")
    desktop.run("xdotool", "key", "ctrl+alt+g")  # ordinary: once it lands, all keys are in
    wait_until(lambda: len(tags(home)) >= 2, what="the ordinary tag")
    assert [t[0] for t in tags(home)] == ["difficult", "ordinary"]


def test_the_amend_hotkey_takes_focus_and_the_keyboard_changes_the_tag(
        desktop: Desktop, softphone: str, tray_app: subprocess.Popen[bytes],
        breakwater_home: Path) -> None:
    home = breakwater_home
    desktop.run("xdotool", "key", "ctrl+alt+h")
    wait_until(lambda: len(tags(home)) == 1, what="the tag")
    wait_for(home, lambda u: u["toast"], "the toast")
    assert desktop.focused_window() == softphone  # a tag never takes the keyboard
    desktop.run("xdotool", "key", "ctrl+alt+j")
    ui = wait_for(home, lambda u: u["toast_keys"]["active"], "the toast with the keyboard")
    assert ui["toast_keys"]["keyboard"] is True
    assert desktop.focused_window() != softphone  # the user asked for it
    desktop.run("xdotool", "key", "3")
    desktop.run("xdotool", "key", "d")
    desktop.run("xdotool", "key", "Tab")
    desktop.run("xdotool", "type", "asked for my address")
    desktop.run("xdotool", "key", "Return")
    wait_until(lambda: tags(home)[0][1:] == (3, "distressed", "asked for my address"),
               what="the amended tag")
    ui = describe(home)
    assert ui["toast"] is False and ui["toast_keys"]["keyboard"] is False
    status = cli(desktop, home, "status", "--json")
    assert '"load": 3.0' in status.stdout or '"load": 2.99' in status.stdout


def test_a_language_set_from_the_command_line_switches_the_running_app_and_the_cli(
        desktop: Desktop, tray_app: subprocess.Popen[bytes], breakwater_home: Path) -> None:
    home = breakwater_home
    assert describe(home)["tooltip"].startswith("Breakwater — load")  # type: ignore[union-attr]
    result = cli(desktop, home, "settings", "set", "ui.language", "es")
    assert result.stdout.strip() == 'ui.language = "es"'
    wait_for(home, lambda u: u["tooltip"].startswith("Breakwater — carga"),
             "the tooltip in Spanish")
    status = cli(desktop, home, "status")  # LANGUAGE=en: the setting wins
    assert status.stdout.startswith("Carga 0.0"), status.stdout


def test_the_welcome_shows_on_the_first_start_only(desktop: Desktop,
                                                   breakwater_home: Path) -> None:
    home = breakwater_home
    with running_app(desktop, home):
        ui = wait_for(home, lambda u: "welcome" in u["windows"], "the welcome")
        assert ui["hotkey_problems"] == []
        assert ui["windows"]["welcome"]["hotkeys"] == ["ready", "ready"]
        window = window_named(desktop, "Welcome — Breakwater")
        assert window
        wait_until(lambda: desktop.focused_window() == window, what="focus on the welcome")
        SHOTS.mkdir(parents=True, exist_ok=True)
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-welcome.png"))
        desktop.run("xdotool", "key", "Escape")
        wait_for(home, lambda u: "welcome" not in u["windows"], "the welcome to close")
    with running_app(desktop, home):
        assert "welcome" not in describe(home)["windows"]  # type: ignore[operator]
        assert not window_named(desktop, "Welcome — Breakwater")


def test_the_settings_window_opens_on_its_own_when_no_app_runs(
        desktop: Desktop, breakwater_home: Path) -> None:
    with window_alone(desktop, breakwater_home, "settings") as proc:
        focused_window(desktop, "Settings — Breakwater", what="the settings window")
        SHOTS.mkdir(parents=True, exist_ok=True)
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-settings-alone.png"))
        desktop.run("xdotool", "key", "Escape")
        _out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert err == b""
