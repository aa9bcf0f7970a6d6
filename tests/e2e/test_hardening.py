"""The real tray app on a virtual desktop: erasing while it runs, and a start in a broken
data folder shown as a dialog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.app_helpers import cli, describe
from tests.e2e.virtual_desktop import Desktop, stop, wait_until

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
MARKER = b"zqxmarker"


def files_with_marker(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.is_file() and MARKER in p.read_bytes().lower())


def test_delete_everything_while_the_tray_app_runs_leaves_no_byte_behind(
        desktop: Desktop, tray_app: subprocess.Popen[bytes], breakwater_home: Path) -> None:
    for i in range(6):
        tagged = cli(desktop, breakwater_home, "tag", "difficult", "--note",
                     f"zqxmarker call {i} " + "y" * 200)
        assert tagged.returncode == 0 and "tray app running" in tagged.stdout
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")  # and one by hotkey
    wait_until(lambda: json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)[
        "today"]["difficult"] == 7, what="the hotkey's tag")
    assert files_with_marker(breakwater_home)  # the marker is there to be found

    erased = cli(desktop, breakwater_home, "delete-everything", "--yes")
    assert erased.returncode == 0, erased.stderr
    assert files_with_marker(breakwater_home) == []  # with the app still running
    status = json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)
    assert status["running"] is True and status["today"] == {"difficult": 0, "ordinary": 0}
    assert status["load"] == 0
    assert "0.0" in str(describe(breakwater_home)["tooltip"])
    # The app keeps working on the emptied file, and quitting leaves nothing either.
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
    wait_until(lambda: json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)[
        "today"]["difficult"] == 1, what="a tag after the erase")
    stop(tray_app, group=False, timeout=10)
    assert files_with_marker(breakwater_home) == []


def test_a_broken_data_folder_is_one_sentence_in_a_dialog(desktop: Desktop,
                                                          tmp_path: Path) -> None:
    home = tmp_path / "breakwater"
    home.write_text("not a folder")
    env = {**desktop.env, "BREAKWATER_HOME": str(home), "LANGUAGE": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        def dialog() -> str:
            found = desktop.run("xdotool", "search", "--name", "^Breakwater$").stdout.split()
            return found[0] if found else ""

        wait_until(dialog, what="the error dialog")
        SHOTS.mkdir(parents=True, exist_ok=True)
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-folder-is-a-file.png"))
        assert proc.poll() is None  # it waits for the user to read it
        desktop.run("xdotool", "windowfocus", "--sync", dialog())
        desktop.run("xdotool", "key", "Return")
        out, err = proc.communicate(timeout=20)
    finally:
        stop(proc, group=False)
    assert proc.returncode == 1
    assert err.decode().strip().splitlines() == [
        f"breakwater: Breakwater's data folder {home} is a file, not a folder. Move that "
        "file away, or set BREAKWATER_HOME to another folder."]
    assert b"already running" not in out and home.read_text() == "not a folder"


def test_the_failure_dialog_gives_way_to_sigterm(desktop: Desktop, tmp_path: Path) -> None:
    """Another program's SQLite file is refused in a dialog; `pkill breakwater` (or the
    session ending) must still end the app while the dialog waits for a click."""
    import signal
    import sqlite3

    home = tmp_path / "breakwater"
    home.mkdir()
    foreign = home / "breakwater.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = foreign.read_bytes()
    env = {**desktop.env, "BREAKWATER_HOME": str(home), "LANGUAGE": "en",
           "PULSE_SERVER": f"unix:{tmp_path}/no-sound-server"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        wait_until(lambda: desktop.run("xdotool", "search", "--name", "^Breakwater$").stdout,
                   what="the error dialog")
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=10)
    finally:
        stop(proc, group=False)
    assert proc.returncode == 1
    assert "is an SQLite database that is not Breakwater's" in err.decode()
    assert foreign.read_bytes() == before
