"""The first-run welcome: once, with the hotkeys' state and fix, the file, the language
(applied at once) and starting at login (off unless ticked)."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.i18n import setup
from desktop.ui.settings_window import SettingsWindow
from desktop.ui.welcome_open import WelcomeWindow
from tests.ui.settings_helpers import App, start_app

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def welcome(app: App) -> WelcomeWindow | None:
    window = app.controller.windows.get("welcome")
    assert window is None or isinstance(window, WelcomeWindow)
    return window


def test_the_welcome_is_shown_once(app: App, qtbot: QtBot) -> None:
    assert app.store.get_state("welcome_shown_utc") is None
    app.controller.welcome_if_first_run()
    shown = welcome(app)
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    assert app.store.get_state("welcome_shown_utc") == '"2026-09-22T10:00:00.000000Z"'
    assert shown.title.text() == "Welcome to Breakwater"
    assert [combo.text() for combo, _state in shown.keys] == [
        "Ctrl+Alt+H tags a difficult call", "Ctrl+Alt+G tags an ordinary call"]
    assert [state.text() for _combo, state in shown.keys] == ["ready", "ready"]
    assert not shown.fix.isVisible()
    assert str(app.store.path) in shown.data.text()
    assert not shown.autostart.box.isChecked()  # unticked unless the user ticks it
    assert app.autostart.changes == []
    shown.close()
    app.controller.shutdown()
    again = start_app(app.store, app.clock, qtbot)  # the next start, same file
    again.controller.welcome_if_first_run()
    assert welcome(again) is None
    again.controller.shutdown()


def test_a_hotkey_that_was_not_grabbed_is_named_with_the_fix(
        app: App, qtbot: QtBot) -> None:
    app.controller.shutdown()
    refused = start_app(app.store, app.clock, qtbot, refuse={"<ctrl>+<alt>+h"})
    refused.controller.welcome_if_first_run()
    shown = welcome(refused)
    assert shown is not None
    qtbot.addWidget(shown)
    assert [state.text() for _combo, state in shown.keys] == [
        "not available: taken by another program", "ready"]
    assert shown.fix.isVisible() and "breakwater tag difficult" in shown.fix.text()
    refused.controller.windows.close_all()
    refused.controller.shutdown()


def test_language_applies_live_and_autostart_is_ticked_from_the_welcome(
        app: App, qtbot: QtBot) -> None:
    app.controller.welcome_if_first_run()
    shown = welcome(app)
    assert shown is not None
    qtbot.addWidget(shown)
    shown.language.combo.setCurrentIndex(shown.language.combo.findData("es"))
    assert app.service.settings["ui.language"] == "es"
    assert shown.title.text() != "Welcome to Breakwater"  # the same window, in Spanish
    assert "&Salir de Breakwater" in [a.text() for a in app.controller.menu.actions()]
    shown.autostart.box.click()
    assert app.autostart.changes == [True]


def test_settings_can_show_the_welcome_again(app: App, qtbot: QtBot) -> None:
    app.controller.welcome_if_first_run()
    first = welcome(app)
    assert first is not None
    first.close()
    settings = app.controller.windows.open("settings")
    assert isinstance(settings, SettingsWindow)
    qtbot.addWidget(settings)
    settings.welcome.click()
    again = welcome(app)
    assert again is not None and again.isVisible() and again is not first
    qtbot.addWidget(again)


def test_screenshots_of_the_welcome(app: App, qtbot: QtBot) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("en", "es", "zh_CN"):
        setup(language)
        window = WelcomeWindow(app.controller.windows.ctx)
        qtbot.addWidget(window)
        window.show()
        assert window.grab().save(str(SHOTS / f"welcome-{language}.png"))
        window.close()
