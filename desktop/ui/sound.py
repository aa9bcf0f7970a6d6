"""The optional phase-change cue: the shipped WAV played by the system's own player.

Windows: winsound (standard library). Elsewhere the first of paplay (PulseAudio /
PipeWire), pw-play, aplay (ALSA) or afplay (macOS) found on PATH, started without
waiting. No audio library is loaded into the app for a cue that is off by default.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # run only to play a cue: subprocess (and locale) stay out of the idle app
    import subprocess

log = logging.getLogger(__name__)

PLAYERS = ("paplay", "pw-play", "aplay", "afplay")


def make_cue(path: Path, platform: str | None = None) -> Callable[[], None] | None:
    """A function that plays ``path`` in the background, or None (logged) when sound
    cannot work here. A failed play is logged, never raised."""
    platform = sys.platform if platform is None else platform
    if not path.exists():
        log.warning("breathing cue missing: %s", path)
        return None
    if platform == "win32":  # pragma: no cover - Windows only
        return _windows_cue(path)
    player = next((found for name in PLAYERS if (found := shutil.which(name))), None)
    if player is None:
        log.warning("no sound player found (%s); the cue stays silent", ", ".join(PLAYERS))
        return None
    return PlayerCue(player, path)


def _windows_cue(path: Path) -> Callable[[], None] | None:  # pragma: no cover - Windows
    import importlib

    winsound: Any = importlib.import_module("winsound")  # typeshed hides it off Windows

    def play() -> None:
        winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)

    return play


class PlayerCue:
    """Runs ``player path`` without waiting; finished players are reaped on the next play."""

    def __init__(self, player: str, path: Path) -> None:
        self.command = [player, str(path)]
        self.playing: list[subprocess.Popen[bytes]] = []

    def __call__(self) -> None:
        import subprocess

        self.playing = [p for p in self.playing if p.poll() is None]
        try:
            self.playing.append(subprocess.Popen(
                self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL))
        except OSError as exc:
            log.warning("cue not played: %s", str(exc))

    def wait(self, timeout: float = 5.0) -> None:
        for proc in self.playing:
            proc.wait(timeout)
        self.playing = []
