"""A nudge: a gentle suggestion with accept, snooze and dismiss, on one card and nowhere
else (its words are in ``nudge_text``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.core.load import Snapshot
from desktop.core.nudge import NudgeKind
from desktop.i18n import _, ngettext
from desktop.ui.nudge_text import nudge_text, primary_label
from desktop.ui.popup import Popup


def snooze_name(minutes: int) -> str:
    return ngettext("Snooze {n} minute", "Snooze {n} minutes", minutes).format(n=minutes)


class NudgeCard(Popup):
    accepted = Signal()
    snoozed = Signal(int)
    dismissed = Signal()

    def __init__(self, snooze_short: int = 10, snooze_long: int = 30,
                 parent: QWidget | None = None) -> None:
        super().__init__(0, parent)  # stays until answered
        self.kind = NudgeKind.BREATHE
        self._snap: Snapshot | None = None
        self._break_minutes = 5  # what a break offer offers (breaks.minutes)
        self._snooze = (snooze_short, snooze_long)
        self.title = QLabel(self.frame)
        self.title.setObjectName("title")
        self.text = QLabel(self.frame)
        self.text.setWordWrap(True)
        self.support = QLabel(self.frame)
        self.support.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
        self.support.setWordWrap(True)
        self.support.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.support.hide()
        self.body.addWidget(self.title)
        self.body.addWidget(self.text)
        self.body.addWidget(self.support)
        row = QHBoxLayout()
        self.accept_button = self.button("", "", True)
        self.accept_button.clicked.connect(self.accepted.emit)
        self.short_button = self.button("", "")
        self.short_button.clicked.connect(lambda: self.snoozed.emit(snooze_short))
        self.long_button = self.button("", "")
        self.long_button.clicked.connect(lambda: self.snoozed.emit(snooze_long))
        self.dismiss_button = self.button("", "")
        self.dismiss_button.clicked.connect(self.dismissed.emit)
        for button in (self.accept_button, self.short_button, self.long_button,
                       self.dismiss_button):
            row.addWidget(button)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Breakwater suggestion"))
        self.accept_button.setText(primary_label(self.kind))
        self.accept_button.setAccessibleName(_("Accept the suggestion"))
        for button, minutes in zip((self.short_button, self.long_button), self._snooze,
                                   strict=True):
            button.setText(_("Snooze {n} min").format(n=minutes))
            button.setAccessibleName(snooze_name(minutes))
        self.dismiss_button.setText(_("Dismiss"))
        self.dismiss_button.setAccessibleName(_("Dismiss the suggestion"))
        if self._snap is not None:
            title, body = nudge_text(self.kind, self._snap, self._break_minutes)
            self.title.setText(title)
            self.text.setText(body)
        if self.isVisible():
            self.adjustSize()

    def show_nudge(self, kind: NudgeKind, snap: Snapshot, break_minutes: int = 5) -> None:
        self.kind = kind
        self._snap = snap
        self._break_minutes = break_minutes
        self.retranslate()
        self.support.setVisible(kind is NudgeKind.BREAK and bool(self.support.text()))
        self.pop()

    def set_support(self, lines: list[str]) -> None:
        """People and services the user keeps for hard moments, shown with break nudges."""
        self.support.setText("\n".join(lines))
