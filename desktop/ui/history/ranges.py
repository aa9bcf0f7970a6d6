"""The History window's range picker: Today, Week, Month, Year, All, or two dates.

It shows which range is chosen and asks for another through ``chosen``; the window
decides what the range means (the service's ``period``) and draws it. Every range button
is a Tab stop with a mnemonic (Alt+T, W, M, Y, A); the dates are ISO in every language.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.core.history import EARLIEST_DAY, RangeKind
from desktop.i18n import _
from desktop.ui.history.text import pydate, qdate

RANGE_ORDER = (RangeKind.TODAY, RangeKind.WEEK, RangeKind.MONTH, RangeKind.YEAR, RangeKind.ALL)


class RangeBar(QWidget):
    # RangeKind, then the first and last day (None but for RangeKind.CUSTOM)
    chosen = Signal(object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        # Not an exclusive QButtonGroup: Qt would take all but one button out of the Tab
        # order. Every range button is a Tab stop; ``show_range`` checks the chosen one.
        self.buttons: dict[RangeKind, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        for kind in RANGE_ORDER:
            button = QPushButton(self)
            button.setCheckable(True)
            button.clicked.connect(
                lambda _checked=False, k=kind: self.chosen.emit(k, None, None))
            self.buttons[kind] = button
            row.addWidget(button)
        row.addSpacing(16)
        self.from_label = QLabel(self)
        self.from_date = QDateEdit(self)
        self.to_label = QLabel(self)
        self.to_date = QDateEdit(self)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")  # the same in every language
        self.from_label.setBuddy(self.from_date)
        self.to_label.setBuddy(self.to_date)
        self.custom_button = QPushButton(self)
        self.custom_button.setCheckable(True)
        self.custom_button.clicked.connect(lambda _checked=False: self.chosen.emit(
            RangeKind.CUSTOM, pydate(self.from_date.date()), pydate(self.to_date.date())))
        for widget in (self.from_label, self.from_date, self.to_label, self.to_date,
                       self.custom_button):
            row.addWidget(widget)
        row.addStretch(1)

    def retranslate(self) -> None:
        self.label.setText(_("Show:"))
        labels = {RangeKind.TODAY: (_("&Today"), _("Show today")),
                  RangeKind.WEEK: (_("&Week"), _("Show the last 7 days")),
                  RangeKind.MONTH: (_("&Month"), _("Show the last 30 days")),
                  RangeKind.YEAR: (_("&Year"), _("Show the last 12 months")),
                  RangeKind.ALL: (_("&All"), _("Show everything recorded"))}
        for kind, button in self.buttons.items():
            text, name = labels[kind]
            button.setText(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.from_label.setText(_("&From"))
        self.to_label.setText(_("T&o"))
        self.from_date.setAccessibleName(_("First day to show"))
        self.to_date.setAccessibleName(_("Last day to show"))
        self.custom_button.setText(_("Show &dates"))
        self.custom_button.setAccessibleName(_("Show the days from the first to the last date"))

    def show_range(self, kind: RangeKind, first: date, last: date, today: date) -> None:
        """Check the button of ``kind`` and put the range's days in the date fields.
        Only days that can hold something can be picked: from 1970 (the file's times
        start there) to today. A year typed as 9999 or 0001 once made every query fail."""
        chosen = self.buttons.get(kind, self.custom_button)
        for button in (*self.buttons.values(), self.custom_button):
            button.setChecked(button is chosen)
        for edit, day in ((self.from_date, first), (self.to_date, last)):
            edit.blockSignals(True)
            edit.setDateRange(qdate(EARLIEST_DAY), qdate(today))
            edit.setDate(qdate(day))
            edit.blockSignals(False)
