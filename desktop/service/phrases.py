"""Phrase cards as the user sees them: the defaults in their language, with the user's own
wording and hidden ones applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.phrases import DEFAULTS, DEFAULTS_BY_KEY, GROUP_KEYS
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
    _write(lambda: PhraseStore(app.store).add(group, text, app.clock.now()))


def reword(app: Breakwater, card: Card, text: str) -> None:
    """The user's wording for ``card`` (a default keeps its place in its group)."""
    store = PhraseStore(app.store)
    if card.own_id is not None:
        _write(lambda: store.edit(card.own_id or 0, text, app.clock.now()))
    elif card.default_key in DEFAULTS_BY_KEY:
        _write(lambda: store.add(card.group, text, app.clock.now(), replaces=card.default_key))


def set_hidden(app: Breakwater, card: Card, hidden: bool) -> None:
    store = PhraseStore(app.store)
    if card.own_id is not None:
        store.set_hidden(card.own_id, hidden, app.clock.now())
    elif card.default_key is not None:
        store.hide_default(card.default_key, hidden, app.clock.now())


def _write(action: Callable[[], object]) -> None:
    try:
        action()
    except ValueError:
        raise ValueError(_("A phrase cannot be empty.")) from None
