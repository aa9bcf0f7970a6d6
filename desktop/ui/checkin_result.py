"""The check-in's result page: this week's score in words, beside the eight weeks before
as bars, pointing to people to reach when the answers are high. It reflects, it never
diagnoses (``service/checkin_text``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checkin import Trend, monday_of, shown
from desktop.i18n import _, language
from desktop.service.checkin_text import not_a_diagnosis, notes, score_sentence
from desktop.ui.style import TEAL


def week_label(week: str) -> str:
    """"Week of 17 Nov", in the language in use."""
    monday: dt.date = monday_of(week)
    # Translators: a Qt date format for a day and a short month, e.g. "d MMM" (17 Nov).
    date = QLocale(language()).toString(QDate(monday.year, monday.month, monday.day),
                                        _("d MMM"))
    return _("Week of {date}").format(date=date)


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
