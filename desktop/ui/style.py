"""The app's few colours and its button look, shared by the popups and the breathing
window (plain strings: importing this costs nothing at start-up)."""

from __future__ import annotations

TEAL = "#2f7f86"  # calm: the icon, the pacer, primary buttons
INK = "#24313a"  # text
LINE = "#b9b4a8"  # borders
PAPER = "#fbfaf7"  # backgrounds


def buttons(padding: str) -> str:
    """Plain white buttons with a thin border; ``#primary`` ones teal."""
    return (f"QPushButton {{ padding: {padding}; border: 1px solid {LINE}; "
            f"border-radius: 6px; background: #ffffff; color: {INK}; }}\n"
            f"QPushButton#primary {{ background: {TEAL}; color: white; "
            f"border-color: {TEAL}; }}\n")
