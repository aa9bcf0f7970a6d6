"""The journal list: every entry, newest first, found again by typing a word.

The search box filters as you type (full-text, accents and case ignored, Chinese found
inside a sentence). The selected entry shows in full on the right with Edit and Delete.
A delete takes effect at once and can be undone from the bar that appears; an edit keeps
its unsaved words as a draft, like a new entry, until saved or cancelled.
Keyboard: the search box has focus on open; Down moves into the list; Ctrl+E edits,
Delete deletes, Ctrl+Enter saves an edit, Esc closes (keeping any edit as a draft).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.journal import Draft, Entry, text_problem
from desktop.i18n import _
from desktop.service.journal import Journal
from desktop.store.errors import StoreError
from desktop.ui.app_window import dress, present_raised
from desktop.ui.journal_claim import Busy, Claim
from desktop.ui.journal_editor import AUTOSAVE_MS, DraftKeeper, EntryEditor
from desktop.ui.journal_labels import (
    about_text,
    count_text,
    nothing_text,
    preview_text,
    when_text,
)
from desktop.ui.journal_window import STYLE, clock_text

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole


class _SearchBox(QLineEdit):
    """Down (or Enter) moves from the search box into the results."""

    into_list = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.into_list.emit()
            return
        super().keyPressEvent(event)


class _EntryRows(QStyledItemDelegate):
    """Each entry's two lines with room to spare: Qt sized a row for the list's own font
    and drew it with a fallback font for another script (Chinese beside Latin), taller by
    a pixel or two, and then cut the second line off with "…"."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + option.fontMetrics.height() // 2)


