"""The weekly check-in window: six questions on one page, then this week beside the last
eight.

Keys: 1–5 answer the current question and move to the next (1 = to a very low degree or
never, 5 = to a very high degree or always); - leaves it unanswered; Up/Down or Tab move;
Enter saves (on a button, Enter presses that button); Esc closes. Every control has an
accessible name. The window shows state and emits intent: ``submitted(answers)``; the
opener stores them and calls ``show_result``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checkin import ITEMS, SCALE_WORDS, Item, Trend, monday_of, shown
from desktop.i18n import _, language, ngettext
from desktop.service.checkin_text import not_a_diagnosis, notes, score_sentence
from desktop.ui.style import INK, LINE, PAPER, TEAL, buttons

STYLE = buttons("5px 12px") + f"""
QLabel {{ color: {INK}; }}
QLabel#title {{ font-size: 13pt; font-weight: 600; }}
QLabel#score {{ font-size: 28pt; font-weight: 600; color: {TEAL}; }}
QLabel#quiet {{ color: #5b6770; }}
QFrame#item {{ border: 1px solid transparent; border-radius: 8px; }}
QFrame#item[current="true"] {{ border: 1px solid {TEAL}; background: #eef5f5; }}
QFrame#support {{ border: 1px solid {LINE}; border-radius: 8px; background: #ffffff; }}
QRadioButton {{ color: {INK}; }}
QPushButton:focus {{ border: 2px solid {INK}; }}
"""


def week_label(week: str) -> str:
    """"Week of 17 Nov", in the language in use."""
    monday: dt.date = monday_of(week)
    # Translators: a Qt date format for a day and a short month, e.g. "d MMM" (17 Nov).
    date = QLocale(language()).toString(QDate(monday.year, monday.month, monday.day),
                                        _("d MMM"))
    return _("Week of {date}").format(date=date)


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


class Bar(QWidget):
    """A score from 0 to 100 as a bar; nothing for a week without a score."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value: float | None = None
        self.strong = False
        self.setMinimumSize(160, 14)

    def set_value(self, value: float | None, strong: bool = False) -> None:
        self.value, self.strong = value, strong
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(0, 2, 0, -2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e7e4dc"))
        painter.drawRoundedRect(rect, 4, 4)
        if self.value is not None:
            filled = rect.adjusted(0, 0, -int(rect.width() * (1 - self.value / 100)), 0)
            painter.setBrush(QColor(TEAL if self.strong else "#8fbcc0"))
            painter.drawRoundedRect(filled, 4, 4)
        painter.end()


class ResultPage(QWidget):
    open_contacts = Signal()
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend: Trend | None = None
        self.people: list[str] = []
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        layout.addWidget(self.title)
        head = QHBoxLayout()
        self.score = QLabel(self)
        self.score.setObjectName("score")
        self.out_of = QLabel(self)
        self.out_of.setObjectName("quiet")
        head.addWidget(self.score)
        head.addWidget(self.out_of, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        layout.addLayout(head)
        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sentence)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

        self.weeks_title = QLabel(self)
        self.weeks_title.setObjectName("title")
        layout.addSpacing(6)
        layout.addWidget(self.weeks_title)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(3)
        self.rows: list[tuple[QLabel, Bar, QLabel]] = []
        for row in range(9):
            cells = (QLabel(self), Bar(self), QLabel(self))
            for column, cell in enumerate(cells):
                self.grid.addWidget(cell, row, column)
            self.rows.append(cells)
        self.grid.setColumnStretch(1, 1)
        layout.addLayout(self.grid)

        self.support = QFrame(self)
        self.support.setObjectName("support")
        support_layout = QVBoxLayout(self.support)
        self.support_text = QLabel(self.support)
        self.support_text.setTextFormat(Qt.TextFormat.PlainText)  # names as typed
        self.support_text.setWordWrap(True)
        self.support_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts_button = QPushButton(self.support)
        self.contacts_button.clicked.connect(self.open_contacts.emit)
        support_layout.addWidget(self.support_text)
        support_layout.addWidget(self.contacts_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.support)
        self.support.hide()

        layout.addStretch(1)
        self.footnote = QLabel(self)
        self.footnote.setObjectName("quiet")
        self.footnote.setWordWrap(True)
        layout.addWidget(self.footnote)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("primary")
        self.close_button.clicked.connect(self.done.emit)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    def show_trend(self, trend: Trend, people: Sequence[str]) -> None:
        self.trend, self.people = trend, list(people)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("This week's check-in"))
        self.out_of.setText(_("out of 100"))
        self.weeks_title.setText(_("This week and the eight before"))
        self.contacts_button.setText(_("People to reach…"))
        self.contacts_button.setAccessibleName(_("Open your list of people to reach"))
        self.close_button.setText(_("Close (Esc)"))
        self.close_button.setAccessibleName(_("Close the check-in"))
        self.footnote.setText(not_a_diagnosis())
        trend = self.trend
        if trend is None:
            return
        self.score.setText("–" if trend.score is None else str(shown(trend.score)))
        self.score.setAccessibleName(_("Score"))
        self.sentence.setText(score_sentence(trend))
        extra = notes(trend)
        self.notes.setText("\n".join(extra))
        self.notes.setVisible(bool(extra))
        weeks = [(trend.week, trend.score), *trend.earlier]
        for (label, bar, value), (week, score) in zip(self.rows, weeks, strict=True):
            label.setText(_("This week") if week == trend.week else week_label(week))
            bar.set_value(score, strong=week == trend.week)
            if score is not None:
                value.setText(str(shown(score)))
            elif week == trend.week:
                value.setText(_("no score"))
            else:
                value.setText(_("no check-in"))
            bar.setAccessibleName(f"{label.text()}: {value.text()}")
        self.support.setVisible(trend.point_to_support)
        if self.people:
            self.support_text.setText("\n".join([_("People you can reach:"), *self.people]))
        else:
            self.support_text.setText(_(
                "Talking helps. You could add your team lead, a peer, or your employee "
                "assistance programme to your list of people to reach."))


class CheckinWindow(QWidget):
    submitted = Signal(object)  # tuple of six answers (0–4 or None)
    open_contacts = Signal()

    def __init__(self, already_this_week: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.already = already_this_week
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setStyleSheet(STYLE)
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

    def keyPressEvent(self, event: QKeyEvent) -> None:
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
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.move(screen.center() - self.rect().center())
        if not activate:
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.show()
        if activate:
            self.raise_()
            self.activateWindow()
            self.items[0].focus()
