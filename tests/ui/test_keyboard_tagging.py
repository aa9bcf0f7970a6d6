"""Tagging from the keyboard alone: the amend hotkey brings the last tag's toast forward
with focus; digits, letters, a note, Enter saves and Esc leaves it as it was."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.model import NOTE_MAX_CHARS, Kind
from desktop.ui.access_keys import access_letters
from desktop.ui.toast import Toast
from tests.ui.settings_helpers import App

AMEND = "<ctrl>+<alt>+j"
SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def tag_row(app: App) -> tuple[object, ...]:
    return tuple(app.store.conn.execute(
        "SELECT severity, reason, note FROM interactions ORDER BY id DESC").fetchone())


def amend(app: App, qtbot: QtBot) -> Toast:
    app.hotkeys.press(AMEND)  # on the listener thread, as X delivers it
    toast = app.controller.popups.toast
    qtbot.waitUntil(lambda: toast.keyboard and toast.isVisible())
    return toast


def test_letters_are_taken_from_each_label_and_never_repeat() -> None:
    assert access_letters([(1, "Abusive"), (2, "Distressed"), (3, "Oversharing"),
                           (4, "Unresolved"), (5, "Other")]) == {
        1: "a", 2: "d", 3: "o", 4: "u", 5: "t"}
    assert access_letters([(1, "辱骂"), (2, "痛苦"), (3, "Ab")]) == {1: "a", 2: "b", 3: "c"}


def test_digits_letters_and_a_note_then_enter_saves(app: App, qtbot: QtBot) -> None:
    app.controller.tag(Kind.DIFFICULT)
    toast = app.controller.popups.toast
    assert toast.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus  # as tagged
    toast = amend(app, qtbot)
    # Now, and only now, the toast may take focus: the user asked for it.
    assert not toast.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert not toast.timer.isActive()  # it waits for the user
    assert toast.note.isVisible() and toast.keys_hint.isVisible()
    assert toast.reason_buttons[next(iter(toast.reason_buttons))].text() == (
        "A · Abusive or hostile")
    assert toast.note.maxLength() == NOTE_MAX_CHARS
    qtbot.keyClick(toast, Qt.Key.Key_3)
    qtbot.keyClick(toast, "d")
    assert toast.severity_buttons[3].isChecked()
    assert tag_row(app) == (2, None, None)  # nothing saved before Enter
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert toast.grab().save(str(SHOTS / "toast-keyboard.png"))
    toast.note.setFocus()
    qtbot.keyClicks(toast.note, "asked for my address")
    qtbot.keyClick(toast.note, Qt.Key.Key_Return)
    assert tag_row(app) == (3, "distressed", "asked for my address")
    assert app.service.status().load == 3.0  # load follows at once
    assert not toast.isVisible() and not toast.keyboard
    assert toast.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus  # never again


def test_esc_leaves_the_tag_as_it_was(app: App, qtbot: QtBot) -> None:
    app.controller.tag(Kind.DIFFICULT, note="first")
    toast = amend(app, qtbot)
    assert toast.note.text() == "first"
    qtbot.keyClick(toast, Qt.Key.Key_1)
    qtbot.keyClick(toast, "a")
    toast.note.setText("changed")
    qtbot.keyClick(toast.note, Qt.Key.Key_Escape)
    assert tag_row(app) == (2, None, "first")
    assert not toast.isAncestorOf(QApplication.focusWidget())  # gone from the keyboard
    assert not toast.isVisible() and not toast.keyboard


def test_an_ordinary_tag_takes_a_note_and_no_tag_is_said_plainly(
        app: App, qtbot: QtBot) -> None:
    app.hotkeys.press(AMEND)
    qtbot.waitUntil(lambda: bool(app.notifier.sent))
    assert app.notifier.sent[-1] == ("Breakwater", "There is no tag to change yet.")
    app.controller.tag(Kind.ORDINARY)
    toast = amend(app, qtbot)
    assert not toast.severity_row.isVisible() and not toast.reason_row.isVisible()
    qtbot.keyClicks(toast.note, "fine")
    qtbot.keyClick(toast, Qt.Key.Key_Return)
    assert tag_row(app) == (None, None, "fine")


def test_the_ordinary_toast_still_never_takes_focus(app: App, qtbot: QtBot) -> None:
    app.controller.tag(Kind.DIFFICULT)
    toast = app.controller.popups.toast
    focused = QApplication.focusWidget()
    assert toast.isVisible() and QApplication.activeWindow() is not toast
    assert focused is None or not toast.isAncestorOf(focused)
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
