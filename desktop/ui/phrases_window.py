"""Phrase cards for hard moments: pick a group, click a phrase (or press Enter) and it is
on the clipboard, ready to paste into a chat reply or to read out.

The user can add their own, reword any phrase and hide the ones they would never say.
Shows state and emits intent; ``desktop/ui/phrases_open.py`` does the writing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.phrases import GROUP_KEYS, GROUPS, clean_phrase, phrase_problem
from desktop.i18n import _
from desktop.service.phrases import Card
from desktop.ui.app_window import dress, present_centred
from desktop.ui.style import INK, TEAL, window_style

STYLE = window_style("5px 12px", f"""
QLabel#copied {{ color: {TEAL}; font-weight: 600; }}
QListWidget::item {{ padding: 5px 4px; }}
QListWidget::item:selected {{ background: {TEAL}; color: white; }}
QListWidget#phrases::item {{ padding: 7px 4px; border-bottom: 1px solid #e7e4dc; }}
QListWidget#phrases::item:selected {{ background: #d8ebec; color: {INK}; }}
""")


class PhrasesWindow(QWidget):
    copied = Signal(str)
    add_requested = Signal(str, str)  # group, text
    reword_requested = Signal(object, str)  # Card, text
    hide_requested = Signal(object, bool)  # Card, hidden

    def __init__(self, load: Callable[[], Sequence[Card]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._load = load  # the cards in the language in use (the defaults are translated)
        self.cards: list[Card] = []
        self._editing: Card | None = None  # None while adding a new one
        dress(self, STYLE)

        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.hint = QLabel(self)
        self.hint.setObjectName("quiet")
        self.hint.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        panes = QHBoxLayout()
        self.groups = QListWidget(self)
        self.groups.setMaximumWidth(280)
        self.groups.setWordWrap(True)
        self.groups.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key in GROUP_KEYS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.groups.addItem(item)
        self.groups.currentRowChanged.connect(lambda _row: self._fill())
        self.phrases = QListWidget(self)
        self.phrases.setObjectName("phrases")
        self.phrases.setWordWrap(True)
        # Long phrases wrap to the list's width (a sideways scroll bar would hide their end).
        self.phrases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phrases.setResizeMode(QListView.ResizeMode.Adjust)
        self.phrases.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.phrases.itemClicked.connect(self._copy_item)
        self.phrases.itemActivated.connect(self._copy_item)
        self.phrases.currentRowChanged.connect(lambda _row: self._update_buttons())
        panes.addWidget(self.groups)
        panes.addWidget(self.phrases, 1)
        layout.addLayout(panes, 1)
        self.status = QLabel(self)
        self.status.setObjectName("copied")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a phrase as typed, never markup
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.editor_box = QWidget(self)
        editor_layout = QVBoxLayout(self.editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        self.editor_label = QLabel(self.editor_box)
        self.editor = QPlainTextEdit(self.editor_box)
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(80)
        self.editor_label.setBuddy(self.editor)
        editor_buttons = QHBoxLayout()
        self.editor_save = QPushButton(self.editor_box)
        self.editor_save.setObjectName("primary")
        self.editor_save.clicked.connect(self._save_edit)
        self.editor_cancel = QPushButton(self.editor_box)
        self.editor_cancel.clicked.connect(self.end_edit)
        editor_buttons.addStretch(1)
        editor_buttons.addWidget(self.editor_cancel)
        editor_buttons.addWidget(self.editor_save)
        editor_layout.addWidget(self.editor_label)
        editor_layout.addWidget(self.editor)
        editor_layout.addLayout(editor_buttons)
        self.editor_box.hide()
        layout.addWidget(self.editor_box)

        row = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.start_add)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.start_edit)
        self.hide_button = QPushButton(self)
        self.hide_button.clicked.connect(self._toggle_hidden)
        self.show_hidden = QCheckBox(self)
        self.show_hidden.toggled.connect(lambda _on: self._fill())
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        for widget in (self.add_button, self.edit_button, self.hide_button, self.show_hidden):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.retranslate()
        self.groups.setCurrentRow(0)
        self.resize(760, 520)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Phrases for hard moments — Breakwater"))
        self.setAccessibleName(_("Phrases for hard moments"))
        self.title.setText(_("Phrases for hard moments"))
        self.hint.setText(_("Click a phrase, or press Enter, to copy it; then paste it into "
                            "your reply or read it out. Change any of them to sound like you."))
        titles = dict(GROUPS)
        for row in range(self.groups.count()):
            item = self.groups.item(row)
            item.setText(_(titles[item.data(Qt.ItemDataRole.UserRole)]))
        self.groups.setAccessibleName(_("Moments"))
        self.phrases.setAccessibleName(_("Phrases: Enter copies"))
        self.editor.setAccessibleName(_("Phrase text"))
        self.editor_save.setText(_("Save"))
        self.editor_save.setAccessibleName(_("Save the phrase"))
        self.editor_cancel.setText(_("Cancel"))
        self.editor_cancel.setAccessibleName(_("Cancel editing"))
        self.add_button.setText(_("&Add…"))
        self.add_button.setAccessibleName(_("Add a phrase of your own to this group"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setAccessibleName(_("Change the wording of this phrase"))
        self.show_hidden.setText(_("Show &hidden"))
        self.show_hidden.setAccessibleName(_("Show hidden phrases"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close the window"))
        if self._editing is None and self.editor_box.isVisible():
            self.editor_label.setText(_("Your phrase:"))
        else:
            self.editor_label.setText(_("Your wording:"))
        self._update_buttons()
        self.reload()

    # Showing ----------------------------------------------------------------------
    def reload(self) -> None:
        self.cards = list(self._load())
        self._fill()

    def group(self) -> str:
        item = self.groups.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else GROUP_KEYS[0]

    def select_group(self, key: str) -> None:
        if key in GROUP_KEYS:
            self.groups.setCurrentRow(GROUP_KEYS.index(key))

    def visible_cards(self) -> list[Card]:
        show_hidden = self.show_hidden.isChecked()
        return [c for c in self.cards if c.group == self.group() and (show_hidden or not c.hidden)]

    def _fill(self) -> None:
        current = self.current_card()
        self.phrases.clear()
        for card in self.visible_cards():
            text = _("(hidden) {text}").format(text=card.text) if card.hidden else card.text
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, card.ident)
            if card.hidden:
                item.setForeground(QColor("#8a9399"))
            self.phrases.addItem(item)
        idents = [c.ident for c in self.visible_cards()]
        if current is not None and current.ident in idents:
            self.phrases.setCurrentRow(idents.index(current.ident))
        self._update_buttons()

    def current_card(self) -> Card | None:
        row = self.phrases.currentRow()
        if row < 0:
            return None
        ident = self.phrases.item(row).data(Qt.ItemDataRole.UserRole)
        return next((c for c in self.cards if c.ident == ident), None)

    def _update_buttons(self) -> None:
        card = self.current_card()
        self.edit_button.setEnabled(card is not None)
        self.hide_button.setEnabled(card is not None)
        hidden = card is not None and card.hidden
        self.hide_button.setText(_("Show a&gain") if hidden else _("H&ide"))
        self.hide_button.setAccessibleName(_("Show this phrase again") if hidden
                                           else _("Hide this phrase"))

    # Copying ----------------------------------------------------------------------
    def _copy_item(self, item: QListWidgetItem) -> None:
        ident = item.data(Qt.ItemDataRole.UserRole)
        card = next((c for c in self.cards if c.ident == ident), None)
        if card is not None:
            self.copy(card)

    def copy(self, card: Card) -> None:
        QGuiApplication.clipboard().setText(card.text)
        self.status.setText(_("Copied: “{text}”").format(text=card.text))
        self.copied.emit(card.text)

    # Changing ---------------------------------------------------------------------
    def start_add(self) -> None:
        self._editing = None
        self.editor.setPlainText("")
        self.editor_label.setText(_("Your phrase:"))
        self.editor_box.show()
        self.editor.setFocus()

    def start_edit(self) -> None:
        card = self.current_card()
        if card is None:
            return
        self._editing = card
        self.editor.setPlainText(card.text)
        self.editor_label.setText(_("Your wording:"))
        self.editor_box.show()
        self.editor.setFocus()

    def end_edit(self) -> None:
        self.editor_box.hide()
        self._editing = None
        self.phrases.setFocus()

    def _save_edit(self) -> None:
        text = clean_phrase(self.editor.toPlainText())
        problem = phrase_problem(text)
        if problem is not None:  # the editor stays open with the words in it
            self.status.setText(problem.render(_))
            self.editor.setFocus()
            return
        if self._editing is None:
            self.add_requested.emit(self.group(), text)
        else:
            self.reword_requested.emit(self._editing, text)
        self.end_edit()

    def _toggle_hidden(self) -> None:
        card = self.current_card()
        if card is not None:
            self.hide_requested.emit(card, not card.hidden)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.editor_box.isVisible():
                self.end_edit()
            else:
                self.close()
            event.accept()
            return
        super().keyPressEvent(event)

    def present(self, activate: bool) -> None:
        present_centred(self, activate)
        if activate:
            self.phrases.setFocus()
            if self.phrases.currentRow() < 0 and self.phrases.count():
                self.phrases.setCurrentRow(0)
