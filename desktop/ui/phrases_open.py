"""Opening the phrase cards, at the group asked for (after an abusive call: setting a
limit); the user's changes are stored through the service."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop.core.phrases import GROUP_KEYS
from desktop.i18n import _
from desktop.service import phrases
from desktop.service.phrases import Card
from desktop.store.errors import StoreError
from desktop.ui.phrases_window import PhrasesWindow
from desktop.ui.windows import WindowContext


def _group(params: Mapping[str, Any]) -> str | None:
    group = params.get("group")
    if group is not None and group not in GROUP_KEYS:
        raise ValueError(_("There is no group of phrases called {name!r}.").format(name=group))
    return group


def check(ctx: WindowContext, params: Mapping[str, Any]) -> None:
    _group(params)


def reopen(ctx: WindowContext, window: PhrasesWindow, params: Mapping[str, Any]) -> None:
    """The phrases already open (at calming, say) and asked for after an abusive call:
    show the group asked for."""
    group = _group(params)
    if group is not None:
        window.select_group(group)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> PhrasesWindow:
    service = ctx.service
    group = _group(params)
    window = PhrasesWindow(lambda: phrases.cards(service))
    if group is not None:
        window.select_group(group)

    def write(action: Callable[[], object]) -> None:
        try:
            action()
        except ValueError as error:
            window.status.setText(str(error))
            return
        except StoreError as error:
            ctx.report_error(error.message.render(_))
            return
        window.reload()

    def reword(card: Card, text: str) -> None:
        write(lambda: phrases.reword(service, card, text))

    def hide(card: Card, hidden: bool) -> None:
        write(lambda: phrases.set_hidden(service, card, hidden))

    window.add_requested.connect(lambda g, text: write(lambda: phrases.add(service, g, text)))
    window.reword_requested.connect(reword)
    window.hide_requested.connect(hide)
    return window
