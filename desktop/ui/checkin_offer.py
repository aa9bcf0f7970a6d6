"""The weekly check-in offer: a small card near the tray that never takes focus.

A card rather than a desktop notification because its three answers (Open, Tomorrow, Not
this week) are one click each, and notifications cannot carry buttons everywhere. It is
easy to ignore: it hides by itself after a few minutes, and an offer left unanswered is
not repeated that week. From the keyboard, the tray menu's "Weekly check-in…" opens it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.i18n import _
from desktop.ui.popup import Popup

OFFER_MS = 5 * 60 * 1000


class CheckinOffer(Popup):
    opened = Signal()
    tomorrow = Signal()
    declined = Signal()
    ignored = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(OFFER_MS, parent)
        self.title = QLabel(self.frame)
        self.title.setObjectName("title")
        self.text = QLabel(self.frame)
        self.text.setWordWrap(True)
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        row = QHBoxLayout()
        self.open_button = self.button("", "", primary=True)
        self.open_button.clicked.connect(lambda: self._answer(self.opened))
        self.tomorrow_button = self.button("", "")
        self.tomorrow_button.clicked.connect(lambda: self._answer(self.tomorrow))
        self.decline_button = self.button("", "")
        self.decline_button.clicked.connect(lambda: self._answer(self.declined))
        for button in (self.open_button, self.tomorrow_button, self.decline_button):
            row.addWidget(button)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Weekly check-in offer"))
        self.title.setText(_("Weekly check-in"))
        self.text.setText(_("Six short questions about your week with customers, about a "
                            "minute. Only you see the answers."))
        self.open_button.setText(_("Open"))
        self.open_button.setAccessibleName(_("Open the weekly check-in"))
        self.tomorrow_button.setText(_("Tomorrow"))
        self.tomorrow_button.setAccessibleName(_("Offer the check-in again tomorrow"))
        self.decline_button.setText(_("Not this week"))
        self.decline_button.setAccessibleName(_("No check-in this week"))
        self.adjustSize()

    def _answer(self, signal: SignalInstance) -> None:
        self.timer.stop()
        self.hide()
        signal.emit()

    def expire(self) -> None:
        super().expire()
        self.ignored.emit()
