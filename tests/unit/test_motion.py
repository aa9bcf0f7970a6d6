"""Reading the desktop's reduce-motion preference from real files and a stand-in
gsettings: each source says yes, no or nothing, and nothing means no preference."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.platform.motion import prefers_reduced_motion


def env_for(tmp_path: Path, gsettings_says: str | None = None) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    if gsettings_says is not None:
        tool = bin_dir / "gsettings"
        tool.write_text(f"#!/bin/sh\necho {gsettings_says}\n")
        tool.chmod(0o755)
    return {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "PATH": str(bin_dir)}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_no_source_means_no_preference(tmp_path: Path) -> None:
    assert prefers_reduced_motion(env_for(tmp_path), platform="linux") is False


@pytest.mark.parametrize(("says", "reduced"), [("false", True), ("true", False)])
def test_gnome_animations_off_means_reduced(tmp_path: Path, says: str, reduced: bool) -> None:
    assert prefers_reduced_motion(env_for(tmp_path, says), platform="linux") is reduced


@pytest.mark.parametrize(("value", "reduced"), [("false", True), ("0", True), ("true", False)])
def test_gtk_settings_file(tmp_path: Path, value: str, reduced: bool) -> None:
    env = env_for(tmp_path, "true")  # the file is read first and wins
    write(tmp_path / "config" / "gtk-3.0" / "settings.ini",
          f"[Settings]\ngtk-enable-animations={value}\n")
    assert prefers_reduced_motion(env, platform="linux") is reduced


@pytest.mark.parametrize(("factor", "reduced"), [("0", True), ("0.5", False)])
def test_kde_instant_animations(tmp_path: Path, factor: str, reduced: bool) -> None:
    write(tmp_path / "config" / "kdeglobals",
          f"[General]\nColorScheme=BreezeDark\n\n[KDE]\nAnimationDurationFactor={factor}\n")
    assert prefers_reduced_motion(env_for(tmp_path), platform="linux") is reduced


def test_unreadable_settings_are_no_preference(tmp_path: Path) -> None:
    write(tmp_path / "config" / "kdeglobals", "[KDE]\nAnimationDurationFactor=fast\n")
    write(tmp_path / "config" / "gtk-4.0" / "settings.ini", "not an ini file at all")
    assert prefers_reduced_motion(env_for(tmp_path, "garbage"), platform="linux") is False
