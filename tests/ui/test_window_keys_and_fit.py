"""Every window, in each of our three languages, as the keyboard and the eye meet it: no
two visible controls share an access key (Qt then only cycles focus between them, so
Alt+key no longer presses the button), and no button or one-line label is cut short at
the size the window opens with or keeps after a language change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.settings_window import SettingsWindow
from tests.ui.settings_helpers import App

LANGUAGES = ("en", "es", "zh_CN")
WINDOWS = ("welcome", "settings", "contacts", "phrases", "journal", "journal-list",
           "history", "checkin", "breathe", "break")
SHOTS = Path("artifacts/screenshots/windows")


def access_key(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def problems(window: QWidget) -> list[str]:
    """Shared access keys and cut text among the controls ``window`` shows now."""
    layout = window.layout()
    if layout is not None:
        layout.activate()  # as the event loop would: the window takes its minimum size
    found: list[str] = []
    keys: dict[str, list[str]] = {}
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        text = ""
        shown = ""
        if isinstance(widget, QAbstractButton | QLabel):
            shown = widget.text()
            if isinstance(widget, QAbstractButton) or widget.buddy() is not None:
                text = shown
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        key = access_key(text)
        if key:
            keys.setdefault(key, []).append(text)
        one_line = not (isinstance(widget, QLabel) and widget.wordWrap())
        if shown and one_line and widget.width() < widget.sizeHint().width() - 1:
            found.append(f"cut short: {shown!r} "
                         f"({widget.width()} < {widget.sizeHint().width()} px)")
    found += [f"one access key for {texts}" for texts in keys.values() if len(texts) > 1]
    return found


def switch_language(app: App, language: str) -> None:
    app.store.put_setting("ui.language", language)  # as `breakwater settings set` does
    app.controller.handle({"cmd": "reload"})


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_window_shares_an_access_key_or_cuts_its_text(app: App, qtbot: QtBot,
                                                        language: str) -> None:
    switch_language(app, language)
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen: dict[str, list[str]] = {}
    for name in WINDOWS:
        window = app.controller.windows.open(name, {}, activate=False)
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        if isinstance(window, SettingsWindow):
            for row in range(window.list.count()):
                window.list.setCurrentRow(row)
                seen[f"{name} page {row}"] = problems(window)
                window.grab().save(str(SHOTS / f"{name}-{row}-{language}.png"))
        else:
            seen[name] = problems(window)
            window.grab().save(str(SHOTS / f"{name}-{language}.png"))
        window.close()
    status = app.controller.window
    assert status is not None
    seen["status window"] = problems(status)
    status.grab().save(str(SHOTS / f"status-{language}.png"))
    assert {name: found for name, found in seen.items() if found} == {}


def test_the_status_window_follows_a_language_change_in_full(app: App) -> None:
    status = app.controller.window
    assert status is not None
    switch_language(app, "es")
    assert status.quit_button.text() == "&Salir de Breakwater"
    assert status.quit_button.accessibleName() == "Salir de Breakwater"
    assert problems(status) == []
    switch_language(app, "zh_CN")
    assert status.quit_button.text() == "退出 Breakwater(&Q)"
    assert problems(status) == []
