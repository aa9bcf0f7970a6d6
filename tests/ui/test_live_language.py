"""A language chosen while the app runs reaches every open window, the menu, the popups and
what is said next, without reopening anything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.load import Level, Snapshot
from desktop.core.model import Kind
from desktop.core.nudge import NudgeKind
from desktop.i18n import setup
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.breathing_window import BreathingWindow
from desktop.ui.settings_fields import ChoiceEditor
from desktop.ui.settings_window import SettingsWindow
from tests.ui.settings_helpers import T0, App, start_app


def menu_texts(app: App) -> list[str]:
    return [a.text() for a in app.controller.menu.actions() if not a.isSeparator()]


def test_choosing_spanish_in_settings_switches_every_open_window(
        app: App, qtbot: QtBot) -> None:
    breathing = app.controller.windows.open("breathe", {"minutes": 1}, activate=False)
    assert isinstance(breathing, BreathingWindow)
    qtbot.addWidget(breathing)
    qtbot.keyClick(breathing.before.confirm, Qt.Key.Key_Return)  # the count-in runs
    settings = app.controller.windows.open("settings", {"page": "language"})
    assert isinstance(settings, SettingsWindow)
    qtbot.addWidget(settings)
    app.controller.tag(Kind.DIFFICULT)  # the toast is up
    app.controller.popups.show_nudge(NudgeKind.BREAK, Snapshot(0.0, 6.5, Level.HIGH, 3, 3, 0, None))
    app.controller.popups.ask_about_call()
    assert "&Quit Breakwater" in menu_texts(app)
    assert breathing.windowTitle() == "Breathe — Breakwater"

    language = settings.rows["ui.language"].editor
    assert isinstance(language, ChoiceEditor)
    language.combo.setCurrentIndex(language.combo.findData("es"))

    assert app.service.settings["ui.language"] == "es"
    assert app.store.raw_settings() == {"ui.language": "es"}
    # The same window objects, now in Spanish:
    assert app.controller.windows.get("breathe") is breathing
    assert breathing.windowTitle() == "Respirar — Breakwater"
    assert breathing.before.heading.text() == "Respiración guiada"
    assert breathing.pause_button.text() == "Pausa (Espacio)"
    assert settings.list.item(0).text() == "Etiquetado"
    assert settings.rows["load.default_severity"].description.text() != (
        "Severity given to a difficult tag when none is chosen (1–3).")
    assert "&Salir de Breakwater" in menu_texts(app)
    toast = app.controller.popups.toast
    assert toast.undo_button.text() == "Deshacer"
    card = app.controller.popups.card
    assert card.accept_button.text() == "Tomar una pausa"
    assert card.dismiss_button.text() == "Descartar"
    ask = app.controller.popups._ask
    assert ask is not None and ask.title.text() != "How was that call?"
    status = app.controller.window
    assert status is not None and "Carga" in status.summary.text()
    assert status.buttons["difficult"].text() == "Etiquetar &difícil"
    app.controller.tag(Kind.DIFFICULT)  # what is said next is in Spanish too
    assert toast.title.text() != "Difficult interaction recorded"


def test_the_command_line_switches_the_running_app_too(app: App, qtbot: QtBot) -> None:
    settings = app.controller.windows.open("settings")
    assert isinstance(settings, SettingsWindow)
    qtbot.addWidget(settings)
    app.store.put_setting("ui.language", "zh_CN")  # `breakwater settings set ui.language
    app.controller.handle({"cmd": "reload"})  # zh_CN` writes, then asks the app to reload
    assert settings.list.item(0).text() == "标记"
    assert "退出 Breakwater(&Q)" in menu_texts(app)
    language = settings.rows["ui.language"].editor
    assert isinstance(language, ChoiceEditor) and language.value() == "zh_CN"
    app.store.delete_setting("ui.language")  # `settings reset ui.language`: the system's
    app.controller.handle({"cmd": "reload"})
    assert settings.list.item(0).text() == "Tagging"  # LANGUAGE=en in the tests
    assert "&Quit Breakwater" in menu_texts(app)


def test_why_a_hotkey_could_not_be_grabbed_follows_the_language(
        tmp_path: Path, qtbot: QtBot) -> None:
    """The platform says why as the grab fails, in the language of that moment: the
    welcome and the settings window showed "taken by another program" in Spanish."""
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    app = start_app(store, FakeClock(T0), qtbot, refuse={"<ctrl>+<alt>+h"})
    try:
        told = len(app.notifier.sent)
        welcome = app.controller.windows.open("welcome")
        qtbot.addWidget(welcome)
        assert app.controller.windows.ctx.hotkeys.problems() == {
            "<ctrl>+<alt>+h": "taken by another program"}
        app.store.put_setting("ui.language", "es")
        app.controller.handle({"cmd": "reload"})
        assert app.controller.windows.ctx.hotkeys.problems() == {
            "<ctrl>+<alt>+h": "ya la usa otro programa"}
        texts = [label.text() for label in welcome.findChildren(QLabel)]
        assert any("ya la usa otro programa" in text for text in texts), texts
        assert not any("taken by another program" in text for text in texts)
        assert len(app.notifier.sent) == told  # the same keys failing is not news
    finally:
        app.controller.windows.close_all()
        app.controller.shutdown()
        store.close()
        setup("en")
