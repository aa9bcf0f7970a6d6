"""The journal's rules, as plain data: what an entry may hold, the questions it offers,
the mood scale, and which hard calls a new entry is offered to link to.

No Qt, no SQLite, no clock: times come in as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.text import N_, Message, is_blank

MAX_TEXT_CHARS = 100_000
MOODS = (1, 2, 3, 4, 5)
# A new entry is offered the hard calls since the last entry, but never more than this
# far back: after a quiet week, last Monday's calls are not what this entry is about.
LINK_LOOKBACK_SECONDS = 24 * 3600
MAX_LINK_CANDIDATES = 30

# One question at a time, in our own words. The key is stored with the entry (so a later
# rewording does not change what an old entry answered); the text is translated on show.
PROMPTS: tuple[tuple[str, str], ...] = (
    ("what-happened", N_("What happened, in a sentence or two?")),
    ("in-my-control", N_("What part of it was in your hands, and what was not?")),
    ("did-well", N_("What did you handle well, even if it was small?")),
    ("need-now", N_("What do you need right now?")),
    ("who-could-help", N_("Who could you talk to about it?")),
)
PROMPT_TEXT = dict(PROMPTS)

# 1 = very low … 5 = very good: how the person feels, not how the call went.
MOOD_LABELS = {
    1: N_("Very low"),
    2: N_("Low"),
    3: N_("So-so"),
    4: N_("Good"),
    5: N_("Very good"),
}


@dataclass(frozen=True)
class Entry:
    id: int
    created: float  # UTC epoch seconds
    offset_min: int  # local offset from UTC when written, minutes
    text: str
    mood: int | None = None
    prompt: str | None = None
    updated: float | None = None
    nudge_id: int | None = None
    source: str = "window"
    links: tuple[int, ...] = ()  # interaction ids


@dataclass(frozen=True)
class Draft:
    """Unsaved words: a new entry (``entry_id`` None) or changes to entry ``entry_id``."""

    text: str
    entry_id: int | None = None
    mood: int | None = None
    prompt: str | None = None
    links: tuple[int, ...] = ()  # ticked interaction ids (new entries only)
    nudge_id: int | None = None
    started: float = 0.0
    saved: float = 0.0


@dataclass(frozen=True)
class LinkCandidate:
    """A hard call a new entry may be linked to."""

    interaction_id: int
    at: float
    offset_min: int
    severity: int
    reason: str | None


def prompt_key(index: int) -> str:
    """The question to show at ``index`` (it wraps round, so any count will do)."""
    return PROMPTS[index % len(PROMPTS)][0]


def next_prompt(key: str | None) -> str:
    keys = [k for k, _text in PROMPTS]
    return keys[(keys.index(key) + 1) % len(keys)] if key in keys else keys[0]


def text_problem(text: object) -> Message | None:
    """Why ``text`` cannot be an entry, or None when it can. Text of only spaces or
    invisible characters (a zero-width space, control characters) counts as empty."""
    if not isinstance(text, str) or is_blank(text):
        return Message(N_("The entry is empty: write a few words first."))
    if len(text) > MAX_TEXT_CHARS:
        return Message(N_("The entry is {n} characters long; the most is {max}."),
                       {"n": len(text), "max": MAX_TEXT_CHARS})
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return Message(N_("The entry contains bytes that are not valid text (UTF-8)."))
    return None


def mood_problem(mood: object) -> Message | None:
    if mood is None:
        return None
    if isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOODS:
        return Message(N_("A mood is a whole number from 1 (very low) to 5 (very good), "
                          "not {mood}."), {"mood": mood})
    return None


def link_window_start(now: float, last_entry: float | None) -> float:
    """Hard calls from this moment on are offered for linking to a new entry."""
    floor = now - LINK_LOOKBACK_SECONDS
    return floor if last_entry is None else max(floor, min(last_entry, now))


def ticked_on_open(candidates: list[LinkCandidate], draft: Draft | None) -> set[int]:
    """Which candidates start ticked: all of them for a fresh entry; for a draft taken
    up again, what the draft had ticked plus any hard call that came after it was saved."""
    if draft is None:
        return {c.interaction_id for c in candidates}
    kept = set(draft.links)
    return {c.interaction_id for c in candidates
            if c.interaction_id in kept or c.at > draft.saved}
