"""People to reach: a small window to keep the list (name, how to reach them, a note).

Shows state and emits intent; ``desktop/ui/contacts_open.py`` does the writing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.contacts import (
    NAME_MAX_CHARS,
    NOTE_MAX_CHARS,
    REACH_MAX_CHARS,
    clean,
    problem,
)
from desktop.i18n import _
from desktop.service.contacts import INVITATION, line
from desktop.store.contacts import Contact
from desktop.ui.app_window import closed_by_escape, dress, present_centred
from desktop.ui.style import TEAL, window_style

STYLE = window_style("5px 12px", f"""
QListWidget::item {{ padding: 5px 4px; }}
QListWidget::item:selected {{ background: {TEAL}; color: white; }}
""")


class ContactsWindow(QWidget):
    save_requested = Signal(object, str, str, str)  # contact id or None (new), name, reach, note
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.people: list[Contact] = []
        dress(self, STYLE)
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.invitation = QLabel(self)
        self.invitation.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.title)
        layout.addWidget(self.invitation)
        layout.addWidget(self.list, 1)

        form = QFormLayout()
        self.name = QLineEdit(self)
        self.reach = QLineEdit(self)
        self.note = QLineEdit(self)
        self.name_label = QLabel(self)
        self.reach_label = QLabel(self)
        self.note_label = QLabel(self)
        for label, field, most in ((self.name_label, self.name, NAME_MAX_CHARS),
                                   (self.reach_label, self.reach, REACH_MAX_CHARS),
                                   (self.note_label, self.note, NOTE_MAX_CHARS)):
            field.setMaxLength(most)
            label.setBuddy(field)
            form.addRow(label, field)
            field.returnPressed.connect(self.save)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("quiet")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        for button in (self.new_button, self.save_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retranslate()
        self.resize(520, 460)

    def retranslate(self) -> None:
        self.setWindowTitle(_("People to reach — Breakwater"))
        self.setAccessibleName(_("People to reach"))
        self.title.setText(_("People to reach"))
        self.invitation.setText(_(INVITATION) if not self.people else _(
            "They appear on the card when load is high, and in the tray menu."))
        self.list.setAccessibleName(_("Your people to reach"))
        self.name_label.setText(_("&Name"))
        self.reach_label.setText(_("How to &reach"))
        self.note_label.setText(_("N&ote"))
        self.name.setPlaceholderText(_("e.g. Ana"))
        self.reach.setPlaceholderText(_("phone, extension, chat handle or link"))
        self.note.setPlaceholderText(_("e.g. team lead"))
        self.name.setAccessibleName(_("Name"))
        self.reach.setAccessibleName(_("How to reach them"))
        self.note.setAccessibleName(_("Note"))
        self.new_button.setText(_("Ne&w"))
        self.new_button.setAccessibleName(_("Start a new person"))
        self.save_button.setText(_("&Save"))
        self.save_button.setAccessibleName(_("Save this person"))
        self.remove_button.setText(_("Re&move"))
        self.remove_button.setAccessibleName(_("Remove this person"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close the window"))

    def show_people(self, people: Sequence[Contact], select: int | None = None) -> None:
        self.people = list(people)
        self.list.blockSignals(True)
        self.list.clear()
        for person in self.people:
            item = QListWidgetItem(line(person))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [p.id for p in self.people]
        self.list.setCurrentRow(ids.index(select) if select in ids else -1)
        self._selected(self.list.currentRow())
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        self.retranslate()

    def selected(self) -> Contact | None:
        row = self.list.currentRow()
        return self.people[row] if 0 <= row < len(self.people) else None

    def _selected(self, row: int) -> None:
        person = self.selected()
        self.name.setText(person.name if person else "")
        self.reach.setText(person.reach if person else "")
        self.note.setText(person.note if person else "")
        self.remove_button.setEnabled(person is not None)

    def new(self) -> None:
        self.list.setCurrentRow(-1)
        self._selected(-1)
        self.name.setFocus()

    def save(self) -> None:
        found = problem(*clean(self.name.text(), self.reach.text(), self.note.text()))
        if found is not None:
            self.say(found.render(_))
            self.name.setFocus()
            return
        person = self.selected()
        self.save_requested.emit(person.id if person else None, self.name.text(),
                                 self.reach.text(), self.note.text())

    def remove(self) -> None:
        person = self.selected()
        if person is not None:
            self.remove_requested.emit(person.id)

    def say(self, text: str) -> None:
        self.status.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not closed_by_escape(self, event):
            super().keyPressEvent(event)

    def present(self, activate: bool) -> None:
        present_centred(self, activate)
        if activate:
            (self.list if self.people else self.name).setFocus()
