"""The data folder on Linux is what platformdirs would say, computed without it."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from desktop.paths import APP_NAME, data_dir


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rule is for Unix")
@pytest.mark.parametrize("xdg", [None, "", "relative/share", "ABSOLUTE"])
def test_data_dir_matches_platformdirs(xdg: str | None, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BREAKWATER_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME",
                           str(tmp_path / "data home") if xdg == "ABSOLUTE" else xdg)
    expected = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    assert data_dir() == expected
    assert data_dir({"BREAKWATER_HOME": "~/bw"}) == Path("~/bw").expanduser()
