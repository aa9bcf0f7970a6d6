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

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.journal import Draft, Entry, text_problem
from desktop.i18n import _
from desktop.service.journal import Journal
from desktop.store.errors import StoreError
from desktop.ui.app_window import dress, present_raised
from desktop.ui.journal_claim import Claim, Holder
from desktop.ui.journal_editor import AUTOSAVE_MS, DraftKeeper
from desktop.ui.journal_labels import (
    about_text,
    count_text,
    nothing_text,
    preview_text,
    when_text,
)
from desktop.ui.journal_list_panes import EntryPane, ListPane, UndoBar
from desktop.ui.journal_window import STYLE, clock_text

PAGE = 200


class JournalListWindow(QWidget):
    def __init__(self, journal: Journal, *, on_error: Callable[[str], None] | None = None,
                 on_changed: Callable[[], None] | None = None,
                 autosave_ms: int = AUTOSAVE_MS,
                 claim_edits: Callable[[], Claim] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.journal = journal
        # Taken when an edit starts, let go when it ends: edits are made in one window at
        # a time (desktop/ui/journal_claim.py).
        self._edit_claim = Holder(claim_edits)
        self._on_error = on_error
        self._on_changed = on_changed or (lambda: None)
        self.total = 0
        self.editing: Entry | None = None
        self._edit_started: float | None = None
        self._edit_restored = False
        self._problem = ""
        self._kept_at = ""
        self._keep_failed = False  # told that the edit's draft cannot be kept (once)
        self._edited: set[int] = set()  # entries with unsaved changes in a draft

        dress(self, STYLE)

        # The left-hand pane's widgets, named here as the tests and Tab order know them.
        left = ListPane(self)
        self.search, self.count_label = left.search, left.count_label
        self.list, self.more_button = left.list, left.more_button
        self.search.textChanged.connect(lambda _text: self.reload())
        self.list.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.more_button.clicked.connect(self.show_more)

        # The right-hand pane's widgets, named here as the tests and Tab order know them.
        self.detail = EntryPane(self)
        self.view_page, self.edit_page = self.detail.view_page, self.detail.edit_page
        self.empty_page, self.meta = self.detail.empty_page, self.detail.meta
        self.reader, self.busy_note = self.detail.reader, self.detail.busy_note
        self.edit_button, self.delete_button = self.detail.edit_button, self.detail.delete_button
        self.edit_note, self.editor = self.detail.edit_note, self.detail.editor
        self.edit_status = self.detail.edit_status
        self.cancel_button, self.save_button = self.detail.cancel_button, self.detail.save_button
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.save_button.clicked.connect(self.save_edit)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([330, 500])

        self.undo_bar = UndoBar(self)
        self.undo_text, self.undo_button = self.undo_bar.text, self.undo_bar.button
        self.undo_button.clicked.connect(self.undo)

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
        self.detail.retranslate()
        self.undo_bar.retranslate()
        self.close_button.setText(_("Close (Esc)"))
        self._count_text()
        self._edit_texts()
        self.list.rewrite(self._row_text)
        self._show_current()

    def _count_text(self) -> None:
        words = self.search.text().strip()
        self.count_label.setText(count_text(self.total, words))
        if not self.total:
            self.empty_page.setText(nothing_text(words))

    def _edit_texts(self) -> None:
        if self.editing is None:
            return
        now, offset = self.journal.app.now_and_offset()
        when = when_text(self.editing.created, self.editing.offset_min, now, offset)
        self.detail.edit_texts(when, self._edit_restored, self._problem, self._kept_at)

    def _row_text(self, entry: Entry) -> str:
        now, offset = self.journal.app.now_and_offset()
        return preview_text(entry, now, offset, unsaved=entry.id in self._edited)

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
        self.list.fill(entries, select, self._row_text)
        self.more_button.setVisible(len(entries) < self.total)
        self._count_text()
        if self.editing is None:
            self._show_current()

    @property
    def shown(self) -> list[Entry]:
        return self.list.shown

    def current_entry(self) -> Entry | None:
        return self.list.current_entry()

    def _show_current(self) -> None:
        if self.editing is not None:
            return
        entry = self.current_entry()
        if entry is None:
            self.detail.setCurrentWidget(self.empty_page)
            return
        now, offset = self.journal.app.now_and_offset()
        self.detail.show_entry(about_text(entry, now, offset), entry.text)

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
            self.undo_bar.offer("deleted", (gone, changes))
        row = self.list.currentRow()
        self._on_changed()
        self.reload()
        self.list.setCurrentRow(min(row, self.list.count() - 1))

    def undo(self) -> None:
        offered = self.undo_bar.take()
        if offered is None:
            return
        kind, what = offered
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
            self.list.select(back.id)
        else:
            entry = self.journal.get(what.entry_id)
            if entry is not None and self._claim_for_edit():
                self.list.select(entry.id)
                self._start_edit(entry, what)

    # Editing --------------------------------------------------------------------
    def _claim_for_edit(self) -> bool:
        """Hold the claim on edits (taken before any draft is read); False, with a
        sentence, when another window is editing."""
        taken = self._edit_claim.take()
        self.detail.show_busy(not taken)
        return taken

    def edit(self) -> None:
        entry = self.current_entry()
        if entry is None or self.editing is not None or not self._claim_for_edit():
            return
        try:
            draft = self.journal.draft(entry.id)
        except StoreError as error:
            self._edit_claim.release()
            self._tell(error.message.render(_))
            return
        self._start_edit(entry, draft)

    def _start_edit(self, entry: Entry, draft: Draft | None) -> None:
        self.editing = entry
        self._edit_restored = draft is not None
        self._edit_started = draft.started if draft else None
        self._problem = ""
        self._kept_at = ""
        self._keep_failed = False
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
            if self._keep_failed:  # kept again: the trouble shown is over
                self._keep_failed, self._problem = False, ""
        except StoreError as error:
            self._problem = error.message.render(_)
            if not self._keep_failed:  # once, not at every pause in the typing
                self._tell(self._problem)
            self._keep_failed = True
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
            self.list.select(saved.id)
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
            self.undo_bar.offer("edit", Draft(text=text, entry_id=entry.id, mood=mood,
                                           started=self._edit_started or 0.0))
        self._stop_edit()
        self.reload()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stop_edit(self) -> None:
        self.editing = None
        self._edit_restored = False
        self._edit_claim.release()
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
        self._edit_claim.release()  # the edit's draft is written: another window may edit
        event.accept()

    def describe(self) -> dict[str, Any]:
        return {"shown": [e.id for e in self.shown], "total": self.total,
                "search": self.search.text(), "editing": self.editing.id if self.editing
                else None, "active": self.isActiveWindow()}
