"""The parts the journal list is built from: its search box, the list of entries in two-line
rows, the right-hand pane (one entry to read, the same entry being edited, or nothing to show) and
the bar that offers Undo after a delete or a cancelled edit.

They hold widgets and their words only; what they do to entries is in
desktop/ui/journal_list.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.journal import Entry
from desktop.i18n import _
from desktop.ui.journal_editor import EntryEditor
from desktop.ui.plain import plain_label


class SearchBox(QLineEdit):
    """Down (or Enter) moves from the search box into the results."""

    into_list = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.into_list.emit()
            return
        super().keyPressEvent(event)


class EntryRows(QStyledItemDelegate):
    """Each entry's two lines with room to spare: Qt sized a row for the list's own font
    and drew it with a fallback font for another script (Chinese beside Latin), taller by
    a pixel or two, and then cut the second line off with "…"."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + option.fontMetrics.height() // 2)


class EntryList(QListWidget):
    """The entries shown (``shown``, newest first), one row each."""

    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: list[Entry] = []
        # Two lines an entry: when and how, then its start cut to the width ("…"). With
        # word wrap, Qt measured an item at one width and drew it at another: in Chinese
        # a two-line preview came out as "Today 08:59…" and nothing else.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(EntryRows(self))
        self.setSpacing(3)

    def fill(self, entries: list[Entry], select: int | None,
             row_text: Callable[[Entry], str]) -> None:
        """Show ``entries``, the one with id ``select`` (else the first) current, without
        signalling the change."""
        self.blockSignals(True)
        self.clear()
        self.shown = entries
        row_to_select = 0
        for row, entry in enumerate(entries):
            item = QListWidgetItem(self)
            item.setData(self.ID_ROLE, entry.id)
            item.setText(row_text(entry))
            if entry.id == select:
                row_to_select = row
        if entries:
            self.setCurrentRow(row_to_select)
        self.blockSignals(False)

    def rewrite(self, row_text: Callable[[Entry], str]) -> None:
        for row, entry in enumerate(self.shown):
            item = self.item(row)
            if item is not None:
                item.setText(row_text(entry))

    def current_entry(self) -> Entry | None:
        row = self.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def select(self, entry_id: int) -> None:
        for row, entry in enumerate(self.shown):
            if entry.id == entry_id:
                self.setCurrentRow(row)
                return

    def enter(self) -> None:
        """Take the focus from the search box, with a row current."""
        if self.count():
            self.setFocus(Qt.FocusReason.TabFocusReason)
            if self.currentRow() < 0:
                self.setCurrentRow(0)