class JournalListWindow(QWidget):
    def __init__(self, journal: Journal, *, on_error: Callable[[str], None] | None = None,
                 on_changed: Callable[[], None] | None = None,
                 autosave_ms: int = AUTOSAVE_MS,
                 claim_edits: Callable[[], Claim] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.journal = journal
        # Taken when an edit starts, let go when it ends: edits are made in one window at
        # a time (desktop/ui/journal_claim.py). Raises Busy when another window has it.
        self._claim_edits = claim_edits
        self._edit_claim: Claim | None = None
        self._on_error = on_error
        self._on_changed = on_changed or (lambda: None)
        self.shown: list[Entry] = []
        self.total = 0
        self.editing: Entry | None = None
        self._edit_started: float | None = None
        self._edit_restored = False
        # ("deleted", (Entry, its unsaved changes or None)) | ("edit", Draft)
        self._undo: tuple[str, Any] | None = None
        self._problem = ""
        self._kept_at = ""
        self._edited: set[int] = set()  # entries with unsaved changes in a draft

        dress(self, STYLE)

        self.search = _SearchBox(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.search.into_list.connect(self._into_list)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("quiet")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.list = QListWidget(self)
        # Two lines an entry: when and how, then its start cut to the width ("…"). With
        # word wrap, Qt measured an item at one width and drew it at another: in Chinese
        # a two-line preview came out as "Today 08:59…" and nothing else.
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setItemDelegate(_EntryRows(self.list))
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.more_button = QPushButton(self)
        self.more_button.clicked.connect(self.show_more)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.more_button)

        self.detail = QStackedWidget(self)
        self.view_page = QWidget(self.detail)
        self.meta = QLabel(self.view_page)
        self.meta.setObjectName("quiet")
        self.meta.setWordWrap(True)
        self.reader = QPlainTextEdit(self.view_page)
        self.reader.setReadOnly(True)
        self.reader.setTabChangesFocus(True)
        self.edit_button = QPushButton(self.view_page)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self.view_page)
        self.delete_button.clicked.connect(self.delete)
        view_buttons = QHBoxLayout()
        view_buttons.addStretch(1)
        view_buttons.addWidget(self.edit_button)
        view_buttons.addWidget(self.delete_button)
        self.busy_note = QLabel(self.view_page)
        self.busy_note.setObjectName("problem")
        self.busy_note.setWordWrap(True)
        self.busy_note.hide()
        view_layout = QVBoxLayout(self.view_page)
        view_layout.setContentsMargins(0, 0, 0, 0)
        view_layout.addWidget(self.meta)
        view_layout.addWidget(self.reader, 1)
        view_layout.addWidget(self.busy_note)
        view_layout.addLayout(view_buttons)
        self.detail.addWidget(self.view_page)

        self.edit_page = QWidget(self.detail)
        self.edit_note = QLabel(self.edit_page)
        self.edit_note.setObjectName("quiet")
        self.edit_note.setWordWrap(True)
        self.editor = EntryEditor(self.edit_page)
        self.edit_status = QLabel(self.edit_page)
        self.edit_status.setWordWrap(True)
        self.cancel_button = QPushButton(self.edit_page)
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.save_button = QPushButton(self.edit_page)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save_edit)
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.edit_status, 1)
        edit_buttons.addWidget(self.cancel_button)
        edit_buttons.addWidget(self.save_button)
        edit_layout = QVBoxLayout(self.edit_page)
        edit_layout.setContentsMargins(0, 0, 0, 0)
        edit_layout.addWidget(self.edit_note)
        edit_layout.addWidget(self.editor, 1)
        edit_layout.addLayout(edit_buttons)
        self.detail.addWidget(self.edit_page)

        self.empty_page = QLabel(self.detail)
        self.empty_page.setObjectName("quiet")
        self.empty_page.setWordWrap(True)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.addWidget(self.empty_page)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([330, 500])

        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("banner")
        self.undo_text = QLabel(self.undo_bar)
        self.undo_button = QPushButton(self.undo_bar)
        self.undo_button.clicked.connect(self.undo)
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(8, 4, 8, 4)
        undo_row.addWidget(self.undo_text, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()

        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_bar, 1)
        bottom.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.keeper = DraftKeeper(self._keep, autosave_ms, self)
        self.editor.edited.connect(self.keeper.changed)
        QShortcut(QKeySequence("Ctrl+E"), self, self.edit)
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save_edit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete)
        order = [self.search, self.list, self.more_button, self.reader, self.edit_button,
                 self.delete_button, self.editor.text, *self.editor.mood_buttons.values(),
                 self.cancel_button, self.save_button, self.undo_button, self.close_button]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self.resize(860, 580)
        self.retranslate()
        self.reload()

    # Text -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Journal — Breakwater"))
        self.setAccessibleName(_("Journal"))
        self.search.setPlaceholderText(_("Search your journal (Ctrl+F)"))
        self.search.setAccessibleName(_("Search entries"))
        self.list.setAccessibleName(_("Entries, newest first"))
        self.more_button.setText(_("Show older entries"))
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
        self.undo_button.setText(_("&Undo"))
        self.close_button.setText(_("Close (Esc)"))
        self._count_text()
        self._undo_texts()
        self._edit_texts()
        self._busy_text()
        for row, entry in enumerate(self.shown):
            item = self.list.item(row)
            if item is not None:
                self._item_text(item, entry)
        self._show_current()

    def _count_text(self) -> None:
        words = self.search.text().strip()
        self.count_label.setText(count_text(self.total, words))
        if not self.total:
            self.empty_page.setText(nothing_text(words))

    def _undo_texts(self) -> None:
        if self._undo is None:
            return
        kind = self._undo[0]
        self.undo_text.setText(_("Entry deleted.") if kind == "deleted"
                               else _("Changes discarded."))
        self.undo_button.setAccessibleName(_("Bring the deleted entry back") if kind == "deleted"
                                           else _("Bring the discarded changes back"))

    def _edit_texts(self) -> None:
        if self.editing is None:
            return
        now, offset = self.journal.app.now_and_offset()
        when = when_text(self.editing.created, self.editing.offset_min, now, offset)
        note = _("Editing the entry of {when}.").format(when=when)
        if self._edit_restored:
            note += " " + _("Your unsaved changes are back.")
        self.edit_note.setText(note)
        if self._problem:
            self.edit_status.setText(self._problem)
        elif self._kept_at:
            self.edit_status.setText(_("Draft kept at {time}.").format(time=self._kept_at))
        else:
            self.edit_status.setText("")

    def _item_text(self, item: QListWidgetItem, entry: Entry) -> None:
        now, offset = self.journal.app.now_and_offset()
        item.setText(preview_text(entry, now, offset, unsaved=entry.id in self._edited))

    # Listing --------------------------------------------------------------------
    def _fetch(self, offset: int) -> list[Entry]:
        words = self.search.text()
        if words.strip():
            return self.journal.search(words, PAGE, offset)
        return self.journal.entries(PAGE, offset)

    def reload(self) -> None:
        """Read the entries again (after a search change, a write, or coming back)."""
        keep = self.current_entry()
        try:
            self._edited = self.journal.edited_entries()
            self.total = self.journal.count(self.search.text())
            entries = self._fetch(0)
        except StoreError as error:
            self._tell(error.message.render(_))
            return
        self._fill(entries, keep.id if keep else None)

    def show_more(self) -> None:
        keep = self.current_entry()
        try:
            more = self._fetch(len(self.shown))
        except StoreError as error:
            self._tell(error.message.render(_))
            return
        self._fill(self.shown + more, keep.id if keep else None)

    def _fill(self, entries: list[Entry], select: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.shown = entries
        row_to_select = 0
        for row, entry in enumerate(entries):
            item = QListWidgetItem(self.list)
            item.setData(ID_ROLE, entry.id)
            self._item_text(item, entry)
            if entry.id == select:
                row_to_select = row
        if entries:
            self.list.setCurrentRow(row_to_select)
        self.list.blockSignals(False)
        self.more_button.setVisible(len(entries) < self.total)
        self._count_text()
        if self.editing is None:
            self._show_current()

    def current_entry(self) -> Entry | None:
        row = self.list.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _show_current(self) -> None:
        if self.editing is not None:
            return
        entry = self.current_entry()
        if entry is None:
            self.detail.setCurrentWidget(self.empty_page)
            return
        now, offset = self.journal.app.now_and_offset()
        self.meta.setText(about_text(entry, now, offset))
        self.reader.setPlainText(entry.text)
        self.detail.setCurrentWidget(self.view_page)

    def _into_list(self) -> None:
        if self.list.count():
            self.list.setFocus(Qt.FocusReason.TabFocusReason)
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # Delete and undo ------------------------------------------------------------
    def delete(self) -> None:
        entry = self.current_entry()
        if entry is None or self.editing is not None:
            return
        try:
            # Unsaved changes to it go with it, and come back with it on Undo.
            changes = self.journal.draft(entry.id)
            gone = self.journal.delete(entry.id)
        except StoreError as error:
            self._tell(error.message.render(_))
            return
        if gone is not None:
            self._offer_undo("deleted", (gone, changes))
        row = self.list.currentRow()
        self._on_changed()
        self.reload()
        self.list.setCurrentRow(min(row, self.list.count() - 1))

    def undo(self) -> None:
        if self._undo is None:
            return
        kind, what = self._undo
        self._undo = None
        self.undo_bar.hide()
        if kind == "deleted":
            entry, changes = what
            try:
                back = self.journal.restore(entry)
                if changes is not None:
                    self.journal.save_draft(replace(changes, entry_id=back.id))
            except StoreError as error:
                self._tell(error.message.render(_))
                return
            self._on_changed()
            self.reload()
            self._select(back.id)
        else:
            entry = self.journal.get(what.entry_id)
            if entry is not None and self._claim_for_edit():
                self._select(entry.id)
                self._start_edit(entry, what)

    def _offer_undo(self, kind: str, what: Any) -> None:
        self._undo = (kind, what)
        self._undo_texts()
        self.undo_bar.show()

    def _select(self, entry_id: int) -> None:
        for row, entry in enumerate(self.shown):
            if entry.id == entry_id:
                self.list.setCurrentRow(row)
                return

    # Editing --------------------------------------------------------------------
    def _claim_for_edit(self) -> bool:
        """Hold the claim on edits (taken before any draft is read); False, with a
        sentence, when another window is editing."""
        if self._claim_edits is None or self._edit_claim is not None:
            return True
        try:
            self._edit_claim = self._claim_edits()
        except Busy:
            self.busy_note.show()
            self._busy_text()
            return False
        self.busy_note.hide()
        return True

    def _busy_text(self) -> None:
        if self.busy_note.isVisibleTo(self):
            self.busy_note.setText(_("An entry is being edited in another Breakwater window; "
                                     "finish or close it there first."))

    def _release_edits(self) -> None:
        if self._edit_claim is not None:
            self._edit_claim.release()
            self._edit_claim = None

    def edit(self) -> None:
        entry = self.current_entry()
        if entry is None or self.editing is not None or not self._claim_for_edit():
            return
        try:
            draft = self.journal.draft(entry.id)
        except StoreError as error:
            self._release_edits()
            self._tell(error.message.render(_))
            return
        self._start_edit(entry, draft)

    def _start_edit(self, entry: Entry, draft: Draft | None) -> None:
        self.editing = entry
        self._edit_restored = draft is not None
        self._edit_started = draft.started if draft else None
        self._problem = ""
        self._kept_at = ""
        self.editor.blockSignals(True)
        if draft is not None:
            self.editor.set_value(draft.text, draft.mood)
        else:
            self.editor.set_value(entry.text, entry.mood)
        self.editor.blockSignals(False)
        self.keeper.forget()
        if draft is not None:
            self.keeper.changed()  # an undone "cancel" puts its draft back at once
        self._edit_texts()
        self.detail.setCurrentWidget(self.edit_page)
        self.editor.focus_text()

    def _keep(self) -> None:
        entry = self.editing
        if entry is None:
            return
        text, mood = self.editor.value()
        now, offset = self.journal.app.now_and_offset()
        try:
            if (text, mood) == (entry.text, entry.mood):
                self.journal.discard_draft(entry.id)  # back as it was: nothing to keep
                self._kept_at = ""
            else:
                self._edit_started = self._edit_started or now
                self.journal.save_draft(Draft(text=text, entry_id=entry.id, mood=mood,
                                              started=self._edit_started))
                self._kept_at = clock_text(now, offset)
        except StoreError as error:
            self._problem = error.message.render(_)
            self._tell(self._problem)
        self._edit_texts()

    def save_edit(self) -> None:
        entry = self.editing
        if entry is None:
            return
        text, mood = self.editor.value()
        problem = text_problem(text)
        if problem is not None:
            self._problem = problem.render(_)
            self._edit_texts()
            return
        try:
            saved = self.journal.update(entry.id, text, mood)
        except (StoreError, ValueError) as error:
            self._problem = (error.message.render(_) if isinstance(error, StoreError)
                             else str(error))
            self._edit_texts()
            if isinstance(error, StoreError):
                self._tell(self._problem)
            return
        self.keeper.forget()
        self._stop_edit()
        self._on_changed()
        self.reload()
        if saved is not None:
            self._select(saved.id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel_edit(self) -> None:
        entry = self.editing
        if entry is None:
            return
        text, mood = self.editor.value()
        self.keeper.forget()
        try:
            self.journal.discard_draft(entry.id)
        except StoreError as error:
            self._tell(error.message.render(_))
        if (text, mood) != (entry.text, entry.mood):
            self._offer_undo("edit", Draft(text=text, entry_id=entry.id, mood=mood,
                                           started=self._edit_started or 0.0))
        self._stop_edit()
        self.reload()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stop_edit(self) -> None:
        self.editing = None
        self._edit_restored = False
        self._release_edits()
        self._show_current()

    # Window ---------------------------------------------------------------------
    def _tell(self, message: str) -> None:
        if self._on_error is not None:
            self._on_error(message)

    def present(self, activate: bool = True) -> None:
        present_raised(self, activate, hold_back=False)
        if self.editing is None:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the window (say, after `breakwater journal add` in a terminal)
        # shows what was written meanwhile.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.reload()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keeper.flush()
        self._release_edits()  # the edit's draft is written: another window may edit
        event.accept()

    def describe(self) -> dict[str, Any]:
        return {"shown": [e.id for e in self.shown], "total": self.total,
                "search": self.search.text(), "editing": self.editing.id if self.editing
                else None, "active": self.isActiveWindow()}
