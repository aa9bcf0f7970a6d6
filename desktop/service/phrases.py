"""Phrase cards as the user sees them: the defaults in their language, with the user's own
wording and hidden ones applied."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.phrases import (
    DEFAULTS,
    DEFAULTS_BY_KEY,
    GROUP_KEYS,
    clean_phrase,
    phrase_problem,
)
from desktop.core.text import Translate
from desktop.i18n import _
from desktop.service import Breakwater
from desktop.store.phrases import PhraseStore


@dataclass(frozen=True)
class Card:
    group: str
    text: str
    hidden: bool
    default_key: str | None  # a default (possibly reworded by the user)
    own_id: int | None  # the user's row: their own phrase or their rewording

    @property
    def ident(self) -> str:
        return f"own:{self.own_id}" if self.own_id is not None else f"default:{self.default_key}"


def cards(app: Breakwater, translate: Translate = _) -> list[Card]:
    """Every card, hidden ones included, by group: the defaults first (reworded where the
    user reworded them), then the user's own, oldest first."""
    store = PhraseStore(app.store)
    own = store.own()
    hidden_defaults = store.hidden_defaults()
    rewordings = {p.replaces: p for p in own if p.replaces is not None}
    out: list[Card] = []
    for group in GROUP_KEYS:
        for default in (d for d in DEFAULTS if d.group == group):
            mine = rewordings.get(default.key)
            if mine is not None:
                out.append(Card(group, mine.text, mine.hidden, default.key, mine.id))
            else:
                out.append(Card(group, translate(default.text),
                                default.key in hidden_defaults, default.key, None))
        out += [Card(group, p.text, p.hidden, None, p.id)
                for p in own if p.group == group and p.replaces is None]
    return out


def add(app: Breakwater, group: str, text: str) -> None:
    if group not in GROUP_KEYS:
        raise ValueError(group)
    check(text)
    PhraseStore(app.store).add(group, text, app.clock.now())


def reword(app: Breakwater, card: Card, text: str) -> None:
    """The user's wording for ``card`` (a default keeps its place in its group)."""
    check(text)
    store = PhraseStore(app.store)
    if card.own_id is not None:
        store.edit(card.own_id, text, app.clock.now())
    elif card.default_key in DEFAULTS_BY_KEY:
        store.add(card.group, text, app.clock.now(), replaces=card.default_key)


def set_hidden(app: Breakwater, card: Card, hidden: bool) -> None:
    store = PhraseStore(app.store)
    if card.own_id is not None:
        store.set_hidden(card.own_id, hidden, app.clock.now())
    elif card.default_key is not None:
        store.hide_default(card.default_key, hidden, app.clock.now())


def check(text: str) -> None:
    """Raises ValueError (a sentence for the user) for an empty or overlong phrase."""
    problem = phrase_problem(clean_phrase(text))
    if problem is not None:
        raise ValueError(problem.render(_))
