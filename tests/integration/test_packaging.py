"""The program as pip installs it: the sdist and the wheel built from it carry every file
the app opens, and an installed wheel runs, translated, from anywhere."""

from __future__ import annotations

import ast
import gettext
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SOURCE_ONLY = {".po", ".pot", ".py", ".pyc"}  # translators' parts and the package marker

pytestmark = pytest.mark.slow


def run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                            timeout=300, stdin=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An sdist of the checkout, and a wheel built by pip from that sdist (so a file the
    sdist forgot is missing from the wheel too)."""
    out = tmp_path_factory.mktemp("dist")
    # From a copy of what git would commit: a stale breakwater.egg-info/SOURCES.txt in
    # the checkout would otherwise smuggle in files the configuration forgot.
    source = tmp_path_factory.mktemp("checkout")
    files = run("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z",
                cwd=ROOT).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    run(sys.executable, "-m", "build", "--sdist", "--outdir", out, source)
    (sdist,) = out.glob("breakwater-*.tar.gz")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, sdist)
    (wheel,) = out.glob("breakwater-*.whl")
    return sdist, wheel


def shipped_resources() -> set[str]:
    """Every file under resources/ that the app may open, relative to resources/."""
    return {str(p.relative_to(RESOURCES)) for p in RESOURCES.rglob("*")
            if p.is_file() and p.suffix not in SOURCE_ONLY and "__pycache__" not in p.parts}


def opened_by_code() -> set[tuple[str, ...]]:
    """The literal ``resource_path(...)`` arguments anywhere in desktop/."""
    found = set()
    for source in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "resource_path"
                    and node.args and all(isinstance(a, ast.Constant) for a in node.args)):
                found.add(tuple(str(a.value) for a in node.args))  # type: ignore[attr-defined]
    return found


def test_wheel_lists_every_resource_the_app_opens(dists: tuple[Path, Path]) -> None:
    _sdist, wheel = dists
    names = set(zipfile.ZipFile(wheel).namelist())
    packed = {n.removeprefix("desktop/_resources/") for n in names
              if n.startswith("desktop/_resources/")}
    wanted = shipped_resources()
    assert {"breakwater.desktop", "sounds/phase.wav", "icons/breakwater.png",
            "translations/es/LC_MESSAGES/breakwater.mo",
            "translations/zh_CN/LC_MESSAGES/breakwater.mo",
            "icons/hicolor/512x512/apps/breakwater.png"} <= wanted
    assert wanted - packed == set(), "missing from the wheel"
    assert not [n for n in names if n.endswith((".po", ".pot"))], "sources shipped"
    for parts in opened_by_code():
        path = "/".join(parts)
        assert path in packed or any(p.startswith(path + "/") for p in packed), parts


def test_sdist_carries_the_resources(dists: tuple[Path, Path]) -> None:
    sdist, _wheel = dists
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if m.isfile()}
    assert {f"resources/{r}" for r in shipped_resources()} <= members
    assert "setup.py" in members


def test_installed_wheel_speaks_spanish_from_another_folder(
        dists: tuple[Path, Path], tmp_path: Path) -> None:
    _sdist, wheel = dists
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel)
    # The dependencies come from the test venv (no download): a .pth appends its
    # site-packages after the fresh venv's own, where the wheel's `desktop` is found first.
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
                .stdout.strip())
    (site / "test-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "PYTHONPATH")
           and not k.startswith("BREAKWATER_")}
    env.update(LANG="es_ES.UTF-8", BREAKWATER_HOME=str(tmp_path / "home"),
               PYTHONNOUSERSITE="1")

    where = run(python, "-c", "import desktop, desktop.resources as r; "
                "print(desktop.__file__); print(r.resource_path('sounds', 'phase.wav'))",
                cwd=elsewhere, env=env).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    assert Path(where[1]).is_file()

    status = run(venv / "bin" / "breakwater", "status", cwd=elsewhere, env=env)
    assert status.stderr == ""
    # The same line as the checkout prints in Spanish, and not the English one.
    spanish = run(sys.executable, "-m", "desktop", "status", cwd=ROOT, env=env).stdout
    english = run(sys.executable, "-m", "desktop", "status", cwd=ROOT,
                  env={**env, "LANG": "C.UTF-8"}).stdout
    assert status.stdout == spanish != english
    catalogue = gettext.translation("breakwater", str(RESOURCES / "translations"), ["es"])
    assert catalogue.gettext("calm") in status.stdout  # "en calma"
