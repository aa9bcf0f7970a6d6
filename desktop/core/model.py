"""What happens to an agent, as plain data: interactions and recovery periods."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.StrEnum):
    DIFFICULT = "difficult"
    ORDINARY = "ordinary"


class Reason(enum.StrEnum):
    ABUSIVE = "abusive"
    DISTRESSED = "distressed"
    BOUNDARY = "boundary"
    UNRESOLVED = "unresolved"
    OTHER = "other"


class RecoveryKind(enum.StrEnum):
    BREAK = "break"
    BREATHING = "breathing"
    IDLE = "idle"  # a natural break: the user was away from the keyboard


SEVERITIES = (1, 2, 3)


@dataclass(frozen=True, slots=True)
class Interaction:
    """One tagged interaction. ``at`` is UTC epoch seconds."""

    id: int
    at: float
    kind: Kind
    severity: int = 0  # 1-3 for difficult interactions, 0 for ordinary ones
    reason: Reason | None = None
    undone: bool = False
    # The UTC offset (seconds) of the clock where it was tagged: its local date is the
    # day it counts for ("today"), across daylight-saving changes and travel.
    offset: int | None = None

    def __post_init__(self) -> None:
        if self.kind is Kind.DIFFICULT and self.severity not in SEVERITIES:
            raise ValueError(f"severity must be 1, 2 or 3, not {self.severity!r}")
        if self.kind is Kind.ORDINARY and (self.severity or self.reason):
            raise ValueError("an ordinary interaction has no severity or reason")

    @property
    def counts(self) -> bool:
        return not self.undone


@dataclass(frozen=True, slots=True)
class Recovery:
    """A period of recovery: a break, a breathing session or a natural (idle) break."""

    start: float
    end: float
    kind: RecoveryKind


NOTE_MAX_CHARS = 2000  # a note is a line or two; 2,000 characters is a long paragraph


def clean_note(text: str | None) -> str | None:
    """The note to store: None for no note or one of only whitespace, else the text
    without surrounding whitespace. Raises ValueError when longer than NOTE_MAX_CHARS."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    if len(text) > NOTE_MAX_CHARS:
        raise ValueError(f"a note is at most {NOTE_MAX_CHARS} characters, not {len(text)}")
    return text
