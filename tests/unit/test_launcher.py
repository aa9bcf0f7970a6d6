"""The command a menu entry or autostart runs, and how it is written in Exec=."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.platform.launcher import desktop_exec, launch_command


def test_a_frozen_bundle_starts_its_own_executable() -> None:
    assert launch_command("whatever", "/opt/breakwater/breakwater", frozen=True) == [
        "/opt/breakwater/breakwater"]


def test_the_installed_script_is_named_by_its_absolute_path(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    assert launch_command("/home/a/.local/bin/breakwater", "/usr/bin/python3",
                          frozen=False) == ["/home/a/.local/bin/breakwater"]
    monkeypatch.chdir(tmp_path)
    assert launch_command("./breakwater", "/usr/bin/python3", frozen=False) == [
        str(tmp_path / "breakwater")]
    script = tmp_path / "bin" / "breakwater"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(script.parent) + os.pathsep + os.environ["PATH"])
    assert launch_command("breakwater", "/usr/bin/python3", frozen=False) == [str(script)]


def test_python_dash_m_desktop_starts_the_same_interpreter() -> None:
    assert launch_command("/src/desktop/__main__.py", "/venv/bin/python", frozen=False) == [
        "/venv/bin/python", "-m", "desktop"]


@pytest.mark.parametrize(("command", "expected"), [
    (["/usr/bin/breakwater"], "/usr/bin/breakwater"),
    (["/venv/bin/python", "-m", "desktop"], "/venv/bin/python -m desktop"),
    (["/opt/my apps/breakwater"], '"/opt/my apps/breakwater"'),
    # Inside quotes `"`, `$` and `\` take a backslash; then every backslash is doubled
    # by the string escape that applies to all values.
    (['/a/b\\c d'], '"/a/b\\\\\\\\c d"'),
    (['/x/$HOME "q"'], '"/x/\\\\$HOME \\\\"q\\\\""'),
    (["/x/100%"], "/x/100%%"),
])
def test_exec_quoting_follows_the_desktop_entry_spec(command: list[str], expected: str) -> None:
    assert desktop_exec(command) == expected
