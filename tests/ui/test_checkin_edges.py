"""The check-in from the keyboard alone, where a button has the keyboard; and the settings
saying so when the chosen time falls off shift (the offer would come late, or never)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.checkin_window import CheckinWindow
from desktop.ui.contacts_window import ContactsWindow
from desktop.ui.settings_window import SettingsWindow
from tests.ui.settings_helpers import App


def _checkin(app: App, qtbot: QtBot) -> CheckinWindow:
    window = app.controller.windows.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def test_enter_on_close_closes_without_saving(app: App, qtbot: QtBot) -> None:
    window = _checkin(app, qtbot)
    qtbot.keyClick(window.focusWidget(), "3")
    window.cancel_button.setFocus()
    qtbot.keyClick(window.cancel_button, Qt.Key.Key_Return)
    assert not window.isVisible()  # before: Enter saved, whatever had the keyboard
    assert app.store.query("SELECT count(*) FROM checkins") == [(0,)]


def test_enter_on_people_to_reach_opens_them(app: App, qtbot: QtBot) -> None:
    window = _checkin(app, qtbot)
    for key in ("5", "5", "5", "5", "5", "5"):
        qtbot.keyClick(window.focusWidget(), key)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.result
    assert window.result.support.isVisibleTo(window)  # 100: it points to people
    window.result.contacts_button.setFocus()
    qtbot.keyClick(window.result.contacts_button, Qt.Key.Key_Return)
    assert isinstance(app.controller.windows.get("contacts"), ContactsWindow)
    assert window.isVisible()  # before: Enter closed the check-in instead
    window.result.close_button.setFocus()
    qtbot.keyClick(window.result.close_button, Qt.Key.Key_Return)
    assert not window.isVisible()


def test_settings_say_when_the_check_in_falls_off_shift(app: App) -> None:
    window = app.controller.windows.open("settings", {"page": "support"})
    assert isinstance(window, SettingsWindow)
    note = window.pages["support"].note
    assert not note.isVisibleTo(window)
    app.controller.handle({"cmd": "reload"})
    app.service.set_setting("nudges.working_hours", "06:00-14:00")
    window.refresh()
    assert note.isVisibleTo(window)
    assert "Saturday at 06:00" in note.text() and note.accessibleName() == note.text()
    app.service.set_setting("checkin.day", "sun")
    window.refresh()
    assert "never be offered" in note.text()
    app.service.set_setting("checkin.time", "09:00")
    window.refresh()
    assert not note.isVisibleTo(window)
    assert all(not page.note.isVisibleTo(window) for page in window.pages.values())
