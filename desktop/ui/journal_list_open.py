"""Opening the journal list (tray menu "Journal…"): every entry, searchable, editable."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from desktop.i18n import _
from desktop.service.journal import Journal
from desktop.store.errors import StoreError
from desktop.ui.journal_claim import EDITS, claim
from desktop.ui.journal_list import JournalListWindow
from desktop.ui.windows import CannotOpen, WindowContext


def _words(params: Mapping[str, Any]) -> str:
    words = params.get("search") or ""
    if not isinstance(words, str):
        raise ValueError(_("invalid request"))
    return words


def reopen(ctx: WindowContext, window: JournalListWindow, params: Mapping[str, Any]) -> None:
    words = _words(params)
    if words:
        window.search.setText(words)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> JournalListWindow:
    """``params``: search (words to start with), optional."""
    words = _words(params)

    def changed() -> None:
        ctx.events.journal_changed.emit()
        ctx.changed()

    try:
        window = JournalListWindow(
            Journal(ctx.service), on_error=ctx.report_error, on_changed=changed,
            claim_edits=partial(claim, ctx.service.store.path.parent, EDITS))
    except StoreError as error:
        raise CannotOpen(error.message.render(_)) from None
    if words:
        window.search.setText(words)
    # An entry saved in the entry window (or deleted here) shows at once.
    ctx.events.journal_changed.connect(window.reload)
    return window
