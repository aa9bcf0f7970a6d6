"""Text a person typed, shown exactly as typed.

Qt guesses whether a label's or a tooltip's text is HTML ("Qt::AutoText"): a journal search
for ``<b>x</b>`` would be shown bold, and ``<img src="http://...">`` would try to load an
image. Menu texts read "&" as the mark of an access key, so "Tom & Jerry" lost its
ampersand. Every surface that can show something a person typed (a contact, a phrase, an
entry, a note, a search, a file name, an error that quotes one) goes through here:

- ``plain_label`` makes a QLabel that never reads its text as markup;
- ``menu_text`` doubles each "&" for a QAction or QMenu title;
- ``tooltip_text`` escapes the text inside a paragraph that keeps its spaces and line
  breaks: tooltips are always rich-text-detected, so plain text cannot be forced there.

Notification bodies are escaped by the notifier itself (desktop/platform/notify.py).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def menu_text(text: str) -> str:
    """``text`` for a menu entry: every "&" shown, none taken as an access key."""
    return text.replace("&", "&&")


def tooltip_text(text: str) -> str:
    """``text`` for setToolTip: shown as typed, markup and all, spaces and lines kept."""
    if not text:
        return ""  # no tooltip at all, rather than an empty paragraph
    return '<p style="white-space:pre-wrap">' + escape(text, quote=False) + "</p>"
