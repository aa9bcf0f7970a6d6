"""The toast and the nudge card: built on first use, placed near the tray so that neither
covers the other. Their intent is forwarded as this object's signals, so the controller
and the nudge flow connect once, before either widget exists (idle memory stays low).

While ``quiet()`` (a call is live, or wrapping up) only the tag toast appears, small;
every other popup is refused and its caller asked again later."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.load import Snapshot
from desktop.core.nudge import NudgeKind

if TYPE_CHECKING:
    from desktop.ui.ask_call import AskCallToast
    from desktop.ui.nudge_card import NudgeCard
    from desktop.ui.toast import Toast


class Popups(QObject):
    undo_clicked = Signal(int)
    severity_chosen = Signal(int, int)
    reason_chosen = Signal(int, str)
    accepted = Signal()
    snoozed = Signal(int)
    dismissed = Signal()
    call_rated = Signal(str)  # "difficult" or "ordinary", from "How was that call?"

    def __init__(self, anchor: Callable[[], QRect | None],
                 quiet: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self._anchor = anchor
        self.quiet = quiet
        self._toast: Toast | None = None
        self._card: NudgeCard | None = None
        self._ask: AskCallToast | None = None

    @property
    def toast(self) -> Toast:
        if self._toast is None:
            from desktop.ui.toast import Toast

            self._toast = Toast()
            self._toast.undo_clicked.connect(self.undo_clicked)
            self._toast.severity_chosen.connect(self.severity_chosen)
            self._toast.reason_chosen.connect(self.reason_chosen)
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
        """The tag's confirmation: always shown (the user pressed the key), small during
        a call."""
        self.toast.show_for(tag_id, kind, severity, reason, compact=self.quiet())
        self._place(self.toast)

    def show_nudge(self, kind: NudgeKind, snap: Snapshot) -> bool:
        """False (nothing shown) while quiet."""
        if self.quiet():
            return False
        self.card.show_nudge(kind, snap)
        self._place(self.card)
        return True

    def ask_about_call(self) -> bool:
        """"How was that call?" with Difficult / Fine; False (nothing shown) while quiet."""
        if self.quiet():
            return False
        if self._ask is None:
            from desktop.ui.ask_call import AskCallToast

            self._ask = AskCallToast()
            self._ask.rated.connect(self.call_rated)
        self._ask.pop()
        self._place(self._ask)
        return True

    def hide_toast(self) -> None:
        if self._toast is not None:
            self._toast.hide()

    def hide_card(self) -> None:
        if self._card is not None:
            self._card.hide()

    def ask_visible(self) -> bool:
        return self._ask is not None and self._ask.isVisible()

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
        others = [p.frameGeometry() for p in (self._toast, self._card, self._ask)
                  if p is not None and p is not popup and p.isVisible()]
        place = getattr(popup, "place_near", None)
        if callable(place):
            place(self._anchor(), others)

    def hide_all(self) -> None:
        self.hide_toast()
        self.hide_card()
        if self._ask is not None:
            self._ask.hide()
