"""The optional phase-change cue, played with QtMultimedia (loaded only when wanted)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def make_cue(path: Path, volume: float = 0.5) -> Callable[[], None] | None:
    """A function that plays ``path``, or None (logged) when sound cannot work here."""
    if not path.exists():
        log.warning("breathing cue missing: %s", path)
        return None
    try:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError as exc:
        log.warning("no sound: %s", str(exc))
        return None
    effect = QSoundEffect()
    effect.setSource(QUrl.fromLocalFile(str(path)))
    effect.setVolume(volume)

    def play() -> None:
        effect.play()

    return play
