"""The toast and the nudge card: built on first use, placed near the tray so that neither
covers the other. Their intent is forwarded as this object's signals, so the controller
and the nudge flow connect once, before either widget exists (idle memory stays low)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.load import Snapshot
from desktop.core.nudge import NudgeKind

if TYPE_CHECKING:
    from desktop.ui.nudge_card import NudgeCard
    from desktop.ui.toast import Toast


class Popups(QObject):
    undo_clicked = Signal(int)
    severity_chosen = Signal(int, int)
    reason_chosen = Signal(int, str)
    amended = Signal(int, object, object, object)  # from the keyboard: see Toast.amended
    accepted = Signal()
    snoozed = Signal(int)
    dismissed = Signal()

    def __init__(self, anchor: Callable[[], QRect | None]) -> None:
        super().__init__()
        self._anchor = anchor
        self._toast: Toast | None = None
        self._card: NudgeCard | None = None

    @property
    def toast(self) -> Toast:
        if self._toast is None:
            from desktop.ui.toast import Toast

            self._toast = Toast()
            self._toast.undo_clicked.connect(self.undo_clicked)
            self._toast.severity_chosen.connect(self.severity_chosen)
            self._toast.reason_chosen.connect(self.reason_chosen)
            self._toast.amended.connect(self.amended)
        return self._toast

    @property
    def card(self) -> NudgeCard:
        if self._card is None:
            from desktop.ui.nudge_card import NudgeCard

            self._card = NudgeCard()
            self._card.accepted.connect(self.accepted)
            self._card.snoozed.connect(self.snoozed)
            self._card.dismissed.connect(self.dismissed)
        return self._card

    def show_toast(self, tag_id: int, kind: str, severity: int | None,
                   reason: str | None) -> None:
        self.toast.show_for(tag_id, kind, severity, reason)
        self._place(self.toast)

    def amend_toast(self, tag_id: int, kind: str, severity: int | None, reason: str | None,
                    note: str | None) -> None:
        """The user asked to change this tag from the keyboard: the toast takes focus."""
        self.toast.take_keyboard(tag_id, kind, severity, reason, note)
        self._place(self.toast)

    def retranslate(self) -> None:
        for popup in (self._toast, self._card):
            if popup is not None:
                popup.retranslate()

    def show_nudge(self, kind: NudgeKind, snap: Snapshot) -> None:
        self.card.show_nudge(kind, snap)
        self._place(self.card)

    def hide_toast(self) -> None:
        if self._toast is not None:
            self._toast.hide()

    def hide_card(self) -> None:
        if self._card is not None:
            self._card.hide()

    def toast_visible(self) -> bool:
        return self._toast is not None and self._toast.isVisible()

    def card_visible(self) -> bool:
        return self._card is not None and self._card.isVisible()

    def accept_at(self) -> list[int] | None:
        """Where on screen the nudge's accept button is (to click it from a test)."""
        if self._card is None or not self._card.isVisible():
            return None
        button = self._card.accept_button
        centre = button.mapToGlobal(button.rect().center())
        return [centre.x(), centre.y()]

    def _place(self, popup: QWidget) -> None:
        others = [p.frameGeometry() for p in (self._toast, self._card)
                  if p is not None and p is not popup and p.isVisible()]
        place = getattr(popup, "place_near", None)
        if callable(place):
            place(self._anchor(), others)

    def hide_all(self) -> None:
        self.hide_toast()
        self.hide_card()
