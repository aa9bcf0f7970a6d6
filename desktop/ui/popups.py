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
    from desktop.ui.checkin_offer import CheckinOffer
    from desktop.ui.nudge_card import NudgeCard
    from desktop.ui.toast import Toast


class Popups(QObject):
    undo_clicked = Signal(int)
    severity_chosen = Signal(int, int)
    reason_chosen = Signal(int, str)
    accepted = Signal()
    snoozed = Signal(int)
    dismissed = Signal()
    phrases_requested = Signal(str)
    offer_opened = Signal()
    offer_tomorrow = Signal()
    offer_declined = Signal()

    def __init__(self, anchor: Callable[[], QRect | None]) -> None:
        super().__init__()
        self._anchor = anchor
        self.support_lines: list[str] = []  # people to reach, named on the high-load card
        self._toast: Toast | None = None
        self._card: NudgeCard | None = None
        self._offer: CheckinOffer | None = None

    @property
    def toast(self) -> Toast:
        if self._toast is None:
            from desktop.ui.toast import Toast

            self._toast = Toast()
            self._toast.undo_clicked.connect(self.undo_clicked)
            self._toast.severity_chosen.connect(self.severity_chosen)
            self._toast.reason_chosen.connect(self.reason_chosen)
            self._toast.phrases_requested.connect(self.phrases_requested)
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

    @property
    def offer(self) -> CheckinOffer:
        if self._offer is None:
            from desktop.ui.checkin_offer import CheckinOffer

            self._offer = CheckinOffer()
            self._offer.opened.connect(self.offer_opened)
            self._offer.tomorrow.connect(self.offer_tomorrow)
            self._offer.declined.connect(self.offer_declined)
        return self._offer

    def show_offer(self) -> None:
        self.offer.pop()
        self._place(self.offer)

    def offer_visible(self) -> bool:
        return self._offer is not None and self._offer.isVisible()

    def offer_open_at(self) -> list[int] | None:
        """Where on screen the offer's Open button is (to click it from a test)."""
        if not self.offer_visible():
            return None
        button = self.offer.open_button
        centre = button.mapToGlobal(button.rect().center())
        return [centre.x(), centre.y()]

    def show_toast(self, tag_id: int, kind: str, severity: int | None,
                   reason: str | None) -> None:
        self.toast.show_for(tag_id, kind, severity, reason)
        self._place(self.toast)

    def show_nudge(self, kind: NudgeKind, snap: Snapshot) -> None:
        if kind is NudgeKind.BREAK:
            self.card.set_support(self.support_lines)
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
        others = [p.frameGeometry() for p in (self._toast, self._card, self._offer)
                  if p is not None and p is not popup and p.isVisible()]
        place = getattr(popup, "place_near", None)
        if callable(place):
            place(self._anchor(), others)

    def hide_all(self) -> None:
        self.hide_toast()
        self.hide_card()
        if self._offer is not None:
            self._offer.hide()
