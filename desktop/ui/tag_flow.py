"""A tag after it was made: the toast's Undo, its severity and reason chips and its note,
and the amend hotkey, which brings the last tag's toast back with keyboard focus.
Writes go through the service; failures are told through ``tell``."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.model import Reason
from desktop.i18n import _
from desktop.service import Breakwater
from desktop.store.errors import StoreError
from desktop.ui.popups import Popups


class TagFlow:
    def __init__(self, service: Breakwater, popups: Popups,
                 tell: Callable[[str, str], None], changed: Callable[[], None],
                 refresh: Callable[[], object]) -> None:
        self.service = service
        self.popups = popups
        self._tell = tell
        self._changed = changed
        self._refresh = refresh

    def connect(self) -> None:
        """Follow the toast's answers."""
        self.popups.undo_clicked.connect(self.undo)
        self.popups.severity_chosen.connect(
            lambda tag_id, severity: self.amend(tag_id, severity=severity))
        self.popups.reason_chosen.connect(
            lambda tag_id, reason: self.amend(tag_id, reason=Reason(reason)))
        self.popups.amended.connect(
            lambda tag_id, severity, reason, note: self.amend(
                tag_id, severity, Reason(reason) if reason else None, note))

    def undo(self, tag_id: int) -> None:
        now, _offset = self.service.now_and_offset()
        try:
            if self.service.store.undo(tag_id, now):
                self.service.reload()
        except StoreError as error:
            self._tell(_("Breakwater could not save that"), error.message.render(_))
        self.popups.hide_toast()
        self._refresh()

    def amend_last(self) -> None:
        """The amend hotkey: the last tag's toast comes forward with keyboard focus."""
        last = self.service.tracker.last_counting()
        if last is None:
            self._tell(_("Breakwater"), _("There is no tag to change yet."))
            return
        try:
            note = self.service.store.note_of(last.id)
        except StoreError as error:
            self._tell(_("Breakwater could not read that"), error.message.render(_))
            return
        self.popups.amend_toast(last.id, last.kind.value, last.severity or None,
                                last.reason.value if last.reason else None, note)

    def amend(self, tag_id: int, severity: int | None = None,
              reason: Reason | None = None, note: str | None = None) -> None:
        if severity is None and reason is None and note is None:
            return
        try:
            self.service.amend(tag_id, severity, reason, note)
        except StoreError as error:
            self._tell(_("Breakwater could not save that"), error.message.render(_))
            return
        except ValueError as error:  # a note over the limit (the field stops it first)
            self._tell(_("Breakwater could not save that"), str(error))
            return
        self._changed()
