"""The settings window in the running tray app: generated from the registry, validated like
`settings set`, every change applied at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from desktop.core.model import Kind
from desktop.core.settings import GROUPS, HOTKEY, OPTIONS, TIME_RANGE
from desktop.ui.hotkey_field import HotkeyEditor
from desktop.ui.privacy_page import PrivacySection
from desktop.ui.settings_fields import (
    BoolEditor,
    ChoiceEditor,
    FieldRow,
    NumberEditor,
    TimeRangeEditor,
)
from desktop.ui.settings_window import SettingsWindow
from tests.ui.settings_helpers import App

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def open_settings(app: App, qtbot: QtBot, page: str | None = None) -> SettingsWindow:
    window = app.controller.windows.open("settings", {"page": page} if page else {})
    assert isinstance(window, SettingsWindow)
    qtbot.addWidget(window)
    return window


def row(window: SettingsWindow, key: str) -> FieldRow:
    return window.rows[key]


def test_the_tray_menu_opens_the_settings(app: App, qtbot: QtBot) -> None:
    entry = next(a for a in app.controller.menu.actions() if a.text() == "&Settings…")
    entry.trigger()
    window = app.controller.windows.get("settings")
    assert isinstance(window, SettingsWindow) and window.isVisible()
    qtbot.addWidget(window)


def test_every_registry_key_has_a_field_of_the_right_kind(app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot)
    assert set(window.rows) == {o.key for o in OPTIONS}
    for opt in OPTIONS:
        editor = window.rows[opt.key].editor
        expected = (HotkeyEditor if opt.kind == HOTKEY else ChoiceEditor if opt.choices
                    else BoolEditor if opt.type is bool
                    else NumberEditor if opt.type in (int, float)
                    else TimeRangeEditor if opt.kind == TIME_RANGE else None)
        if expected is not None:
            assert isinstance(editor, expected), opt.key
        assert row(window, opt.key).description.text() == opt.doc  # its description
        page = window.pages[opt.group]
        assert row(window, opt.key) in page.rows  # on its group's page
        for widget in editor.focus_widgets():
            assert widget.accessibleName(), opt.key
    titles = [window.list.item(i).text() for i in range(window.list.count())]
    assert titles == [title for group, title in GROUPS if group in window.pages]
    assert "privacy" in window.pages
    spin = row(window, "load.default_severity").editor
    assert isinstance(spin, NumberEditor)
    assert (spin.spin.minimum(), spin.spin.maximum()) == (1, 3)


def test_a_bad_value_shows_its_error_beside_the_field_and_is_not_saved(
        app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot, "nudges")
    building = row(window, "levels.building_at")
    assert isinstance(building.editor, NumberEditor)
    building.editor.spin.setValue(7)  # above 'high' (6)
    assert building.error.isVisible()
    assert building.error.text() == "must be less than levels.high_at (6.0)"
    assert not row(window, "levels.high_at").error.isVisible()
    assert app.service.settings["levels.building_at"] == 3.0
    assert app.store.raw_settings() == {}
    building.editor.spin.setValue(4)  # corrected: saved, and the error goes
    assert not building.error.isVisible()
    assert app.store.raw_settings() == {"levels.building_at": 4.0}

    quiet = row(window, "nudges.quiet_hours").editor
    assert isinstance(quiet, TimeRangeEditor)
    quiet.start.setTime(QTime(12, 0))
    quiet.end.setTime(QTime(12, 0))
    quiet.on.setChecked(True)
    assert row(window, "nudges.quiet_hours").error.text() == (
        "'12:00-12:00' is not valid (HH:MM-HH:MM)")
    quiet.end.setTime(QTime(13, 0))
    quiet.end.editingFinished.emit()
    assert app.service.settings["nudges.quiet_hours"] == "12:00-13:00"


def test_a_change_reaches_the_running_service_the_policy_and_the_tray(
        app: App, qtbot: QtBot) -> None:
    app.controller.tag(Kind.DIFFICULT, severity=3)  # load 3.0: 'building' by default
    status = app.controller.window
    assert status is not None and "(building)" in status.summary.text()
    window = open_settings(app, qtbot, "nudges")
    high = row(window, "levels.high_at").editor
    building = row(window, "levels.building_at").editor
    assert isinstance(high, NumberEditor) and isinstance(building, NumberEditor)
    high.spin.setValue(8)
    building.spin.setValue(3.5)
    settings = app.service.settings
    assert settings["levels.building_at"] == 3.5
    assert app.controller.nudges.policy.settings is settings
    assert app.service.tracker.settings is settings
    assert "(calm)" in status.summary.text()  # re-evaluated at once, no tick needed
    enabled = row(window, "nudges.enabled").editor
    assert isinstance(enabled, BoolEditor)
    enabled.box.setChecked(False)
    assert app.controller.nudges.policy.settings["nudges.enabled"] is False
    assert app.store.raw_settings()["nudges.enabled"] is False


def test_a_setting_changed_from_the_command_line_shows_in_the_open_window(
        app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot, "breathing")
    app.store.put_setting("breathing.minutes", 5)  # as `breakwater settings set` writes,
    assert app.controller.handle({"cmd": "reload"})["ok"]  # then asks the app to reload
    minutes = row(window, "breathing.minutes").editor
    assert isinstance(minutes, ChoiceEditor)
    assert minutes.value() == 5 and minutes.combo.currentText() == "5 min"
    assert app.controller.nudges.policy.settings["breathing.minutes"] == 5


def record(editor: HotkeyEditor, key: Qt.Key,
           modifiers: Qt.KeyboardModifier = CTRL_ALT) -> None:
    editor.button.click()
    assert editor.recording
    editor.press(int(key), modifiers)


def test_a_recorded_hotkey_is_grabbed_at_once_and_ours_are_let_go_meanwhile(
        app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot)
    difficult = row(window, "hotkeys.difficult").editor
    assert isinstance(difficult, HotkeyEditor)
    assert difficult.button.text() == "Ctrl+Alt+H"
    qtbot.keyClick(difficult.button, Qt.Key.Key_Space)  # the keyboard starts it too
    assert difficult.recording and app.hotkeys.bindings == {}  # ours let go
    qtbot.keyClick(difficult.button, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    assert difficult.button.text() == "Ctrl+…"
    qtbot.keyClick(difficult.button, Qt.Key.Key_NumLock)  # a lock key changes nothing
    assert difficult.recording
    qtbot.keyClick(difficult.button, Qt.Key.Key_K, CTRL_ALT)
    assert not difficult.recording and difficult.button.text() == "Ctrl+Alt+K"
    assert app.service.settings["hotkeys.difficult"] == "<ctrl>+<alt>+k"
    assert set(app.hotkeys.bindings) == {"<ctrl>+<alt>+k", "<ctrl>+<alt>+g", "<ctrl>+<alt>+j"}
    app.hotkeys.press("<ctrl>+<alt>+k")  # the new key tags, on the listener's thread
    qtbot.waitUntil(lambda: app.service.status().difficult_today == 1)


def test_esc_keeps_the_old_hotkey_and_grabs_it_again(app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot)
    editor = row(window, "hotkeys.ordinary").editor
    assert isinstance(editor, HotkeyEditor)
    editor.button.click()
    qtbot.keyClick(editor.button, Qt.Key.Key_Escape)
    assert not editor.recording and editor.button.text() == "Ctrl+Alt+G"
    assert len(app.hotkeys.bindings) == 3


def test_one_combination_is_refused_for_two_actions_naming_the_other(
        app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot)
    editor = row(window, "hotkeys.amend").editor
    assert isinstance(editor, HotkeyEditor)
    record(editor, Qt.Key.Key_H)
    assert row(window, "hotkeys.amend").error.text() == (
        "hotkeys.difficult already uses Ctrl+Alt+H")
    assert app.service.settings["hotkeys.amend"] == "<ctrl>+<alt>+j"
    assert editor.button.text() == "Ctrl+Alt+J"  # the one in force, beside why not H
    assert set(app.hotkeys.bindings) == {"<ctrl>+<alt>+h", "<ctrl>+<alt>+g", "<ctrl>+<alt>+j"}


def test_a_combination_another_program_holds_is_refused_naming_why(
        app: App, qtbot: QtBot) -> None:
    app.hotkeys.refuse = {"<ctrl>+<alt>+t"}
    window = open_settings(app, qtbot)
    editor = row(window, "hotkeys.ordinary").editor
    assert isinstance(editor, HotkeyEditor)
    record(editor, Qt.Key.Key_T)
    assert row(window, "hotkeys.ordinary").error.text() == (
        "Ctrl+Alt+T cannot be used: taken by another program")
    assert app.service.settings["hotkeys.ordinary"] == "<ctrl>+<alt>+g"
    record(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # no Ctrl/Alt/Super
    assert row(window, "hotkeys.ordinary").error.text() == (
        "Hold Ctrl, Alt or Super and press a letter, a digit or F1–F12.")
    record(editor, Qt.Key.Key_Left)
    assert row(window, "hotkeys.ordinary").error.isVisible()
    record(editor, Qt.Key.Key_F5, Qt.KeyboardModifier.AltModifier)
    assert not row(window, "hotkeys.ordinary").error.isVisible()
    assert app.service.settings["hotkeys.ordinary"] == "<alt>+<f5>"
    editor.clear.click()
    assert app.service.settings["hotkeys.ordinary"] == ""
    assert editor.button.text() == "None" and "<alt>+<f5>" not in app.hotkeys.bindings


def test_closing_while_recording_grabs_the_hotkeys_again(app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot)
    editor = row(window, "hotkeys.difficult").editor
    assert isinstance(editor, HotkeyEditor)
    editor.button.click()
    assert app.hotkeys.bindings == {}
    window.close()
    assert len(app.hotkeys.bindings) == 3


def test_autostart_is_toggled_where_the_desktop_looks(app: App, qtbot: QtBot) -> None:
    window = open_settings(app, qtbot, "privacy")
    section = window.pages["privacy"].privacy
    assert isinstance(section, PrivacySection)
    box = section.autostart.box
    assert not box.isChecked()
    box.click()
    assert app.autostart.changes == [True] and app.autostart.enabled()
    box.click()
    assert app.autostart.changes == [True, False]
    app.autostart.fail = True
    box.click()
    assert not box.isChecked()  # it did not happen, and the field says why
    assert section.autostart.error.text() == "fake autostart cannot be changed"


def test_export_and_delete_everything_from_the_privacy_page(
        app: App, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app.controller.tag(Kind.DIFFICULT)
    window = open_settings(app, qtbot, "privacy")
    section = window.pages["privacy"].privacy
    assert isinstance(section, PrivacySection)
    assert str(app.store.path) in section.path.text()
    target = tmp_path / "out.json"
    monkeypatch.setattr(section, "ask_export_path", lambda fmt: target)
    section.export_json.click()
    document = json.loads(target.read_text())
    assert len(document["tables"]["interactions"]) == 1
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert section.result.text() == f"Exported to {target}"
    folder = tmp_path / "csv"
    monkeypatch.setattr(section, "ask_export_path", lambda fmt: folder)
    section.export_csv.click()
    assert (folder / "interactions.csv").read_text().count("\n") == 2

    row(window, "levels.high_at").editor.set_value(8)
    row(window, "levels.high_at").commit()
    monkeypatch.setattr(section, "confirm_delete", lambda: False)
    section.delete.click()
    assert app.store.interaction_count() == 1  # "Keep my data"
    monkeypatch.setattr(section, "confirm_delete", lambda: True)
    section.delete.click()
    assert app.store.interaction_count() == 0 and app.store.raw_settings() == {}
    assert app.service.status().load == 0
    high = row(window, "levels.high_at").editor
    assert isinstance(high, NumberEditor) and high.value() == 6.0  # back to the default
    assert app.controller.nudges.policy.settings["levels.high_at"] == 6.0


def test_screenshots_of_every_page(app: App, qtbot: QtBot) -> None:
    from desktop.i18n import setup

    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("en", "es", "zh_CN"):
        setup(language)
        window = open_settings(app, qtbot)
        window.retranslate()
        for i, group in enumerate(window.pages):
            window.show_page(group)
            assert window.stack.currentWidget() is window.pages[group]
            path = SHOTS / f"settings-{language}-{i + 1}-{group}.png"
            assert window.grab().save(str(path))
        window.close()


def test_every_control_is_reachable_by_keyboard_and_named(app: App, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

    settings = open_settings(app, qtbot)
    welcome = app.controller.windows.open("welcome")
    qtbot.addWidget(welcome)
    for window in (settings, welcome):
        controls = [w for w in window.findChildren(QWidget)
                    if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
                    and w.window() is window  # not a list's own popup
                    and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]
        assert controls
        unnamed = [type(w).__name__ for w in controls
                   if not w.accessibleName().strip()
                   and type(w).__name__ not in ("QScrollBar", "QScrollArea", "SettingsPage")]
        assert unnamed == [], window.windowTitle()


def test_autostart_with_the_real_linux_adapter_writes_and_removes_the_entry(
        app: App, qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.platform.autostart import create_autostart

    config = tmp_path / "config"
    app.controller.windows.ctx.autostart = create_autostart(
        platform="linux", command=["/opt/breakwater/breakwater"],
        env={"XDG_CONFIG_HOME": str(config), "XDG_CONFIG_DIRS": str(tmp_path / "none")},
        home=tmp_path)
    window = open_settings(app, qtbot, "privacy")
    section = window.pages["privacy"].privacy
    assert isinstance(section, PrivacySection)
    entry = config / "autostart" / "breakwater.desktop"
    assert str(entry) in section.autostart.where.text()
    assert not section.autostart.box.isChecked() and not entry.exists()
    section.autostart.box.click()
    assert "Exec=/opt/breakwater/breakwater" in entry.read_text()
    section.autostart.box.click()
    assert not entry.exists()


def test_every_number_reaches_its_minimum_and_maximum_from_the_window(
        app: App, qtbot: QtBot) -> None:
    """The spin box's range and precision are the registry's: a minimum the box rounds
    (two decimals) or a bound it cannot reach would be a value only the command line can
    set. Pairs that must stay ordered are moved out of the way first."""
    window = open_settings(app, qtbot)
    partner = {"levels.building_at": ("levels.high_at", 100.0),
               "streak.building_at": ("streak.high_at", 100),
               "levels.high_at": ("levels.building_at", 0.5),
               "streak.high_at": ("streak.building_at", 1)}
    numbers = [o for o in OPTIONS if o.type in (int, float) and not o.choices]
    assert numbers
    for opt in numbers:
        if opt.key in partner:
            other, value = partner[opt.key]
            app.service.change_setting(other, value)
            window.refresh()
        editor = row(window, opt.key).editor
        assert isinstance(editor, NumberEditor)
        for bound in (opt.maximum, opt.minimum):
            assert bound is not None
            editor.spin.setValue(bound)
            assert not row(window, opt.key).error.isVisible(), (opt.key, bound)
            assert app.service.settings[opt.key] == bound, (opt.key, bound)
        app.service.reset_setting(opt.key)
        for other, _value in [partner[opt.key]] if opt.key in partner else []:
            app.service.reset_setting(other)
        window.refresh()
