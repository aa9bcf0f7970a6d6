"""What the settings window, the welcome and the keyboard toast show, for
`describe` (end-to-end tests click where a person would). Imports a window's module only
when that window is open."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.ui.popups import Popups
from desktop.ui.windows import WindowRegistry


def centre(widget: QWidget) -> list[int]:
    point = widget.mapToGlobal(widget.rect().center())
    return [point.x(), point.y()]


def open_windows(windows: WindowRegistry) -> list[str]:
    return [name for name in windows.specs if windows.get(name) is not None]


def settings(windows: WindowRegistry) -> dict[str, Any] | None:
    """Each hotkey field: what it shows, whether it records, its error, where it is."""
    window = windows.get("settings")
    if window is None:
        return None
    from desktop.ui.hotkey_field import HotkeyEditor
    from desktop.ui.settings_window import SettingsWindow

    assert isinstance(window, SettingsWindow)
    fields = {}
    for key, row in window.rows.items():
        editor = row.editor
        if isinstance(editor, HotkeyEditor):
            fields[key] = {"text": editor.button.text(), "recording": editor.recording,
                           "error": row.error.text() if row.error.isVisible() else "",
                           "at": centre(editor.button)}
    return {"title": window.windowTitle(), "active": window.isActiveWindow(),
            "hotkeys": fields}


def toast(popups: Popups) -> dict[str, Any]:
    if not popups.toast_visible():
        return {"keyboard": False, "active": False}
    shown = popups.toast
    return {"keyboard": shown.keyboard, "active": shown.isActiveWindow(),
            "title": shown.title.text()}
