"""The PyInstaller bundle, built from build.spec as CI builds it, and run frozen: its
command line, and the tray app on a virtual desktop recording a tag sent by the frozen
command line. Prints the build time and the bundle's size."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import __version__, ipc
from desktop.ui.windows import WINDOWS
from tests.e2e.virtual_desktop import Desktop, stop, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    if os.environ.get("BREAKWATER_E2E_REQUIRED") is None and subprocess.run(
            [sys.executable, "-c", "import PyInstaller"], capture_output=True).returncode:
        pytest.skip("PyInstaller is not installed (the test extra has it)")
    work = tmp_path_factory.mktemp("pyinstaller")
    started = time.monotonic()
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build.spec")],
        capture_output=True, text=True, timeout=900, cwd=work, stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    assert built.returncode == 0, built.stderr[-4000:]
    folder = work / "dist" / "breakwater"
    size = folder_size(folder)
    line = (f"bundle: dist/breakwater {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB), "
            f"{sum(1 for _ in folder.rglob('*'))} files, built in {seconds:.0f} s")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # shown in CI's log, not only on failure
        print(f"\n{line}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bundle.txt").write_text(line + "\n" + built.stderr)
    return folder


def frozen(bundle: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "breakwater"), *args], env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_the_bundle_carries_resources_and_leaves_out_what_is_unused(bundle: Path) -> None:
    internal = bundle / "_internal"
    resources = internal / "resources"
    for needed in ("breakwater.desktop", "sounds/phase.wav", "icons/breakwater.png",
                   "icons/hicolor/48x48/apps/breakwater.png",
                   "translations/es/LC_MESSAGES/breakwater.mo",
                   "translations/zh_CN/LC_MESSAGES/breakwater.mo"):
        assert (resources / needed).is_file(), needed
    assert not list(resources.rglob("*.po")) and not list(resources.rglob("*.pot"))
    names = {p.name for p in internal.rglob("*")}
    for unused in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Pdf.so.6",
                   "libQt6WebEngineCore.so.6", "libqgtk3.so", "libqeglfs.so", "libssl.so.3",
                   "libqxcb-glx-integration.so", "libcairo.so.2", "libQt6Network.so.6"):
        assert unused not in names, unused
    translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()}
    assert translations == {"qtbase_es.qm", "qtbase_zh_CN.qm"}
    # ICU's data cut to what Qt reads, in our languages (31 MB whole; tools/trim_icu.py).
    [icu_data] = (internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")
    assert icu_data.stat().st_size < 8_000_000


def test_frozen_command_line(bundle: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "PYTHONPATH")}
    env.update(BREAKWATER_HOME=str(tmp_path / "home"), LANG="es_ES.UTF-8")
    version = frozen(bundle, env, "--version")
    assert (version.returncode, version.stdout, version.stderr) == (
        0, f"breakwater {__version__}\n", "")
    status = frozen(bundle, env, "status")
    assert status.returncode == 0 and status.stderr == ""
    assert status.stdout.startswith("Carga 0.0 (en calma)")


@pytest.fixture
def frozen_app(desktop: Desktop, bundle: Path, tmp_path: Path
               ) -> Iterator[tuple[subprocess.Popen[bytes], dict[str, str], Path]]:
    home = tmp_path / "home"
    env = {**desktop.env, "BREAKWATER_HOME": str(home), "LANGUAGE": "en"}
    log_path = tmp_path / "frozen-app.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([str(bundle / "breakwater")], env=env, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_until(lambda: ipc.is_running(home / "breakwater.sock") or proc.poll() is not None,
                   what="the frozen app's socket")
        assert proc.poll() is None, log_path.read_text()
        wait_until(lambda: desktop.tray_icons() == 1, what="the frozen app's tray icon")
        yield proc, env, log_path
    finally:
        stop(proc, group=False, timeout=10)


def test_frozen_tray_app_records_a_tag_from_the_frozen_command_line(
        desktop: Desktop, bundle: Path,
        frozen_app: tuple[subprocess.Popen[bytes], dict[str, str], Path]) -> None:
    proc, env, log_path = frozen_app
    tagged = frozen(bundle, env, "tag", "difficult", "--severity", "3")
    assert tagged.returncode == 0, tagged.stderr
    assert "tray app running" in tagged.stdout
    status = json.loads(frozen(bundle, env, "status", "--json").stdout)
    assert status["running"] is True and status["today"]["difficult"] == 1
    # Its windows carry the class the desktop entry's StartupWMClass names.
    found = desktop.run("xdotool", "search", "--class", "^Breakwater$").stdout.split()
    assert found, "no window with WM_CLASS Breakwater"
    # The hotkeys use libxcb from the bundle, not the python-xlib fallback.
    app_log = (Path(env["BREAKWATER_HOME"]) / "breakwater.log").read_text()
    assert "X11 hotkeys grabbed" in app_log and "libxcb not usable" not in app_log
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    # Nothing on the terminal: no Qt plugin complaints, no Python warnings.
    assert log_path.read_text() == ""


def test_every_window_opens_and_draws_in_the_frozen_app(
        desktop: Desktop, bundle: Path,
        frozen_app: tuple[subprocess.Popen[bytes], dict[str, str], Path]) -> None:
    """Windows load their modules (and pyqtgraph, numpy, OpenBLAS) only when they open,
    so only opening each one shows that the bundle carries what it needs."""
    proc, env, log_path = frozen_app
    home = Path(env["BREAKWATER_HOME"])
    assert frozen(bundle, env, "tag", "difficult").returncode == 0  # History draws charts
    for name in WINDOWS:
        reply = ipc.request(home / "breakwater.sock", {"cmd": "open", "window": name})
        assert reply is not None and reply["ok"], (name, reply)

    def failed() -> str:
        app_log = (home / "breakwater.log").read_text()
        return log_path.read_text() + "".join(
            line for line in app_log.splitlines(keepends=True) if " ERROR " in line)

    def history_drawn() -> bool:
        assert not failed(), failed()
        reply = ipc.request(home / "breakwater.sock", {"cmd": "describe"})
        assert reply is not None
        history = reply["ui"]["windows"].get("history", {})
        return 0 in history.get("drawn", [])

    wait_until(history_drawn, what="History's charts in the frozen app")
    titles = [line for line in desktop.run("xwininfo", "-root", "-tree").stdout.splitlines()
              if " — Breakwater" in line]
    assert len(titles) == len(WINDOWS), titles
    assert proc.poll() is None and failed() == ""
