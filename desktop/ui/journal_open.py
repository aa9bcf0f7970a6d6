"""Opening the quick journal entry window (tray menu "Write it down…", the journal nudge's
accept, `breakwater journal`): the draft offered back, the hard calls since the last
entry, and the app told when something was saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import _
from desktop.service.journal import Journal
from desktop.store.errors import StoreError
from desktop.ui.journal_claim import NEW_ENTRY, Busy, claim
from desktop.ui.journal_window import JournalWindow
from desktop.ui.windows import CannotOpen, WindowContext


def _nudge(params: Mapping[str, Any]) -> int | None:
    nudge_id = params.get("nudge_id")
    if nudge_id is not None and (isinstance(nudge_id, bool) or not isinstance(nudge_id, int)):
        raise ValueError(_("invalid request"))
    return nudge_id


def reopen(ctx: WindowContext, window: JournalWindow, params: Mapping[str, Any]) -> None:
    """The entry window already open when the journal nudge is accepted: the entry being
    written answers that nudge (unless it already answers one)."""
    nudge_id = _nudge(params)
    if nudge_id is not None and window.nudge_id is None:
        window.nudge_id = nudge_id


def build(ctx: WindowContext, params: Mapping[str, Any]) -> JournalWindow:
    """``params``: nudge_id (the journal nudge accepted), optional."""
    nudge_id = _nudge(params)
    try:
        held = claim(ctx.service.store.path.parent, NEW_ENTRY)
    except Busy:
        raise CannotOpen(_("Your journal entry is already open in another Breakwater window; "
                           "go on writing there, or close it first.")) from None
    try:
        window = JournalWindow(Journal(ctx.service), nudge_id, on_error=ctx.report_error,
                               claim=held)
    except StoreError as error:
        held.release()
        raise CannotOpen(error.message.render(_)) from None

    def saved(_entry: object) -> None:
        ctx.events.journal_changed.emit()
        ctx.changed()

    window.saved.connect(saved)
    return window
