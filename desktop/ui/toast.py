"""The toast after each tag: confirms, offers Undo, severity and reason. During a call it
is small: the confirmation and Undo only (severity and reason can wait; nothing in it
ever makes a sound)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.model import Reason
from desktop.core.phrases import GROUP_FOR_REASON
from desktop.core.text import N_
from desktop.i18n import _
from desktop.ui.popup import Popup

TOAST_MS = 4000
REASON_LABELS = {
    Reason.ABUSIVE: N_("Abusive or hostile"),
    Reason.DISTRESSED: N_("Distressed customer"),
    Reason.BOUNDARY: N_("Oversharing / boundary pushed"),
    Reason.UNRESOLVED: N_("Unresolved / escalated"),
    Reason.OTHER: N_("Other"),
}


class Toast(Popup):
    undo_clicked = Signal(int)
    severity_chosen = Signal(int, int)
    reason_chosen = Signal(int, str)
    phrases_requested = Signal(str)  # the group of phrases that fits the reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TOAST_MS, parent)
        self.setAccessibleName(_("Tag recorded"))
        self.tag_id = 0
        self.compact = False
        self.title = QLabel(self.frame)
        self.title.setObjectName("title")
        self.undo_button = self.button(_("Undo"), _("Undo this tag"))
        self.undo_button.clicked.connect(lambda: self.undo_clicked.emit(self.tag_id))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.undo_button)
        self.body.addLayout(head)

        self.severity_row = QWidget(self.frame)
        row = QHBoxLayout(self.severity_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("How hard?"), self.severity_row))
        self.severity_group = QButtonGroup(self)
        self.severity_buttons: dict[int, QPushButton] = {}
        for value in (1, 2, 3):
            chip = self.button(str(value), _("Severity {n} of 3").format(n=value))
            chip.setCheckable(True)
            chip.clicked.connect(lambda _c=False, v=value: self._severity(v))
            self.severity_group.addButton(chip, value)
            self.severity_buttons[value] = chip
            row.addWidget(chip)
        row.addStretch(1)
        self.body.addWidget(self.severity_row)

        self.reason_row = QWidget(self.frame)
        reasons = QHBoxLayout(self.reason_row)
        reasons.setContentsMargins(0, 0, 0, 0)
        self.reason_group = QButtonGroup(self)
        self.reason_buttons: dict[Reason, QPushButton] = {}
        for reason, label in REASON_LABELS.items():
            chip = self.button(_(label), _("Reason: {reason}").format(reason=_(label)))
            chip.setCheckable(True)
            chip.clicked.connect(lambda _c=False, r=reason: self._reason(r))
            self.reason_group.addButton(chip)
            self.reason_buttons[reason] = chip
            reasons.addWidget(chip)
        self.body.addWidget(self.reason_row)

        # After an abusive call or a pushed boundary, words for the next one are a click
        # away. Like every popup button it never takes focus.
        self.reason: str | None = None
        self.phrases_button = self.button("", "")
        self.phrases_button.setObjectName("link")
        self.phrases_button.clicked.connect(self._phrases)
        self.body.addWidget(self.phrases_button)
        self.retranslate_support()

    def show_for(self, tag_id: int, kind: str, severity: int | None,
                 reason: str | None, compact: bool = False) -> None:
        self.tag_id = tag_id
        difficult = kind == "difficult"
        self.title.setText(_("Difficult interaction recorded") if difficult
                           else _("Ordinary interaction recorded"))
        self.compact = compact
        self.severity_row.setVisible(difficult and not compact)
        self.reason_row.setVisible(difficult and not compact)
        if difficult and severity in self.severity_buttons:
            self.severity_buttons[severity].setChecked(True)
        self.reason_group.setExclusive(False)
        for chip in self.reason_buttons.values():
            chip.setChecked(False)
        self.reason_group.setExclusive(True)
        if reason:
            self.reason_buttons[Reason(reason)].setChecked(True)
        # During a call the toast stays small: the phrases wait for the next tag after it.
        self._show_phrases(reason if difficult and not compact else None)
        self.pop()

    def retranslate_support(self) -> None:
        self.phrases_button.setText(_("Phrases for moments like this…"))
        self.phrases_button.setAccessibleName(_("Open the phrases for hard moments"))

    def _show_phrases(self, reason: str | None) -> None:
        self.reason = reason
        self.phrases_button.setVisible(reason in GROUP_FOR_REASON)
        self.adjustSize()

    def _phrases(self) -> None:
        if self.reason in GROUP_FOR_REASON:
            self.hide()
            self.phrases_requested.emit(GROUP_FOR_REASON[self.reason])

    def _severity(self, value: int) -> None:
        self.severity_chosen.emit(self.tag_id, value)
        self.restart()

    def _reason(self, reason: Reason) -> None:
        self.reason_chosen.emit(self.tag_id, reason.value)
        self._show_phrases(reason.value)
        self.restart()
