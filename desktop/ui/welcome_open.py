"""The first-run welcome (shown once; again from Settings): the hotkeys and whether they
work, with the fix when not; where the one private file is; the language (applies at
once); and starting at login, off unless the user ticks it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.combos import describe_combo
from desktop.core.settings import option
from desktop.core.text import N_
from desktop.i18n import _
from desktop.platform.hotkeys import shortcut_help
from desktop.ui.app_window import closed_by_escape, present_raised
from desktop.ui.plain import plain_label
from desktop.ui.privacy_page import AutostartBox
from desktop.ui.settings_fields import ERROR_STYLE, QUIET_STYLE, ChoiceEditor, commit_setting
from desktop.ui.windows import WindowContext

# The two tagging hotkeys: (setting, N_ what it does, the command that does the same).
TAGGING = (("hotkeys.difficult", N_("tags a difficult call"), "breakwater tag difficult"),
           ("hotkeys.ordinary", N_("tags an ordinary call"), "breakwater tag ordinary"))


class WelcomeWindow(QWidget):
    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.setStyleSheet("QLabel#title { font-size: 15pt; font-weight: 600; }\n"
                           "QLabel#section { font-weight: 600; margin-top: 8px; }")
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.keys_heading = QLabel(self)
        self.keys_heading.setObjectName("section")
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.keys_heading)
        self.keys: list[tuple[QLabel, QLabel]] = []
        for _key, _what, _command in TAGGING:
            combo, state = QLabel(self), QLabel(self)
            combo.setWordWrap(True)
            state.setWordWrap(True)
            line = QHBoxLayout()
            line.addWidget(combo, 1)
            line.addWidget(state)
            layout.addLayout(line)
            self.keys.append((combo, state))
        self.amend = QLabel(self)
        self.amend.setWordWrap(True)
        self.fix = QLabel(self)
        self.fix.setWordWrap(True)
        self.fix.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.amend)
        layout.addWidget(self.fix)
        self.data_heading = QLabel(self)
        self.data_heading.setObjectName("section")
        self.data = QLabel(self)
        self.data.setWordWrap(True)
        self.data.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.data_heading)
        layout.addWidget(self.data)
        self.language = ChoiceEditor(option("ui.language"), self)
        self.language.set_value(ctx.service.settings["ui.language"])
        self.language.committed.connect(self._language_chosen)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language.combo)
        self.language_error = plain_label(self)
        self.language_error.setStyleSheet(ERROR_STYLE)
        self.language_error.hide()
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.language_error)
        self.autostart = AutostartBox(ctx, self)
        layout.addWidget(self.autostart)
        layout.addStretch()
        buttons = QHBoxLayout()
        self.settings_button = QPushButton(self)
        self.settings_button.clicked.connect(self._open_settings)
        self.done = QPushButton(self)
        self.done.setObjectName("primary")
        self.done.setDefault(True)
        self.done.clicked.connect(self.close)
        buttons.addWidget(self.settings_button)
        buttons.addStretch()
        buttons.addWidget(self.done)
        layout.addLayout(buttons)
        self.resize(560, 520)
        self.retranslate()
        ctx.events.settings_changed.connect(self._settings_changed)

    def retranslate(self) -> None:
        settings = self.ctx.service.settings
        problems = self.ctx.hotkeys.problems()
        self.setWindowTitle(_("Welcome — Breakwater"))
        self.setAccessibleName(_("Welcome to Breakwater"))
        self.title.setText(_("Welcome to Breakwater"))
        self.intro.setText(_(
            "After a hard call, press one key combination. Breakwater keeps a running load "
            "from your tags and, when it builds, suggests a minute of breathing or a short "
            "break. No window takes the keyboard from your call software."))
        self.keys_heading.setText(_("Your hotkeys"))
        broken = []
        for (key, what, command), (combo, state) in zip(TAGGING, self.keys, strict=True):
            value = settings[key]
            combo.setText(_("{keys} {what}").format(
                keys=describe_combo(value) if value else _("(none)"), what=_(what)))
            if not value:
                reason: str | None = _("no hotkey is set")
            elif self.ctx.alone:  # no tray app holds them: could it?
                reason = self.ctx.hotkeys.probe(value)
            else:
                reason = problems.get(value)
            if reason:
                broken.append(command)
                state.setText(_("not available: {reason}").format(reason=reason))
                state.setStyleSheet(ERROR_STYLE)
            else:
                state.setText(_("ready"))
                state.setStyleSheet(QUIET_STYLE)
            state.setAccessibleName(_("{keys}: {state}").format(keys=combo.text(),
                                                                state=state.text()))
        amend = settings["hotkeys.amend"]
        self.amend.setText(_(
            "{keys} brings the last tag back so you can set how hard it was, why, and a "
            "note, from the keyboard alone.").format(keys=describe_combo(amend))
            if amend else "")
        self.amend.setVisible(bool(amend))
        fix = shortcut_help(broken[0]) if broken else ""
        if len(broken) > 1:
            fix += " " + _("Bind “{command}” the same way.").format(command=broken[1])
        self.fix.setText(fix)
        self.fix.setVisible(bool(broken))
        self.data_heading.setText(_("Your data"))
        self.data.setText(_(
            "Everything stays in one private file on this computer, readable only by you, "
            "and nothing is ever sent anywhere:\n{path}\nYou can export it or delete it "
            "in Settings → Privacy and data.").format(path=self.ctx.service.store.path))
        self.language_label.setText(_("&Language"))
        self.language.set_name(_("Language"))
        self.language.retranslate()
        self.autostart.retranslate()
        self.settings_button.setText(_("&Open settings…"))
        self.settings_button.setAccessibleName(_("Open settings"))
        self.done.setText(_("&Start using Breakwater"))
        self.done.setAccessibleName(_("Close the welcome"))

    def _language_chosen(self) -> None:
        why = commit_setting(self.ctx, "ui.language", self.language.value())
        self.language_error.setText(why or "")
        self.language_error.setVisible(bool(why))

    def _settings_changed(self) -> None:
        self.language.set_value(self.ctx.service.settings["ui.language"])
        self.retranslate()  # hotkeys may have changed too

    def _open_settings(self) -> None:
        self.ctx.events.open_requested.emit("settings")

    def describe(self) -> dict[str, Any]:
        """What it says about each tagging hotkey, and whether it has the keyboard."""
        return {"active": self.isActiveWindow(),
                "hotkeys": [state.text() for _combo, state in self.keys]}

    def present(self, activate: bool) -> None:
        present_raised(self, activate)
        if activate:
            self.done.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not closed_by_escape(self, event):
            super().keyPressEvent(event)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> WelcomeWindow:
    return WelcomeWindow(ctx)
