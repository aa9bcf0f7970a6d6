"""The toast and the nudge card: built on first use, placed near the tray so that neither
covers the other. Their intent is forwarded as this object's signals, so the controller
and the nudge flow connect once, before either widget exists (idle memory stays low).

While ``quiet()`` (a call is live, or wrapping up) only the tag toast appears, small.
The nudge card is refused (the nudge flow asks again when the quiet ends, and shows it
only if still due); any other popup shown through ``show`` (offers, questions) waits and
appears once at ``release()``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Signal

from desktop.core.load import Snapshot
from desktop.core.nudge import NudgeKind

if TYPE_CHECKING:  # QWidget's binding costs the idle app ~0.2 MB (no widget is open)
    from PySide6.QtWidgets import QWidget

    from desktop.ui.ask_call import AskCallToast
    from desktop.ui.checkin_offer import CheckinOffer
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
    phrases_requested = Signal(str)
    offer_opened = Signal()
    offer_tomorrow = Signal()
    offer_declined = Signal()
    call_rated = Signal(str)  # "difficult" or "ordinary", from "How was that call?"

    def __init__(self, anchor: Callable[[], QRect | None],
                 quiet: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self._anchor = anchor
        self.quiet = quiet
        self.support_lines: list[str] = []  # people to reach, named on the high-load card
        self._toast: Toast | None = None
        self._card: NudgeCard | None = None
        self._ask: AskCallToast | None = None
        self._offer: CheckinOffer | None = None
        self._adopted: list[QWidget] = []
        self._waiting: list[QWidget] = []  # adopted popups held while quiet

    @property
    def toast(self) -> Toast:
        if self._toast is None:
            from desktop.ui.toast import Toast

            self._toast = Toast()
            self._toast.undo_clicked.connect(self.undo_clicked)
            self._toast.severity_chosen.connect(self.severity_chosen)
            self._toast.reason_chosen.connect(self.reason_chosen)
            self._toast.amended.connect(self.amended)
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
            self.adopt(self._offer)
            self._offer.opened.connect(self.offer_opened)
            self._offer.tomorrow.connect(self.offer_tomorrow)
            self._offer.declined.connect(self.offer_declined)
        return self._offer

    def show_offer(self) -> None:
        self.show(self.offer)

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
        """The tag's confirmation: always shown (the user pressed the key), small during
        a call."""
        self.toast.show_for(tag_id, kind, severity, reason, compact=self.quiet())
        self._place(self.toast)

    def amend_toast(self, tag_id: int, kind: str, severity: int | None, reason: str | None,
                    note: str | None) -> None:
        """The user asked to change this tag from the keyboard: the toast takes focus."""
        self.toast.take_keyboard(tag_id, kind, severity, reason, note)
        self._place(self.toast)

    def keyboard_state(self) -> dict[str, object]:
        """Whether the toast is taken from the keyboard now, and holds the focus."""
        if self._toast is None or not self._toast.isVisible():
            return {"keyboard": False, "active": False}
        return {"keyboard": self._toast.keyboard, "active": self._toast.isActiveWindow()}

    def retranslate(self) -> None:
        """The language changed: every popup made so far re-sets its text."""
        for popup in self._all():
            retranslate = getattr(popup, "retranslate", None)
            if callable(retranslate):
                retranslate()

    def show_nudge(self, kind: NudgeKind, snap: Snapshot, break_minutes: int = 5) -> bool:
        """False (nothing shown) while quiet. A break offer offers ``break_minutes``."""
        if self.quiet():
            return False
        if kind is NudgeKind.BREAK:
            self.card.set_support(self.support_lines)
        self.card.show_nudge(kind, snap, break_minutes)
        self._place(self.card)
        return True

    def ask_about_call(self) -> None:
        """"How was that call?" with Difficult / Fine."""
        if self._ask is None:
            from desktop.ui.ask_call import AskCallToast

            self._ask = AskCallToast()
            self._ask.rated.connect(self.call_rated)
        self.show(self._ask)

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

    def card_text(self) -> tuple[str, str] | None:
        """The nudge on screen (title, text), or None."""
        if self._card is None or not self._card.isVisible():
            return None
        return self._card.title.text(), self._card.text.text()

    def geometry(self) -> dict[str, list[int]]:
        """Where each visible popup is on screen: [x, y, width, height]."""
        return {name: [r.x(), r.y(), r.width(), r.height()]
                for name, popup in (("toast", self._toast), ("nudge", self._card))
                if popup is not None and popup.isVisible()
                for r in (popup.frameGeometry(),)}

    def accept_at(self) -> list[int] | None:
        """Where on screen the nudge's accept button is (to click it from a test)."""
        if self._card is None or not self._card.isVisible():
            return None
        button = self._card.accept_button
        centre = button.mapToGlobal(button.rect().center())
        return [centre.x(), centre.y()]

    def adopt(self, popup: QWidget) -> None:
        """Another small window near the tray (an offer, a question): ``show`` places it
        clear of the toast and the card, and they of it. Nothing covers another's buttons."""
        if popup not in self._adopted:
            self._adopted.append(popup)

    def show(self, popup: QWidget) -> None:
        """Show an adopted popup (without taking focus) where it covers no other; while
        quiet, it waits for ``release()``."""
        self.adopt(popup)
        if self.quiet():
            if popup not in self._waiting:
                self._waiting.append(popup)
            return
        pop = getattr(popup, "pop", None)
        if callable(pop):
            pop()
        else:
            popup.show()
        self._place(popup)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def release(self) -> None:
        """Show the popups that waited, once each, if the quiet is over."""
        if not self._waiting or self.quiet():
            return
        waiting, self._waiting = self._waiting, []
        for popup in waiting:
            self.show(popup)

    def _all(self) -> list[QWidget]:
        return [p for p in (self._toast, self._card, *self._adopted) if p is not None]

    def _place(self, popup: QWidget) -> None:
        others = [p.frameGeometry() for p in self._all()
                  if p is not popup and p.isVisible()]
        place = getattr(popup, "place_near", None)
        if callable(place):
            place(self._anchor(), others)

    def hide_all(self) -> None:
        self._waiting.clear()
        for popup in self._all():
            popup.hide()
