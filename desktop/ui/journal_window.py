"""The quick entry window: one question, a text box with the keyboard in it, an optional
mood, and the hard calls since the last entry, ticked, so the entry is linked to them.

Nothing written is lost: the words are kept as a draft half a second after any change,
when the window closes (Esc, the Close button, the app quitting), and the next open
offers them back. Ctrl+Enter saves the entry; Esc closes and keeps the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.journal import (
    PROMPT_TEXT,
    Draft,
    LinkCandidate,
    next_prompt,
    prompt_key,
    text_problem,
    ticked_on_open,
)
from desktop.i18n import _, ngettext
from desktop.service.journal import Journal
from desktop.store.errors import StoreError
from desktop.ui.app_window import dress, present_raised
from desktop.ui.journal_claim import Claim
from desktop.ui.journal_editor import AUTOSAVE_MS, DraftKeeper, EntryEditor
from desktop.ui.journal_labels import link_text, prompt_text, when_text
from desktop.ui.plain import plain_label
from desktop.ui.style import window_style

STYLE = window_style("5px 12px", """
QLabel#prompt { font-size: 12pt; }
QLabel#problem { color: #a02c2c; }
QFrame#banner { background: #e7f1f2; border: 1px solid #9cc5c9; border-radius: 6px; }
""", quiet="#4d5962")

ID_ROLE = Qt.ItemDataRole.UserRole


def clock_text(at: float, offset: int) -> str:
    return datetime.fromtimestamp(at + offset, UTC).strftime("%H:%M:%S")


class JournalWindow(QWidget):
    saved = Signal(object)  # the Entry, once stored

    def __init__(self, journal: Journal, nudge_id: int | None = None, *,
                 on_error: Callable[[str], None] | None = None,
                 autosave_ms: int = AUTOSAVE_MS, claim: Claim | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.journal = journal
        # Held while open: no other window writes the new entry's draft meanwhile
        # (desktop/ui/journal_claim.py). Taken by the opener, before the draft is read.
        self._claim = claim
        self._on_error = on_error
        self._told = False  # a failing draft save is reported once, not twice a second
        self._done = False
        draft = journal.draft()
        self.restored: Draft | None = draft
        self.prompt = (draft.prompt if draft and draft.prompt in PROMPT_TEXT
                       else prompt_key(journal.prompt_index()))
        self.nudge_id = nudge_id if nudge_id is not None else (draft.nudge_id if draft else None)
        self._started = draft.started if draft else None
        self._has_draft = draft is not None
        self._discarded: tuple[str, int | None] | None = None
        self._status: tuple[str, Any] = ("none", None)
        self.candidates: list[LinkCandidate] = journal.link_candidates(draft)
        ticked = ticked_on_open(self.candidates, draft)

        dress(self, STYLE)

        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.prompt_label = QLabel(self)
        self.prompt_label.setObjectName("prompt")
        self.prompt_label.setWordWrap(True)
        self.prompt_button = QPushButton(self)
        self.prompt_button.clicked.connect(self.another_question)
        head = QHBoxLayout()
        head.addWidget(self.prompt_label, 1)
        head.addWidget(self.prompt_button, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_button = QPushButton(self.banner)
        self.banner_button.clicked.connect(self._banner_clicked)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(8, 6, 8, 6)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.banner_button)
        self.banner.setVisible(draft is not None)

        self.editor = EntryEditor(self)
        self.links_label = QLabel(self)
        self.links_label.setWordWrap(True)
        self.links = QListWidget(self)
        self.links.setMaximumHeight(120)
        for call in self.candidates:
            item = QListWidgetItem(self.links)
            item.setData(ID_ROLE, call.interaction_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if call.interaction_id in ticked
                               else Qt.CheckState.Unchecked)
        if self.links.count():
            self.links.setCurrentRow(0)
        self.links.setVisible(bool(self.candidates))

        self.status = plain_label(self)  # errors may quote what was typed
        self.status.setObjectName("quiet")
        self.status.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.close_button)
        actions.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.title)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.links_label)
        layout.addWidget(self.links)
        layout.addLayout(actions)

        if draft is not None:
            self.editor.set_value(draft.text, draft.mood)
        self.keeper = DraftKeeper(self._keep, autosave_ms, self)
        self.editor.edited.connect(self._edited)
        self.links.itemChanged.connect(lambda _item: self.keeper.changed())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        # Reading order: the question, the words, the mood, the calls, then the buttons.
        order = [self.prompt_button, self.banner_button, self.editor.text,
                 *self.editor.mood_buttons.values(), self.links, self.close_button,
                 self.save_button]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        self._update_save()
        self.resize(540, 600)
        self.retranslate()

    # Text -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Write it down — Breakwater"))
        self.setAccessibleName(_("Journal entry"))
        self.title.setText(_("Write it down"))
        self.prompt_label.setText(prompt_text(self.prompt))
        self.prompt_button.setText(_("&Another question"))
        self.prompt_button.setAccessibleName(_("Show another question"))
        self.editor.retranslate()
        now, offset = self.journal.app.now_and_offset()
        if self.candidates:
            self.links_label.setText(ngettext(
                "This entry is about the hard call below; untick it if it is not:",
                "This entry is about the {n} hard calls below; untick any that it is not "
                "about:", len(self.candidates)).format(n=len(self.candidates)))
        else:
            self.links_label.setText(_("No hard calls tagged since your last entry."))
        self.links.setAccessibleName(_("Hard calls this entry is about"))
        for row, call in enumerate(self.candidates):
            item = self.links.item(row)
            if item is not None:
                item.setText(link_text(call, now, offset))
        self._banner_texts()
        self._status_text()
        self.close_button.setText(_("Close (Esc)"))
        self.close_button.setAccessibleName(_("Close; your words are kept as a draft"))
        self.save_button.setText(_("Save (Ctrl+Enter)"))
        self.save_button.setAccessibleName(_("Save the entry"))

    def _banner_texts(self) -> None:
        if self._discarded is not None:
            self.banner_text.setText(_("The draft was discarded."))
            self.banner_button.setText(_("&Undo"))
            self.banner_button.setAccessibleName(_("Bring the discarded draft back"))
        elif self.restored is not None:
            now, offset = self.journal.app.now_and_offset()
            when = when_text(self.restored.saved, offset // 60, now, offset)
            self.banner_text.setText(_("Your unsaved words from {when} are back, just as "
                                       "you left them.").format(when=when))
            self.banner_button.setText(_("&Discard them"))
            self.banner_button.setAccessibleName(_("Discard the draft and start afresh"))

    def _status_text(self) -> None:
        kind, value = self._status
        if kind == "kept":
            self.status.setText(_("Draft kept at {time}.").format(time=value))
        elif kind == "problem":
            self.status.setText(value)
        else:
            self.status.setText("")
        self.status.setObjectName("problem" if kind == "problem" else "quiet")
        self.status.style().unpolish(self.status)  # re-apply the style for the new name
        self.status.style().polish(self.status)

    def _set_status(self, kind: str, value: Any = None) -> None:
        self._status = (kind, value)
        self._status_text()

    # Editing --------------------------------------------------------------------
    def _edited(self) -> None:
        self.keeper.changed()
        self._update_save()

    def _update_save(self) -> None:
        text, _mood = self.editor.value()
        self.save_button.setEnabled(bool(text.strip()))

    def another_question(self) -> None:
        self.prompt = next_prompt(self.prompt)
        self.prompt_label.setText(prompt_text(self.prompt))
        if self.editor.value()[0].strip():
            self.keeper.changed()

    def ticked(self) -> list[int]:
        out = []
        for row in range(self.links.count()):
            item = self.links.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(ID_ROLE)))
        return out

    def _banner_clicked(self) -> None:
        if self._discarded is None:
            self._discarded = self.editor.value()
            self.editor.set_value("", None)  # saving nothing discards the draft
            self.keeper.flush()
        else:
            text, mood = self._discarded
            self._discarded = None
            self.editor.set_value(text, mood)
            self.keeper.flush()
        self._banner_texts()
        self.editor.focus_text()

    # Keeping and saving -----------------------------------------------------------
    def _keep(self) -> None:
        """The keeper's write: the words as a draft, or no draft when there are none."""
        text, mood = self.editor.value()
        now, offset = self.journal.app.now_and_offset()
        try:
            if text.strip():
                self._started = self._started or now
                self.journal.save_draft(Draft(
                    text=text, mood=mood, prompt=self.prompt, links=tuple(self.ticked()),
                    nudge_id=self.nudge_id, started=self._started))
                self._has_draft = True
                self._set_status("kept", clock_text(now, offset))
            elif self._has_draft:
                self.journal.discard_draft()
                self._has_draft = False
                self._started = None
                self._set_status("none")
        except StoreError as error:
            self._fail(error.message.render(_))

    def save(self) -> None:
        if self._done:
            return
        text, mood = self.editor.value()
        problem = text_problem(text)
        if problem is not None:
            self._set_status("problem", problem.render(_))
            return
        try:
            entry = self.journal.add(text, mood, prompt=self.prompt, nudge_id=self.nudge_id,
                                     links=self.ticked(), source="window", clear_draft=True)
        except ValueError as error:
            self._set_status("problem", str(error))
            return
        except StoreError as error:
            self._fail(error.message.render(_), always=True)
            return
        self._done = True
        self.keeper.forget()
        self.saved.emit(entry)
        self.close()

    def _fail(self, message: str, always: bool = False) -> None:
        self._set_status("problem", _("Not saved: {why} Your words are still here; keep "
                                      "this window open.").format(why=message))
        if self._on_error is not None and (always or not self._told):
            self._told = True
            self._on_error(message)

    # Window ---------------------------------------------------------------------
    def present(self, activate: bool = True) -> None:
        present_raised(self, activate, hold_back=False)
        self.editor.focus_text()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._done:
            self.keeper.flush()
        if self._claim is not None:  # the last write is done: another window may write
            self._claim.release()
        event.accept()

    def describe(self) -> dict[str, Any]:
        """What is on screen (for `describe` over the socket in end-to-end tests)."""
        text, mood = self.editor.value()
        return {"text": text, "mood": mood, "restored": self.restored is not None,
                "banner": self.banner.isVisible(), "links": self.ticked(),
                "prompt": self.prompt, "active": self.isActiveWindow(),
                "focus_in_text": self.editor.text.hasFocus()}
