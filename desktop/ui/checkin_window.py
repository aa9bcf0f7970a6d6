"""The weekly check-in window: six questions on one page, then this week beside the last
eight.

Keys: 1–5 answer the current question and move to the next (1 = to a very low degree or
never, 5 = to a very high degree or always); - leaves it unanswered; Up/Down or Tab move;
Enter saves (on a button, Enter presses that button); Esc closes. Every control has an
accessible name. The window shows state and emits intent: ``submitted(answers)``; the
opener stores them and calls ``show_result``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checkin import ITEMS, SCALE_WORDS, Item, Trend
from desktop.i18n import _, ngettext
from desktop.ui.app_window import dress, present_centred
from desktop.ui.checkin_result import ResultPage
from desktop.ui.one_press import OnePress
from desktop.ui.style import INK, LINE, TEAL, window_style

STYLE = window_style("5px 12px", f"""
QLabel#score {{ font-size: 28pt; font-weight: 600; color: {TEAL}; }}
QFrame#item {{ border: 1px solid transparent; border-radius: 8px; }}
QFrame#item[current="true"] {{ border: 1px solid {TEAL}; background: #eef5f5; }}
QFrame#support {{ border: 1px solid {LINE}; border-radius: 8px; background: #ffffff; }}
QRadioButton {{ color: {INK}; }}
""")


class ItemRow(QFrame):
    """One question and its five answers (radio buttons, one exclusive group)."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item")
        self.item = item
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(14)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for index in range(len(SCALE_WORDS[item.scale])):
            button = QRadioButton(self)
            self.group.addButton(button, index)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.question.setText(f"{self.item.number}. {_(self.item.text)}")
        for index, button in enumerate(self.buttons):
            word = _(SCALE_WORDS[self.item.scale][index])
            button.setText(f"{index + 1} · {word}")
            button.setAccessibleName(word)
        self.setAccessibleName(_(self.item.text))

    def answer(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_answer(self, answer: int | None) -> None:
        if answer is None:
            self.group.setExclusive(False)  # an exclusive group cannot uncheck its button
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[answer].setChecked(True)

    def focus(self) -> None:
        answer = self.answer()
        self.buttons[answer if answer is not None else 0].setFocus()

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)


class CheckinWindow(QWidget):
    submitted = Signal(object)  # tuple of six answers (0–4 or None)
    open_contacts = Signal()

    def __init__(self, already_this_week: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._one_press = OnePress()
        self.already = already_this_week
        dress(self, STYLE)
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)

        self.questions = QWidget(self)
        layout = QVBoxLayout(self.questions)
        self.title = QLabel(self.questions)
        self.title.setObjectName("title")
        self.intro = QLabel(self.questions)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("quiet")
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        self.items = [ItemRow(item, self.questions) for item in ITEMS]
        for row in self.items:
            layout.addWidget(row)
            for button in row.buttons:
                button.toggled.connect(self._update_status)
                # Radio buttons take Up/Down to move between their own answers; here Up
                # and Down move between questions, Left/Right between answers.
                button.installEventFilter(self)
        self.status = QLabel(self.questions)
        self.status.setObjectName("quiet")
        layout.addWidget(self.status)
        bottom = QHBoxLayout()
        self.cancel_button = QPushButton(self.questions)
        self.cancel_button.clicked.connect(self.close)
        self.save_button = QPushButton(self.questions)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        self.stack.addWidget(self.questions)

        self.result = ResultPage(self)
        self.result.done.connect(self.close)
        self.result.open_contacts.connect(self.open_contacts.emit)
        self.stack.addWidget(self.result)

        QGuiApplication.instance().focusChanged.connect(self._focus_moved)  # type: ignore[union-attr]
        self.retranslate()
        self.resize(820, 640)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Weekly check-in — Breakwater"))
        self.setAccessibleName(_("Weekly check-in"))
        self.title.setText(_("Weekly check-in"))
        intro = _("Six questions about your work with customers. Answer each with one key, "
                  "1 to 5, or press - to leave one out; Enter saves.")
        if self.already:
            intro += " " + _("You already checked in this week; if you answer again, the "
                             "new answers count for this week.")
        self.intro.setText(intro)
        for row in self.items:
            row.retranslate()
        self.cancel_button.setText(_("Close (Esc)"))
        self.cancel_button.setAccessibleName(_("Close without saving"))
        self.save_button.setText(_("Save (Enter)"))
        self.save_button.setAccessibleName(_("Save your answers"))
        self._update_status()
        self.result.retranslate()

    # Answers ----------------------------------------------------------------------
    def answers(self) -> tuple[int | None, ...]:
        return tuple(row.answer() for row in self.items)

    def current(self) -> int:
        """The question the keyboard is on (the first unanswered one when none is)."""
        focused = QGuiApplication.focusObject()
        for index, row in enumerate(self.items):
            if isinstance(focused, QWidget) and row.isAncestorOf(focused):
                return index
        answers = self.answers()
        return next((i for i, a in enumerate(answers) if a is None), len(self.items) - 1)

    def answer_current(self, answer: int | None) -> None:
        index = self.current()
        self.items[index].set_answer(answer)
        if index + 1 < len(self.items):
            self.items[index + 1].focus()
        else:
            self.save_button.setFocus()

    def _update_status(self) -> None:
        done = sum(a is not None for a in self.answers())
        self.status.setText(ngettext("{done} of {total} answered", "{done} of {total} answered",
                                     done).format(done=done, total=len(self.items)))

    def _focus_moved(self, _old: object, new: object) -> None:
        for row in self.items:
            row.set_current(isinstance(new, QWidget) and row.isAncestorOf(new))

    def save(self) -> None:
        answers = self.answers()
        if all(a is None for a in answers):
            self.status.setText(_("Answer at least one question, or press Esc to close."))
            return
        self.submitted.emit(answers)

    def show_result(self, trend: Trend, people: Sequence[str]) -> None:
        self.result.show_trend(trend, people)
        self.stack.setCurrentWidget(self.result)
        self.result.close_button.setFocus()

    # Keys -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            return self._handle_key(event.key(), event.text(), event.modifiers())
        return False

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._one_press.released(event)
        super().keyReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # One press, one answer: a held "3" would answer every question that follows
        # (each answer moves to the next). Up and Down may repeat: they only move.
        if self._one_press.is_repeat(event):
            event.accept()
            return
        if self._handle_key(event.key(), event.text(), event.modifiers()):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _handle_key(self, key: int, text: str, modifiers: Qt.KeyboardModifier) -> bool:
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        on_questions = self.stack.currentWidget() is self.questions
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()  # Enter on "Close" closes; on "People to reach…" opens it
            elif on_questions:
                self.save()
            else:
                self.close()
            return True
        plain = modifiers in (Qt.KeyboardModifier.NoModifier,
                              Qt.KeyboardModifier.KeypadModifier)
        if not on_questions or not plain:
            return False
        if text in ("1", "2", "3", "4", "5"):
            self.answer_current(int(text) - 1)
            return True
        if text == "-" or key == Qt.Key.Key_Delete:
            self.answer_current(None)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            target = self.current() + step
            if 0 <= target < len(self.items):
                self.items[target].focus()
            return True
        return False

    def present(self, activate: bool) -> None:
        present_centred(self, activate)
        if activate:
            self.items[0].focus()
