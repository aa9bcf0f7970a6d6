"""Marking user-facing text in the core without depending on gettext.

``N_`` marks a string for extraction and returns it unchanged; the UI or CLI translates it
when it shows it (``Message.render``). The core thereby stays pure and every sentence the
user reads is still in the catalogue.

``clean_lines``, ``clean_line`` and ``is_blank`` are what every piece of text a person
types or pastes goes through before it is kept (journal, people to reach, phrases).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Translate = Callable[[str], str]


def N_(text: str) -> str:
    return text


@dataclass(frozen=True)
class Message:
    """A translatable template with its parameters, rendered as late as possible."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)
    # Parameters that are themselves N_-marked words ("Friday"), translated with it.
    translate_params: tuple[str, ...] = ()

    def render(self, translate: Translate = N_) -> str:
        params = {key: translate(value) if key in self.translate_params else value
                  for key, value in self.params.items()}
        return translate(self.template).format(**params)

    def __str__(self) -> str:
        return self.render()


# Text people type or paste is stored without control characters: a NUL breaks CSV
# readers and spreadsheets, an escape sequence repaints a terminal (`journal list`), a bell
# rings it. Tabs and line breaks are kept where the text may have lines.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that take up no room (zero-width spaces and joiners, direction marks, soft
# hyphens...): text made only of these and spaces is as empty as "".
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def clean_lines(text: str) -> str:
    """Multi-line text as kept: line breaks as "\\n", no control characters other than
    tabs and line breaks."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_line(text: str) -> str:
    """A name, a note, a link: control characters dropped, every run of spaces and line
    breaks made one space, no space at either end."""
    return " ".join(_CONTROLS.sub("", text).split())


def is_blank(text: str) -> bool:
    """True when nothing of ``text`` would show: only spaces, line breaks, control and
    zero-width characters."""
    return all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE_CATEGORIES
               for ch in text)
