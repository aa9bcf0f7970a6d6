"""The app's few colours, its button look and its windows' common style sheet, shared by
the popups and every window (plain strings: importing this costs nothing at start-up)."""

from __future__ import annotations

TEAL = "#2f7f86"  # calm: the icon, the pacer, primary buttons
INK = "#24313a"  # text
LINE = "#b9b4a8"  # borders
PAPER = "#fbfaf7"  # backgrounds
QUIET = "#5b6770"  # secondary text


def buttons(padding: str) -> str:
    """Plain white buttons with a thin border; ``#primary`` ones teal."""
    return (f"QPushButton {{ padding: {padding}; border: 1px solid {LINE}; "
            f"border-radius: 6px; background: #ffffff; color: {INK}; }}\n"
            f"QPushButton#primary {{ background: {TEAL}; color: white; "
            f"border-color: {TEAL}; }}\n")


def window_style(padding: str, extra: str = "", *, quiet: str = QUIET) -> str:
    """A window's style sheet: ``buttons(padding)``, ink labels, a ``#title``, ``#quiet``
    text, a visible keyboard focus on buttons; then the window's own rules (``extra``)."""
    return buttons(padding) + (
        f"QLabel {{ color: {INK}; }}\n"
        "QLabel#title { font-size: 13pt; font-weight: 600; }\n"
        f"QLabel#quiet {{ color: {quiet}; }}\n"
        f"QPushButton:focus {{ border: 2px solid {INK}; }}\n") + extra