class ListPane(QWidget):
    """The left-hand side: the search box, how many entries it found, the entries and the
    button that shows older ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox(self)
        self.search.setClearButtonEnabled(True)
        self.count_label = plain_label(self)  # it quotes the search
        self.count_label.setObjectName("quiet")
        self.count_label.setWordWrap(True)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list = EntryList(self)
        self.search.into_list.connect(self.list.enter)
        self.more_button = QPushButton(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more_button)


class EntryPane(QStackedWidget):
    """The right-hand side: ``view_page`` (the entry in full, Edit and Delete),
    ``edit_page`` (the editor, Cancel and Save) or ``empty_page`` (why nothing shows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_page = QWidget(self)
        self.meta = plain_label(self.view_page)
        self.meta.setObjectName("quiet")
        self.meta.setWordWrap(True)
        self.reader = QPlainTextEdit(self.view_page)
        self.reader.setReadOnly(True)
        self.reader.setTabChangesFocus(True)
        self.edit_button = QPushButton(self.view_page)
        self.delete_button = QPushButton(self.view_page)
        view_buttons = QHBoxLayout()
        view_buttons.addStretch(1)
        view_buttons.addWidget(self.edit_button)
        view_buttons.addWidget(self.delete_button)
        self.busy_note = plain_label(self.view_page)
        self.busy_note.setObjectName("problem")
        self.busy_note.setWordWrap(True)
        self.busy_note.hide()
        view_layout = QVBoxLayout(self.view_page)
        view_layout.setContentsMargins(0, 0, 0, 0)
        view_layout.addWidget(self.meta)
        view_layout.addWidget(self.reader, 1)
        view_layout.addWidget(self.busy_note)
        view_layout.addLayout(view_buttons)
        self.addWidget(self.view_page)

        self.edit_page = QWidget(self)
        self.edit_note = plain_label(self.edit_page)
        self.edit_note.setObjectName("quiet")
        self.edit_note.setWordWrap(True)
        self.editor = EntryEditor(self.edit_page)
        self.edit_status = plain_label(self.edit_page)
        self.edit_status.setWordWrap(True)
        self.cancel_button = QPushButton(self.edit_page)
        self.save_button = QPushButton(self.edit_page)
        self.save_button.setObjectName("primary")
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.edit_status, 1)
        edit_buttons.addWidget(self.cancel_button)
        edit_buttons.addWidget(self.save_button)
        edit_layout = QVBoxLayout(self.edit_page)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        edit_layout.addWidget(self.edit_note)
        edit_layout.addWidget(self.editor, 1)
        edit_layout.addLayout(edit_buttons)
        self.addWidget(self.edit_page)

        self.empty_page = plain_label(self)  # it quotes the search
        self.empty_page.setObjectName("quiet")
        self.empty_page.setWordWrap(True)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.empty_page)

    def retranslate(self) -> None:
        self.reader.setAccessibleName(_("Entry text"))
        self.edit_button.setText(_("&Edit (Ctrl+E)"))
        self.edit_button.setAccessibleName(_("Edit this entry"))
        self.delete_button.setText(_("&Delete (Del)"))
        self.delete_button.setAccessibleName(_("Delete this entry"))
        self.editor.retranslate()
        self.cancel_button.setText(_("&Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel the changes"))
        self.save_button.setText(_("Save (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save the changes"))
        self._busy_text()

    def _busy_text(self) -> None:
        if self.busy_note.isVisibleTo(self):
            self.busy_note.setText(_("An entry is being edited in another Breakwater window; "
                                     "finish or close it there first."))

    def show_busy(self, busy: bool) -> None:
        """Say (or stop saying) that another window holds the edits."""
        self.busy_note.setVisible(busy)
        self._busy_text()

    def edit_texts(self, when: str, restored: bool, problem: str, kept_at: str) -> None:
        """Which entry is being edited, and what became of the changes (or why they
        cannot be saved)."""
        note = _("Editing the entry of {when}.").format(when=when)
        if restored:
            note += " " + _("Your unsaved changes are back.")
        self.edit_note.setText(note)
        if problem:
            self.edit_status.setText(problem)
        elif kept_at:
            self.edit_status.setText(_("Draft kept at {time}.").format(time=kept_at))
        else:
            self.edit_status.setText("")

    def show_entry(self, about: str, text: str) -> None:
        self.meta.setText(about)
        self.reader.setPlainText(text)
        self.setCurrentWidget(self.view_page)


class UndoBar(QFrame):
    """"Entry deleted." or "Changes discarded." with Undo; it holds what Undo brings back:
    ``("deleted", (Entry, its unsaved changes or None))`` or ``("edit", Draft)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = plain_label(self)
        self.button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.offered: tuple[str, Any] | None = None
        self.hide()

    def offer(self, kind: str, what: Any) -> None:
        self.offered = (kind, what)
        self.retranslate()
        self.show()

    def take(self) -> tuple[str, Any] | None:
        """What Undo brings back (once); the bar goes."""
        offered, self.offered = self.offered, None
        self.hide()
        return offered

    def retranslate(self) -> None:
        self.button.setText(_("&Undo"))
        if self.offered is None:
            return
        deleted = self.offered[0] == "deleted"
        self.text.setText(_("Entry deleted.") if deleted else _("Changes discarded."))
        self.button.setAccessibleName(_("Bring the deleted entry back") if deleted
                                      else _("Bring the discarded changes back"))
