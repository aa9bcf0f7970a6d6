"""The tray app started in a broken environment: one sentence (stderr, as there is no
display here), a non-zero exit, nothing of the existing data touched, and never a false
"already running". Real processes on Qt's offscreen platform."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop import ipc
from tests.e2e.virtual_desktop import stop
from tests.integration.app_process import app_env, offscreen_app
from tests.integration.cli_helpers import breakwater


def start_app(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop"], env=app_env(home),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)


def state(path: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``path`` with its mode and a hash of its bytes."""
    if path.is_file():
        return {path.name: (path.stat().st_mode, hashlib.sha256(path.read_bytes()).hexdigest())}
    return {str(p.relative_to(path)): (p.stat().st_mode, hashlib.sha256(
        p.read_bytes()).hexdigest() if p.is_file() else "") for p in sorted(path.rglob("*"))}


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.startswith("breakwater:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "already running" not in result.stdout + result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def with_data(home: Path) -> None:
    assert breakwater(home, "tag", "difficult", "--note", "kept").returncode == 0


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` as a process sees a read-only one. Root ignores permission bits, so as
    root this is a read-only bind mount; otherwise the folder is made 0500."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o500)
        try:
            yield folder
        finally:
            os.chmod(folder, 0o700)
        return
    view = folder.with_name(folder.name + "-ro")
    view.mkdir()
    if not mount("--bind", str(folder), str(view)):
        pytest.skip("root here, but mounting is not allowed")
    try:
        assert mount("-o", "remount,bind,ro", str(view))
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=True)
        view.rmdir()


@contextmanager
def small_disk(where: Path, kib: int) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("a full disk is made with a small tmpfs, which needs root")
    where.mkdir()
    if not mount("-t", "tmpfs", "-o", f"size={kib}k,mode=0700", "tmpfs", str(where)):
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


def test_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "breakwater"
    home.write_text("my shopping list")
    before = state(home)
    refused(start_app(home), str(home), "is a file")
    assert state(home) == before


def test_a_data_folder_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file")
    refused(start_app(tmp_path / "notes" / "breakwater"), "part of that path is a file")


def test_a_read_only_data_folder_refuses_to_start_but_status_and_export_work(
        breakwater_home: Path) -> None:
    with_data(breakwater_home)
    before = state(breakwater_home)
    with read_only(breakwater_home) as view:
        refused(start_app(view), "cannot write to its data folder", "BREAKWATER_HOME")
        status = breakwater(view, "status")
        assert status.returncode == 0, status.stderr
        assert "streak 1" in status.stdout and status.stderr == ""
        export = breakwater(view, "export", "--format", "json")
        assert export.returncode == 0 and '"note": "kept"' in export.stdout
        setting = breakwater(view, "settings", "get", "load.half_life_minutes")
        assert setting.returncode == 0 and setting.stdout == "30.0\n"
        tag = breakwater(view, "tag", "difficult")
        assert tag.returncode == 1 and "Only what reads works there" in refused(tag)
    assert state(breakwater_home) == before


@pytest.mark.parametrize(("args", "shows"), [
    (("journal", "list"), "a day to remember"),
    (("journal", "search", "remember"), "a day to remember"),
    (("journal", "list", "--json"), "a day to remember"),
    (("contacts", "list"), "Ana"),
    (("settings", "list"), "ui.language"),
    (("status", "--json"), '"streak": 1'),
], ids=" ".join)
def test_every_command_that_only_reads_works_on_a_read_only_folder(
        breakwater_home: Path, args: tuple[str, ...], shows: str) -> None:
    # Not a list of commands allowed to read: any command that does not write works.
    with_data(breakwater_home)
    assert breakwater(breakwater_home, "journal", "add", "a day to remember").returncode == 0
    assert breakwater(breakwater_home, "contacts", "add", "Ana").returncode == 0
    before = state(breakwater_home)
    with read_only(breakwater_home) as view:
        result = breakwater(view, *args)
        assert (result.returncode, result.stderr) == (0, "")
        assert shows in result.stdout
    assert state(breakwater_home) == before


@pytest.mark.parametrize("args", [
    ("journal", "add", "x"), ("contacts", "add", "Bo"), ("checkin", "--answers", "1,1,1,1,1,1"),
    ("undo",), ("settings", "set", "ui.language", "es"), ("delete-everything", "--yes"),
], ids=" ".join)
def test_every_command_that_writes_says_why_on_a_read_only_folder(
        breakwater_home: Path, args: tuple[str, ...]) -> None:
    with_data(breakwater_home)
    before = state(breakwater_home)
    with read_only(breakwater_home) as view:
        refused(breakwater(view, *args), "cannot write to its folder", "Only what reads")
    assert state(breakwater_home) == before


def test_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 1024) as home:
        with_data(home)
        with open(home / "filler", "wb", buffering=0) as filler:  # take every byte left
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:
                pass
        before = state(home)
        refused(start_app(home), "is full", "Free some space")
        assert state(home) == before
        tag = breakwater(home, "tag", "difficult")
        assert "is full" in refused(tag)
        status = breakwater(home, "status")
        assert status.returncode == 0 and "streak 1" in status.stdout


def test_a_lock_left_by_a_killed_run_whose_pid_is_now_another_python(breakwater_home: Path
                                                                     ) -> None:
    with_data(breakwater_home)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        # What Qt's QLockFile wrote for the killed run, naming the PID now in use by
        # another Python program (same executable name, same machine, same boot).
        boot = Path("/proc/sys/kernel/random/boot_id")
        (breakwater_home / "breakwater.lock").write_text(
            f"{other.pid}\n{Path(sys.executable).resolve().name}\n{os.uname().nodename}\n"
            f"\n{boot.read_text().strip() if boot.exists() else ''}\n")
        with offscreen_app(breakwater_home):
            status = breakwater(breakwater_home, "status")
            assert "tray app running" in status.stdout and "streak 1" in status.stdout
    finally:
        stop(other, group=False)


def test_a_second_start_while_one_runs_hands_over(breakwater_home: Path) -> None:
    with offscreen_app(breakwater_home):
        second = start_app(breakwater_home)
        assert second.returncode == 0 and "already running" in second.stdout


def test_a_data_path_too_long_for_the_socket(tmp_path: Path) -> None:
    home = tmp_path / ("long-folder-name-" * 7)
    assert not ipc.socket_path_fits(home / "breakwater.sock")
    refused(start_app(home), "too long", "BREAKWATER_HOME")
    assert not home.exists()  # nothing was created
    tag = breakwater(home, "tag", "difficult")  # the command line works without the app
    assert tag.returncode == 0 and "not running" in tag.stdout


def no_session(home: Path, **extra: str) -> dict[str, str]:
    """No display server at all: what an ssh login or a service manager gives."""
    env = app_env(home, **extra)
    env.pop("QT_QPA_PLATFORM")
    return env


@pytest.mark.parametrize("args", [(), ("breathe",), ("history",), ("settings",),
                                  ("journal",), ("checkin",), ("break",), ("phrases",)],
                         ids=lambda args: " ".join(args) or "tray app")
def test_without_a_desktop_session_windows_say_so_instead_of_aborting(
        tmp_path: Path, args: tuple[str, ...]) -> None:
    # Qt aborts (SIGABRT, status 134) with lines about libxcb-cursor when it finds no
    # display: the tray app and every window command must ask first.
    home = tmp_path / "home"
    for env in (no_session(home), no_session(home, DISPLAY=":973"),
                no_session(home, WAYLAND_DISPLAY="wayland-973",
                           XDG_RUNTIME_DIR=str(tmp_path))):
        result = subprocess.run([sys.executable, "-m", "desktop", *args], env=env,
                                capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                timeout=60)
        line = refused(result, "needs a desktop session", "breakwater tag difficult")
        assert result.stderr == line + "\n", result.stderr  # nothing of Qt's
    if not args:
        assert not home.exists()  # the tray app asks before it creates anything
    tag = breakwater(home, "tag", "difficult", **{"DISPLAY": ""})
    assert tag.returncode == 0
