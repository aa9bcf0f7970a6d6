"""A key-capture field for a global hotkey: press "Change…", then the new keys.

While it records, the app lets go of its own grabs (else pressing one of them would tag
instead of reaching this field). What was pressed is checked like `settings set` checks
it (a letter, a digit or F1–F12, with Ctrl, Alt or Super; not another action's keys), then
grabbed for a moment to see whether another program holds it; the refusal names why.
A combination another program holds never reaches this window at all, so the field says
so while it waits."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.core.combos import describe_combo, make_combo, valid_combo
from desktop.core.settings import Option, SettingError
from desktop.core.text import N_, Message
from desktop.i18n import _
from desktop.ui.settings_fields import QUIET_STYLE, Editor
from desktop.ui.windows import HotkeyAccess

# Keys that only modify: a modifier pressed on its own and the modifier it is (X reports
# a key's own modifier only from the next event on), or "" for a lock key.
_ONLY_MODIFIERS = {Qt.Key.Key_Control: "ctrl", Qt.Key.Key_Alt: "alt", Qt.Key.Key_Shift: "shift",
                   Qt.Key.Key_Meta: "super", Qt.Key.Key_Super_L: "super",
                   Qt.Key.Key_Super_R: "super", Qt.Key.Key_AltGr: "",
                   Qt.Key.Key_Hyper_L: "", Qt.Key.Key_Hyper_R: "",
                   # Lock keys change no combination: the grab covers them either way.
                   Qt.Key.Key_NumLock: "", Qt.Key.Key_CapsLock: "", Qt.Key.Key_ScrollLock: ""}
_FUNCTION_KEYS = {getattr(Qt.Key, f"Key_F{n}"): f"f{n}" for n in range(1, 13)}


def held_modifiers(modifiers: Qt.KeyboardModifier) -> set[str]:
    """Qt's modifiers in the stored spelling (Qt calls macOS's Command key Control)."""
    mac = sys.platform == "darwin"
    names = {Qt.KeyboardModifier.ControlModifier: "cmd" if mac else "ctrl",
             Qt.KeyboardModifier.MetaModifier: "ctrl" if mac else "super",
             Qt.KeyboardModifier.AltModifier: "alt",
             Qt.KeyboardModifier.ShiftModifier: "shift"}
    return {name for flag, name in names.items() if modifiers & flag}


def key_name(key: int) -> str | None:
    """The stored name of a key a hotkey may end with, or None."""
    if Qt.Key.Key_A <= key <= Qt.Key.Key_Z:
        return chr(ord("a") + key - Qt.Key.Key_A)
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return chr(ord("0") + key - Qt.Key.Key_0)
    return _FUNCTION_KEYS.get(Qt.Key(key))


class HotkeyEditor(Editor):
    def __init__(self, opt: Option, access: HotkeyAccess, parent: QWidget | None = None) -> None:
        super().__init__(opt, parent)
        self.access = access
        self.recording = False
        self._value = ""
        self._before = ""
        self._refused: str | None = None  # N_ text: what was pressed cannot be a hotkey
        self.button = QPushButton(self)
        self.button.setMinimumWidth(130)
        self.button.clicked.connect(self.start_recording)
        self.button.installEventFilter(self)
        self.clear = QPushButton(self)
        self.clear.clicked.connect(self._clear)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(QUIET_STYLE)
        self.row.addWidget(self.button)
        self.row.addWidget(self.clear)
        self.row.addStretch()
        self.column.addWidget(self.status)
        self.retranslate()

    # What the field shows ---------------------------------------------------------
    def retranslate(self) -> None:
        self.clear.setText(_("Clear"))
        self._show()

    def set_name(self, name: str) -> None:
        self.button.setAccessibleName(name)
        self.clear.setAccessibleName(_("{name}: no hotkey").format(name=name))

    def _show(self, pressed: set[str] | None = None) -> None:
        if self.recording:
            held = "+".join(describe_combo(make_combo(pressed or set(), "x")).split("+")[:-1])
            self.button.setText(f"{held}+…" if held else _("Press the keys…"))
            self.status.setText(_(
                "Press the new combination, or Esc to keep the old one. If nothing happens, "
                "another program has taken those keys."))
            return
        self.button.setText(describe_combo(self._value) if self._value else _("None"))
        reason = self.access.problems().get(self._value) if self._value else None
        self.status.setText(_("Not working now: {reason}").format(reason=reason)
                            if reason else "")
        self.status.setVisible(bool(reason))

    def value(self) -> Any:
        if self._refused is not None:
            raise SettingError(self.option.key, Message(self._refused))
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = str(value)
        self._refused = None
        if not self.recording:
            self._show()

    def focus_widgets(self) -> list[QWidget]:
        return [self.button, self.clear]

    # Recording --------------------------------------------------------------------
    def start_recording(self) -> None:
        if self.recording:
            return
        self.access.suspend()
        self.recording = True
        self.status.show()
        self.button.setFocus()
        self._show()

    def _stop_recording(self) -> None:
        self.recording = False
        self._show()

    def cancel(self) -> None:
        if self.recording:
            self._stop_recording()
            self.access.resume()

    def _clear(self) -> None:
        self.cancel()
        self._set_pressed("")

    def refused(self) -> None:
        self._value = self._before  # the combination in force, beside why not the new one

    def _set_pressed(self, combo: str, refused: str | None = None) -> None:
        self._refused = refused
        self._before = self._value
        self._value = combo if refused is None else self._value
        self.committed.emit()  # the row checks, saves or shows the refusal
        self.access.resume()  # grabs again, with the new combination if it was saved
        self._show()

    def press(self, key: int, modifiers: Qt.KeyboardModifier) -> None:
        """A key pressed while recording (also what tests drive)."""
        if key == Qt.Key.Key_Escape and not held_modifiers(modifiers):
            self.cancel()
            return
        mods = held_modifiers(modifiers)
        if key in _ONLY_MODIFIERS:
            self._show(mods | {_ONLY_MODIFIERS[Qt.Key(key)]} - {""})
            return
        self.recording = False
        name = key_name(key)
        combo = make_combo(mods, name) if name else ""
        if not combo or not valid_combo(combo):
            self._set_pressed("", N_("Hold Ctrl, Alt or Super and press a letter, a digit "
                                     "or F1–F12."))
            return
        self._set_pressed(combo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and self.recording:
            kind = event.type()
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the window's shortcuts must not take the keys first
                return True
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                self.press(event.key(), event.modifiers())
                return True
            if kind == QEvent.Type.FocusOut:
                self.cancel()
        return super().eventFilter(watched, event)
