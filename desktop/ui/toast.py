"""The toast after each tag: confirms, offers Undo, severity and reason. During a call it
is small: the confirmation and Undo only (severity and reason can wait; nothing in it
ever makes a sound).

It never takes focus from the call software, except when the user asks for it with the
amend hotkey (``take_keyboard``): then digits set how hard it was, letters pick a reason
(each chip shows its letter), Tab reaches a note field, Enter saves, and Esc leaves the tag
as it was."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.core.model import NOTE_MAX_CHARS, Reason
from desktop.core.phrases import GROUP_FOR_REASON
from desktop.core.text import N_
from desktop.i18n import _
from desktop.ui.access_keys import access_letters
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
    # Saved from the keyboard: tag id, then severity, reason value and note, each None
    # when unchanged.
    amended = Signal(int, object, object, object)
    phrases_requested = Signal(str)  # the group of phrases that fits the reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TOAST_MS, parent)
        self.tag_id = 0
        self.kind = "difficult"
        self.compact = False
        self.keyboard = False  # True while the user tags from the keyboard
        self._was: tuple[int | None, str | None, str] = (None, None, "")
        self.letters: dict[Reason, str] = {}
        self.title = QLabel(self.frame)
        self.title.setObjectName("title")
        self.undo_button = self.button("", "")
        self.undo_button.clicked.connect(lambda: self.undo_clicked.emit(self.tag_id))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.undo_button)
        self.body.addLayout(head)

        self.severity_row = QWidget(self.frame)
        row = QHBoxLayout(self.severity_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.severity_label = QLabel(self.severity_row)
        row.addWidget(self.severity_label)
        self.severity_group = QButtonGroup(self)
        self.severity_buttons: dict[int, QPushButton] = {}
        for value in (1, 2, 3):
            chip = self.button(str(value), "")
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
        for reason in REASON_LABELS:
            chip = self.button("", "")
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

        self.note = QLineEdit(self.frame)
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.returnPressed.connect(self.save_keyboard)
        self.note.hide()
        self.body.addWidget(self.note)
        self.keys_hint = QLabel(self.frame)
        self.keys_hint.setWordWrap(True)
        self.keys_hint.hide()
        self.body.addWidget(self.keys_hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Tag recorded"))
        self.title.setText(_("Difficult interaction recorded") if self.kind == "difficult"
                           else _("Ordinary interaction recorded"))
        self.undo_button.setText(_("Undo"))
        self.undo_button.setAccessibleName(_("Undo this tag"))
        self.severity_label.setText(_("How hard?"))
        for value, chip in self.severity_buttons.items():
            chip.setAccessibleName(_("Severity {n} of 3").format(n=value))
        self.letters = {Reason(str(k)): v for k, v in access_letters(
            [(reason.value, _(label)) for reason, label in REASON_LABELS.items()]).items()}
        for reason, chip in self.reason_buttons.items():
            label = _(REASON_LABELS[reason])
            chip.setText(f"{self.letters[reason].upper()} · {label}" if self.keyboard
                         else label)
            chip.setAccessibleName(_("Reason: {reason}").format(reason=label))
        self.retranslate_support()
        self.note.setPlaceholderText(_("A short private note (optional)"))
        self.note.setAccessibleName(_("Note"))
        self.keys_hint.setText(
            _("1–3: how hard · letter: reason · Tab: note · Enter: save · Esc: leave it")
            if self.kind == "difficult" else _("Enter: save · Esc: leave it as it was"))
        if self.isVisible():
            self.adjustSize()

    def show_for(self, tag_id: int, kind: str, severity: int | None,
                 reason: str | None, compact: bool = False) -> None:
        if self.keyboard:
            self._leave_keyboard()
        self._show_tag(tag_id, kind, severity, reason, compact)
        self.pop()

    def _show_tag(self, tag_id: int, kind: str, severity: int | None,
                  reason: str | None, compact: bool = False) -> None:
        self.tag_id = tag_id
        self.kind = kind
        difficult = kind == "difficult"
        self.compact = compact
        self.severity_row.setVisible(difficult and not compact)
        self.reason_row.setVisible(difficult and not compact)
        if difficult and severity in self.severity_buttons:
            self.severity_buttons[severity].setChecked(True)
        self._check_reason(Reason(reason) if reason else None)
        # During a call the toast stays small: the phrases wait for the next tag after it.
        # From the keyboard they are not offered (a popup's buttons take no focus).
        self._show_phrases(reason if difficult and not compact and not self.keyboard
                           else None)
        self.retranslate()

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

    def _check_reason(self, reason: Reason | None) -> None:
        self.reason_group.setExclusive(False)
        for chip in self.reason_buttons.values():
            chip.setChecked(False)
        self.reason_group.setExclusive(True)
        if reason is not None:
            self.reason_buttons[reason].setChecked(True)

    def _severity(self, value: int) -> None:
        if self.keyboard:
            return  # the chip is checked; saved with Enter
        self.severity_chosen.emit(self.tag_id, value)
        self.restart()

    def _reason(self, reason: Reason) -> None:
        if self.keyboard:
            return
        self.reason_chosen.emit(self.tag_id, reason.value)
        self._show_phrases(reason.value)
        self.restart()

    # Tagging from the keyboard --------------------------------------------------
    def take_keyboard(self, tag_id: int, kind: str, severity: int | None,
                      reason: str | None, note: str | None) -> None:
        """Come forward with keyboard focus, because the user pressed the amend hotkey."""
        if self.keyboard:
            self._leave_keyboard()
        self.timer.stop()
        self._was = (severity, reason, note or "")
        self.keyboard = True
        self._show_tag(tag_id, kind, severity, reason)
        self.note.setText(note or "")
        self.note.show()
        self.keys_hint.show()
        # Only now may this popup take focus: the user asked for it.
        self.hide()
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.adjustSize()
        self.show()
        self.raise_()
        self.activateWindow()
        (self if kind == "difficult" else self.note).setFocus()

    def _leave_keyboard(self) -> None:
        self.keyboard = False
        self.hide()
        self.note.hide()
        self.keys_hint.hide()
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retranslate()

    def save_keyboard(self) -> None:
        if not self.keyboard:
            return
        severity = self.severity_group.checkedId()
        checked = next((r for r, chip in self.reason_buttons.items() if chip.isChecked()),
                       None)
        was_severity, was_reason, was_note = self._was
        note = self.note.text().strip()
        difficult = self.kind == "difficult"
        self._leave_keyboard()
        self.amended.emit(
            self.tag_id,
            severity if difficult and severity > 0 and severity != was_severity else None,
            checked.value if difficult and checked and checked.value != was_reason else None,
            note if note != was_note.strip() else None)

    def cancel_keyboard(self) -> None:
        """Esc: nothing changes."""
        if self.keyboard:
            self._leave_keyboard()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.keyboard and self._keyboard_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _keyboard_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancel_keyboard()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save_keyboard()
            return True
        if self.kind != "difficult" or self.note.hasFocus():
            return False
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_3:
            self.severity_buttons[key - Qt.Key.Key_0].setChecked(True)
            return True
        letter = event.text().lower()
        reason = next((r for r, c in self.letters.items() if c and c == letter), None)
        if reason is not None:
            self._check_reason(reason)
            return True
        return False

    def event(self, event: QEvent) -> bool:
        # Focus moved to another window (a click elsewhere): leave the tag as it was,
        # rather than float on top with the keyboard half taken.
        if event.type() == QEvent.Type.WindowDeactivate and self.keyboard and self.isVisible():
            self.cancel_keyboard()
        return super().event(event)

    def restart(self) -> None:
        if not self.keyboard:
            super().restart()
