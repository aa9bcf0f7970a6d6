"""What both journal windows edit with: the text and the optional mood, and the keeper that
saves unsaved words as a draft.

The keeper saves at most ``AUTOSAVE_MS`` after any change, also while typing goes on
without a pause (a debounce alone would wait for a pause that may never come), so a
killed process loses at most the last half second. The windows also flush it when they
close, which the app does for every open window when it quits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.journal import MOOD_LABELS, MOODS
from desktop.i18n import _
from desktop.ui.journal_labels import mood_text

AUTOSAVE_MS = 500
NO_MOOD = 0


class DraftKeeper(QObject):
    """Calls ``write`` (which saves or discards the draft) a moment after a change."""

    def __init__(self, write: Callable[[], None], delay_ms: int = AUTOSAVE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def changed(self) -> None:
        """Something was typed or chosen. The timer is not restarted by later changes:
        that is what bounds the loss while someone types without stopping."""
        self.dirty = True
        if not self.timer.isActive():
            self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if self.dirty:
            self.dirty = False
            self._write()

    def forget(self) -> None:
        """The words were saved another way (as an entry): nothing left to keep."""
        self.timer.stop()
        self.dirty = False


class EntryEditor(QWidget):
    """The text box and the mood choice. Emits ``edited`` on every change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)  # Tab leaves the box; it never types a tab
        self.text.setMinimumHeight(140)
        self.mood_box = QGroupBox(self)
        self.mood_group = QButtonGroup(self)
        row = QHBoxLayout(self.mood_box)
        row.setContentsMargins(8, 4, 8, 4)
        self.mood_buttons: dict[int, QRadioButton] = {}
        for value in (NO_MOOD, *MOODS):
            button = QRadioButton(self.mood_box)
            self.mood_group.addButton(button, value)
            self.mood_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.mood_buttons[NO_MOOD].setChecked(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.mood_box)
        self.text.textChanged.connect(self.edited)
        self.mood_group.idToggled.connect(
            lambda _id, checked: self.edited.emit() if checked else None)
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setAccessibleName(_("Your entry"))
        self.text.setPlaceholderText(_("Write as much or as little as you like. "
                                       "Only you can read it."))
        self.mood_box.setTitle(_("How do you feel now? (optional)"))
        self.mood_box.setAccessibleName(_("Mood, optional"))
        self.mood_buttons[NO_MOOD].setText(_("Rather not say"))
        self.mood_buttons[NO_MOOD].setAccessibleName(_("No mood"))
        for value in MOODS:
            self.mood_buttons[value].setText(mood_text(value))
            self.mood_buttons[value].setAccessibleName(
                _("Mood {n} of 5: {label}").format(n=value, label=_(MOOD_LABELS[value])))

    def value(self) -> tuple[str, int | None]:
        mood = self.mood_group.checkedId()
        return self.text.toPlainText(), (mood if mood in MOODS else None)

    def set_value(self, text: str, mood: int | None) -> None:
        self.text.setPlainText(text)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)
        self.mood_buttons[mood if mood in MOODS else NO_MOOD].setChecked(True)

    def focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
