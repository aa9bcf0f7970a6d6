"""Marking user-facing text in the core without depending on gettext.

``N_`` marks a string for extraction and returns it unchanged; the UI or CLI translates it
when it shows it (``Message.render``). The core thereby stays pure and every sentence the
user reads is still in the catalogue.
"""

from __future__ import annotations

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

    def render(self, translate: Translate = N_) -> str:
        return translate(self.template).format(**self.params)

    def __str__(self) -> str:
        return self.render()
