"""The settings window, generated from the one registry (``GROUPS`` and ``OPTIONS`` in
desktop/core/settings.py): a page per group, a row per option, in registry order. An
option added to the registry appears here with no change to this file.

Every change is saved at once (Enter or leaving a field, a tick, a choice) through the
same validation as `breakwater settings set`; the app then applies it live."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import GROUPS, HOTKEY, OPTIONS, Option, Settings
from desktop.core.text import Message
from desktop.i18n import _
from desktop.platform.hotkeys import shortcut_help
from desktop.ui.app_window import closed_by_escape, present_raised
from desktop.ui.settings_fields import ERROR_STYLE, QUIET_STYLE, FieldRow
from desktop.ui.windows import WindowContext

PRIVACY = "privacy"
CALLS = "calls"


def _page_notes() -> dict[str, Callable[[Settings], Message | None]]:
    """A sentence under a page about how its options combine with others (only when
    there is something to say): the check-in set outside working hours."""
    from desktop.core.weekly import offer_note

    return {"support": offer_note}


def pages() -> list[tuple[str, str, list[Option]]]:
    """(group, N_ title, options) for each page to show: every group that has an option,
    and the privacy page. An option naming no known group goes to the last page rather
    than nowhere."""
    known = {group for group, _title in GROUPS}
    result = []
    for group, title in GROUPS:
        options = [o for o in OPTIONS if o.group == group]
        if group == GROUPS[-1][0]:
            options += [o for o in OPTIONS if o.group not in known]
        if options or group == PRIVACY:
            result.append((group, title, options))
    return result


class SettingsPage(QScrollArea):
    def __init__(self, ctx: WindowContext, group: str, title: str, options: list[Option],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.title = title
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Descriptions wrap to the width there is; only a long page scrolls, downwards.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        self.heading = QLabel(inner)
        self.heading.setObjectName("title")
        layout.addWidget(self.heading)
        # The Calls page says first whether calls are watched now, and why not.
        self.calls_state: QLabel | None = None
        if group == CALLS:
            self.calls_state = QLabel(inner)
            self.calls_state.setWordWrap(True)
            self.calls_state.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(self.calls_state)
            ctx.events.calls_changed.connect(self._calls_state)
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setVerticalSpacing(2)
        layout.addLayout(grid)
        self.rows = [FieldRow(o, ctx, inner) for o in options]
        at = 0
        for row in self.rows:
            at = row.place(grid, at)
        self.ctx = ctx
        self.hotkey_help: QLabel | None = None
        if any(o.kind == HOTKEY for o in options):
            self.hotkey_help = QLabel(inner)
            self.hotkey_help.setWordWrap(True)
            self.hotkey_help.setStyleSheet(QUIET_STYLE)
            self.hotkey_help.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.hotkey_help)
        self.note = QLabel(inner)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(ERROR_STYLE)
        self.note.hide()
        layout.addWidget(self.note)
        self.privacy: QWidget | None = None
        if group == PRIVACY:
            from desktop.ui.privacy_page import PrivacySection

            self.privacy = PrivacySection(ctx, inner)
            layout.addWidget(self.privacy)
        layout.addStretch()
        self.setWidget(inner)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_(self.title))
        self.setAccessibleName(_(self.title))
        for row in self.rows:
            row.retranslate()
        self._hotkey_help()
        self._note()
        self._calls_state()
        retranslate = getattr(self.privacy, "retranslate", None)
        if callable(retranslate):
            retranslate()

    def _hotkey_help(self) -> None:
        if self.hotkey_help is None:
            return
        problems = self.ctx.hotkeys.problems()
        self.hotkey_help.setText(shortcut_help("breakwater tag difficult") if problems else "")
        self.hotkey_help.setVisible(bool(problems))

    def _note(self) -> None:
        note = _page_notes().get(self.group)
        message = note(self.ctx.service.settings) if note is not None else None
        text = message.render(_) if message is not None else ""
        self.note.setText(text)
        self.note.setAccessibleName(text)
        self.note.setVisible(bool(text))

    def _calls_state(self) -> None:
        if self.calls_state is None:
            return
        text = self.ctx.calls_off() or ""
        self.calls_state.setText(text)
        self.calls_state.setAccessibleName(text)
        self.calls_state.setVisible(bool(text))

    def refresh(self) -> None:
        for row in self.rows:
            row.refresh()
        self._hotkey_help()
        self._note()
        self._calls_state()


class SettingsWindow(QWidget):
    def __init__(self, ctx: WindowContext, page: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.list = QListWidget(self)
        self.list.setMaximumWidth(190)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, SettingsPage] = {}
        for group, title, options in pages():
            widget = SettingsPage(ctx, group, title, options, self.stack)
            self.pages[group] = widget
            self.stack.addWidget(widget)
            self.list.addItem("")
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.welcome = QPushButton(self)
        self.welcome.clicked.connect(self._show_welcome)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.welcome)
        bottom.addStretch()
        bottom.addWidget(self.close_button)
        outer = QVBoxLayout(self)
        outer.addLayout(body, 1)
        outer.addLayout(bottom)
        self.setStyleSheet("QLabel#title { font-size: 13pt; font-weight: 600; }\n"
                           "QListWidget::item { padding: 5px 6px; }")
        self.resize(820, 560)
        self.retranslate()
        self.show_page(page or next(iter(self.pages)))
        ctx.events.settings_changed.connect(self.refresh)

    @property
    def rows(self) -> dict[str, FieldRow]:
        return {row.option.key: row for page in self.pages.values() for row in page.rows}

    def retranslate(self) -> None:
        self.setWindowTitle(_("Settings — Breakwater"))
        self.setAccessibleName(_("Breakwater settings"))
        self.list.setAccessibleName(_("Settings pages"))
        for i, page in enumerate(self.pages.values()):
            item = self.list.item(i)
            item.setText(_(page.title))
            page.retranslate()
        self.welcome.setText(_("Show the &welcome again"))
        self.welcome.setAccessibleName(_("Show the welcome again"))
        self.close_button.setText(_("&Close"))
        self.close_button.setAccessibleName(_("Close settings"))

    def refresh(self) -> None:
        """Settings changed (here or from the command line): show the values now stored."""
        for page in self.pages.values():
            page.refresh()

    def describe(self) -> dict[str, Any]:
        """What it shows, for `describe` (end-to-end tests click where a person would):
        each hotkey field's text, whether it records, its refusal and where it is."""
        from desktop.ui.hotkey_field import HotkeyEditor

        fields = {}
        for key, row in self.rows.items():
            editor = row.editor
            if isinstance(editor, HotkeyEditor):
                centre = editor.button.mapToGlobal(editor.button.rect().center())
                fields[key] = {"text": editor.button.text(), "recording": editor.recording,
                               "error": row.error.text() if row.error.isVisible() else "",
                               "at": [centre.x(), centre.y()]}
        calls = self.pages[CALLS].calls_state if CALLS in self.pages else None
        return {"title": self.windowTitle(), "active": self.isActiveWindow(),
                "hotkeys": fields,
                "calls_state": calls.text() if calls is not None and calls.isVisibleTo(self)
                else ""}

    def show_page(self, group: str) -> None:
        self.list.setCurrentRow(list(self.pages).index(group))

    def present(self, activate: bool) -> None:
        present_raised(self, activate)
        if activate:
            self.list.setFocus()

    def _show_welcome(self) -> None:
        self.ctx.events.open_requested.emit("welcome")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not closed_by_escape(self, event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        from desktop.ui.hotkey_field import HotkeyEditor

        for row in self.rows.values():
            if isinstance(row.editor, HotkeyEditor):
                row.editor.cancel()  # never leave the app's hotkeys let go
        super().closeEvent(event)
