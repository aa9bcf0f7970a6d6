"""The breathing cue is played by the system's player, in the background."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop.resources import resource_path
from desktop.ui.sound import PlayerCue, make_cue


def test_the_shipped_cue_is_a_short_wav() -> None:
    import wave

    with wave.open(str(resource_path("sounds", "phase.wav"))) as cue:
        seconds = cue.getnframes() / cue.getframerate()
    assert 0.1 < seconds < 1.0


def test_the_cue_runs_the_first_player_found(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    played = tmp_path / "played.txt"
    player = tmp_path / "paplay"
    player.write_text(f"#!/bin/sh\necho \"$1\" >> {played}\n")
    player.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    cue = make_cue(resource_path("sounds", "phase.wav"), platform="linux")
    assert isinstance(cue, PlayerCue)
    started = time.monotonic()
    cue()
    cue()
    assert time.monotonic() - started < 1.0  # never waits for the sound to finish
    cue.wait()
    assert played.read_text().splitlines() == [str(resource_path("sounds", "phase.wav"))] * 2


def test_no_player_or_no_file_means_a_silent_cue(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert make_cue(resource_path("sounds", "phase.wav"), platform="linux") is None
    assert make_cue(tmp_path / "missing.wav", platform="linux") is None
    assert os.environ["PATH"] == str(tmp_path)
