"""The check-in, people and phrases windows, and the tray's support parts, with pytest-qt,
a fake clock and a real SQLite file. Screenshots in three languages go to
artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.model import Kind
from desktop.core.nudge import NudgePolicy
from desktop.i18n import setup
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.idle import FakeIdle
from desktop.platform.notify import FakeNotifier
from desktop.service import Breakwater, contacts
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui import plain
from desktop.ui.checkin_window import CheckinWindow
from desktop.ui.contacts_window import ContactsWindow
from desktop.ui.controller import TrayController
from desktop.ui.icons import tooltip_text
from desktop.ui.phrases_window import PhrasesWindow
from desktop.ui.windows import WindowContext, WindowRegistry

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
MONDAY = 1_790_035_200.0  # Monday 21 September 2026, 00:00 UTC
DAY, HOUR, WEEK = 86_400.0, 3600.0, 7 * 86_400.0
FRIDAY_3PM = MONDAY + 4 * DAY + 15 * HOUR


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_database(tmp_path / "b.sqlite3")
    s = Store(opened.conn, opened.path)
    yield s
    s.close()


@pytest.fixture
def language() -> Iterator[None]:
    yield
    setup("en")


class Windows:
    def __init__(self, store: Store, clock: FakeClock) -> None:
        self.clock = clock
        self.service = Breakwater.open(store, clock)
        self.told: list[tuple[str, str]] = []
        self.ctx = WindowContext(self.service, alone=True,
                                 tell=lambda t, x: self.told.append((t, x)))
        self.registry = WindowRegistry(self.ctx)
        self.ctx.events.open_requested.connect(lambda name: self.registry.open(name, {}))


@pytest.fixture
def windows(store: Store, qtbot: QtBot) -> Iterator[Windows]:
    w = Windows(store, FakeClock(MONDAY + 10 * HOUR))
    yield w
    w.registry.close_all()


def press(qtbot: QtBot, window: QWidget, *keys: str | Qt.Key) -> None:
    """Keys to whatever has the keyboard in ``window`` (its focus widget, as the user
    would type into it; the window may not be the active one on the offscreen platform)."""
    for key in keys:
        target = window.focusWidget() or window
        qtbot.keyClick(target, key)


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return store.query(sql)


# The check-in window ------------------------------------------------------------------
def test_six_keys_and_enter_store_a_check_in_and_show_the_trend(
        windows: Windows, store: Store, qtbot: QtBot) -> None:
    from desktop.service import checkin

    for weeks_ago, answers in ((2, (1, 1, 1, 1, 1, 1)), (1, (2, 1, 2, 1, 2, 1))):
        windows.clock.set(MONDAY + 10 * HOUR - weeks_ago * WEEK)
        checkin.record(windows.service, answers, "cli")
    windows.clock.set(FRIDAY_3PM)
    window = windows.registry.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    qtbot.waitUntil(lambda: window.items[0].isAncestorOf(QApplication.focusWidget()))
    changed: list[bool] = []
    windows.ctx.events.data_changed.connect(lambda: changed.append(True))
    press(qtbot, window, "5", "4", "-", "3", "2", "1")  # indexes 4, 3, -, 2, 1, 0
    assert window.answers() == (4, 3, None, 2, 1, 0)
    assert window.save_button.hasFocus()  # the last answer moves on to Save
    press(qtbot, window, Qt.Key.Key_Return)
    assert rows(store, "SELECT score, source FROM checkins ORDER BY id DESC LIMIT 1") == [
        (50.0, "window")]
    assert changed == [True]
    assert window.stack.currentWidget() is window.result
    assert window.result.score.text() == "50"
    sentence = window.result.sentence.text()
    assert sentence == ("Your answers this week average 50 out of 100, higher than your last "
                        "2 weeks.")
    assert "burn" not in sentence.lower()
    # 25 → 37.5 → 50: rising three weeks, and 50 is high: it points to people to reach.
    assert "three weeks in a row" in window.result.notes.text()
    assert window.result.support.isVisibleTo(window)
    assert "employee assistance programme" in window.result.support_text.text()
    labels = [label.text() for label, _bar, _value in window.result.rows]
    values = [value.text() for _label, _bar, value in window.result.rows]
    assert labels[:3] == ["This week", "Week of 14 Sep", "Week of 7 Sep"]
    assert values[:4] == ["50", "38", "25", "no check-in"]
    window.result.contacts_button.click()
    assert isinstance(windows.registry.get("contacts"), ContactsWindow)
    press(qtbot, window, Qt.Key.Key_Escape)


def test_arrows_move_between_questions_and_a_key_replaces_an_answer(
        windows: Windows, qtbot: QtBot) -> None:
    window = windows.registry.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    qtbot.waitUntil(lambda: window.current() == 0 and QApplication.focusWidget() is not None)
    press(qtbot, window, Qt.Key.Key_Down, Qt.Key.Key_Down)
    assert window.current() == 2
    press(qtbot, window, "3")
    assert window.current() == 3 and window.answers()[2] == 2
    press(qtbot, window, Qt.Key.Key_Up, "1")
    assert window.answers()[2] == 0
    press(qtbot, window, Qt.Key.Key_Up, Qt.Key.Key_Delete)
    assert window.answers()[2] is None
    assert window.items[3].property("current") is True  # the question in hand is marked


def test_enter_with_nothing_answered_says_so_and_stores_nothing(
        windows: Windows, store: Store, qtbot: QtBot) -> None:
    window = windows.registry.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, window, Qt.Key.Key_Return)
    assert "Answer at least one question" in window.status.text()
    assert rows(store, "SELECT count(*) FROM checkins") == [(0,)]
    press(qtbot, window, "3", Qt.Key.Key_Return)
    assert window.result.sentence.text().startswith("You answered 1 question.")
    assert window.result.score.text() == "–"


def test_a_failed_save_is_reported_and_the_answers_stay(
        windows: Windows, store: Store, qtbot: QtBot) -> None:
    window = windows.registry.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    store.conn.execute("DROP TABLE checkin_answers")  # the write will fail
    window.items[0].set_answer(2)
    window.save()
    assert windows.ctx.errors and windows.told[0][0] == "Breakwater could not save that"
    assert window.stack.currentWidget() is window.questions
    assert window.answers()[0] == 2


# Phrases: one click or Enter copies ----------------------------------------------------
def test_a_click_or_enter_copies_a_phrase(windows: Windows, qtbot: QtBot) -> None:
    window = windows.registry.open("phrases", {"group": "limit"})
    assert isinstance(window, PhrasesWindow)
    assert window.group() == "limit"
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    item = window.phrases.item(1)
    rect = window.phrases.visualItemRect(item)
    with qtbot.waitSignal(window.copied) as copied:
        qtbot.mouseClick(window.phrases.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert copied.args == [item.text()]
    assert clipboard.text() == ("I can't continue if the language stays like this. Can we "
                                "get back to the problem?")
    assert "Copied" in window.status.text()
    window.phrases.setCurrentRow(3)
    qtbot.keyClick(window.phrases, Qt.Key.Key_Return)
    assert clipboard.text() == "I understand you're angry. Insults won't get this fixed any faster."


def test_add_reword_and_hide_from_the_window(windows: Windows, store: Store,
                                             qtbot: QtBot) -> None:
    window = windows.registry.open("phrases", {"group": "end"})
    assert isinstance(window, PhrasesWindow)
    count = window.phrases.count()
    window.add_button.click()
    qtbot.keyClicks(window.editor, "I'm going to end this call now. Goodbye.")
    window.editor_save.click()
    assert window.phrases.count() == count + 1
    assert window.phrases.item(count).text() == "I'm going to end this call now. Goodbye."
    window.phrases.setCurrentRow(0)
    window.edit_button.click()
    window.editor.setPlainText("I'm ending the call now.")
    window.editor_save.click()
    assert window.phrases.item(0).text() == "I'm ending the call now."
    window.phrases.setCurrentRow(1)
    hidden_text = window.phrases.item(1).text()
    window.hide_button.click()
    assert hidden_text not in [window.phrases.item(i).text() for i in range(window.phrases.count())]
    window.show_hidden.setChecked(True)
    assert f"(hidden) {hidden_text}" in [window.phrases.item(i).text()
                                         for i in range(window.phrases.count())]
    assert rows(store, "SELECT count(*) FROM hidden_default_phrases") == [(1,)]
    assert rows(store, "SELECT count(*) FROM phrases") == [(2,)]


def test_an_unknown_group_is_refused(windows: Windows) -> None:
    with pytest.raises(ValueError, match="no group of phrases"):
        windows.registry.open("phrases", {"group": "shout"})


# People to reach ------------------------------------------------------------------------
def test_contacts_window_adds_edits_and_removes(windows: Windows, store: Store,
                                                qtbot: QtBot) -> None:
    window = windows.registry.open("contacts", {})
    assert isinstance(window, ContactsWindow)
    assert "employee assistance programme" in window.invitation.text()
    window.save()
    assert window.status.text() == "A person to reach needs a name."
    qtbot.keyClicks(window.name, "Ana")
    qtbot.keyClicks(window.reach, "ext. 402")
    qtbot.keyClicks(window.note, "team lead")
    qtbot.keyClick(window.note, Qt.Key.Key_Return)
    assert [c.name for c in contacts.contacts(windows.service)] == ["Ana"]
    assert window.list.item(0).text() == "Ana, team lead, ext. 402"
    window.reach.setText("ext. 403")
    window.save_button.click()
    assert contacts.contacts(windows.service)[0].reach == "ext. 403"
    window.remove_button.click()
    assert contacts.contacts(windows.service) == []
    assert window.list.count() == 0


# The tray: offer, people, high-load card, phrases from the toast -------------------------
Parts = tuple[TrayController, FakeClock, FakeNotifier, Store]


@pytest.fixture
def tray(store: Store, qtbot: QtBot) -> Iterator[Parts]:
    clock = FakeClock(MONDAY + 10 * HOUR)
    service = Breakwater.open(store, clock)
    notifier = FakeNotifier()
    controller = TrayController(service, NudgePolicy(service.settings), notifier,
                                FakeHotkeys(), FakeIdle(), tray_available=False)
    controller.show()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    yield controller, clock, notifier, store
    controller.windows.close_all()
    controller.shutdown()


def test_the_weekly_offer_on_friday_tomorrow_then_open(tray: Parts, qtbot: QtBot) -> None:
    controller, clock, notifier, _store = tray
    controller.tick()
    assert not controller.popups.offer_visible()
    clock.set(FRIDAY_3PM - 60)
    wait = controller.tick()
    assert wait <= 60  # it wakes for the offer
    clock.set(FRIDAY_3PM)
    controller.tick()
    assert controller.popups.offer_visible()
    offer = controller.popups.offer
    assert offer.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert offer.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert controller.describe()["checkin_offer_open_at"] is not None
    offer.tomorrow_button.click()
    assert not controller.popups.offer_visible()
    clock.advance(HOUR)
    controller.tick()
    assert not controller.popups.offer_visible()
    clock.set(FRIDAY_3PM + DAY)  # Saturday 15:00
    controller.tick()
    assert controller.popups.offer_visible()
    offer.open_button.click()
    window = controller.windows.get("checkin")
    assert isinstance(window, CheckinWindow)
    window.close()
    clock.advance(HOUR)
    controller.tick()
    assert not controller.popups.offer_visible()  # not twice in a week
    assert notifier.sent == []  # one surface: the card, no notification


def test_a_changed_day_applies_without_a_restart(tray: Parts) -> None:
    controller, clock, _n, _s = tray
    controller.service.set_setting("checkin.day", "mon")
    controller.service.set_setting("checkin.time", "11:00")
    clock.set(MONDAY + 11 * HOUR)
    controller.tick()
    assert controller.popups.offer_visible()


def test_the_offer_survives_a_restart_and_skips_a_week_with_a_check_in(
        tray: Parts, store: Store, qtbot: QtBot) -> None:
    controller, clock, _n, _s = tray
    clock.set(FRIDAY_3PM)
    controller.tick()
    controller.popups.offer.decline_button.click()
    controller.shutdown()
    service = Breakwater.open(store, clock)
    again = TrayController(service, NudgePolicy(service.settings), FakeNotifier(),
                           FakeHotkeys(), FakeIdle(), tray_available=False)
    again.show()
    assert again.window is not None
    qtbot.addWidget(again.window)
    clock.advance(2 * HOUR)
    again.tick()
    assert not again.popups.offer_visible()  # "not this week" was kept
    # Next week the user checks in from the command line on Thursday: no offer Friday.
    clock.set(FRIDAY_3PM + WEEK - DAY)
    again.handle({"cmd": "checkin.record", "answers": [1, 1, 1, 1, 1, 1]})
    clock.set(FRIDAY_3PM + WEEK)
    again.tick()
    assert not again.popups.offer_visible()
    clock.set(FRIDAY_3PM + 2 * WEEK)
    again.tick()
    assert again.popups.offer_visible()
    again.windows.close_all()
    again.shutdown()


def test_people_in_the_menu_and_on_the_high_load_card(tray: Parts, qtbot: QtBot) -> None:
    controller, _clock, notifier, _store = tray
    people = controller.menu.people_menu
    texts = [a.text() for a in people.actions() if a.text()]
    assert texts == ["No one on your list yet", "People to &reach…"]
    controller.handle({"cmd": "contacts.add", "name": "Ana", "reach": "ext. 402",
                       "note": "team lead"})
    actions = [a for a in people.actions() if a.text()]
    assert actions[0].text() == "Ana, team lead, ext. 402"
    assert actions[0].toolTip() == plain.tooltip_text("Copy “ext. 402”")
    QGuiApplication.clipboard().clear()
    actions[0].trigger()
    assert QGuiApplication.clipboard().text() == "ext. 402"
    assert notifier.sent[-1] == ("Copied to the clipboard", "ext. 402")
    controller.tag(Kind.DIFFICULT, severity=3)  # two very hard calls: load 6.0, 'high'
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    card = controller.popups.card
    assert card.isVisible() and card.support.isVisible()
    assert card.support.text() == "Talk to someone: Ana, team lead, ext. 402"


def test_a_menu_built_late_shows_everything_so_far(tray: Parts) -> None:
    """Where the tray docks the icon as an X11 window the menu is built on the first
    right-click (TrayController.menu): what happened before must show in it then."""
    controller, _clock, _notifier, store = tray
    controller.handle({"cmd": "contacts.add", "name": "Ana", "reach": "ext. 402",
                       "note": ""})
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.pause_hour()
    store.put_setting("ui.language", "es")  # `breakwater settings set ui.language es`
    controller.handle({"cmd": "reload"})
    assert controller.support.menu is None  # nothing built so far
    try:
        menu = controller.menu
        assert controller.menu is menu and controller.support.menu is menu  # built once
        snap = controller.service.status()
        expected = tooltip_text(snap, controller.paused_until_text()).splitlines()[0]
        # The load, then why calls are not watched (no call source in this test).
        first, calls = menu.status_label.text().splitlines()
        assert first == expected and "carga 3.0" in expected
        assert calls == "Llamadas: sin vigilar (este sistema no informa del uso del micrófono)"
        assert menu.undo_action.isEnabled()
        assert menu.resume_action.isVisible() and not menu.pause_menu.menuAction().isVisible()
        people = [a.text() for a in menu.people_menu.actions() if a.text()]
        assert people[0] == "Ana, ext. 402"
        assert "&Salir de Breakwater" in [a.text() for a in menu.actions()]
        controller.tag(Kind.ORDINARY)  # and it follows from now on
        assert menu.status_label.text().splitlines()[0] == tooltip_text(
            controller.service.status(), controller.paused_until_text()).splitlines()[0]
    finally:
        setup("en")


def test_the_toast_after_an_abusive_call_opens_the_limit_phrases(tray: Parts,
                                                                qtbot: QtBot) -> None:
    controller, _clock, _n, _store = tray
    controller.tag(Kind.DIFFICULT)
    toast = controller.popups.toast
    assert toast.isVisible() and not toast.phrases_button.isVisible()
    toast.reason_buttons[next(r for r in toast.reason_buttons if r.value == "abusive")].click()
    assert toast.phrases_button.isVisible()
    assert toast.phrases_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    toast.phrases_button.click()
    window = controller.windows.get("phrases")
    assert isinstance(window, PhrasesWindow) and window.group() == "limit"
    controller.handle({"cmd": "tag", "kind": "difficult", "reason": "boundary"})
    assert controller.popups.toast.phrases_button.isVisible()
    controller.handle({"cmd": "tag", "kind": "difficult", "reason": "distressed"})
    assert not controller.popups.toast.phrases_button.isVisible()


# Languages and screenshots ----------------------------------------------------------------
def _shoot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = widget.grab()
    assert not image.isNull()
    image.save(str(SHOTS / name))


@pytest.mark.parametrize("lang", ["en", "es", "zh_CN"])
def test_screenshots_in_each_language(lang: str, store: Store, qtbot: QtBot,
                                      language: None) -> None:
    setup(lang)
    w = Windows(store, FakeClock(FRIDAY_3PM))
    from desktop.service import checkin

    for weeks_ago, answers in ((5, (1, 1, 2, 1, 0, 0)), (4, (2, 1, 1, 1, 1, 0)),
                               (2, (2, 2, 1, 2, 1, 1)), (1, (2, 2, 2, 3, 2, 1))):
        w.clock.set(FRIDAY_3PM - weeks_ago * WEEK)
        checkin.record(w.service, answers, "cli")
    w.clock.set(FRIDAY_3PM)
    contacts.add(w.service, "Ana", "ext. 402", {"en": "team lead", "es": "jefa de equipo",
                                                "zh_CN": "组长"}[lang])
    window = w.registry.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    for key in ("4", "3", "4", "3", "-"):
        press(qtbot, window, key)
    _shoot(window, f"checkin-questions-{lang}.png")
    press(qtbot, window, "3", Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.result
    _shoot(window, f"checkin-result-{lang}.png")
    people = w.registry.open("contacts", {})
    _shoot(people, f"contacts-{lang}.png")
    phrases = w.registry.open("phrases", {"group": "limit"})
    assert isinstance(phrases, PhrasesWindow)
    phrases.copy(phrases.visible_cards()[0])
    _shoot(phrases, f"phrases-{lang}.png")
    if lang != "en":
        assert window.windowTitle() != "Weekly check-in — Breakwater"
        assert phrases.phrases.item(0).text() != (
            "I want to help you, and I can do that when we speak to each other with respect.")
    w.registry.close_all()


def test_open_windows_follow_a_change_of_language(windows: Windows, language: None) -> None:
    opened = [windows.registry.open(name, {}) for name in ("checkin", "contacts", "phrases")]
    english = [w.windowTitle() for w in opened]
    phrase = opened[2].phrases.item(0).text()  # type: ignore[attr-defined]
    setup("es")
    for window in opened:
        window.retranslate()  # type: ignore[attr-defined]
    assert all(w.windowTitle() != e for w, e in zip(opened, english, strict=True))
    assert opened[2].phrases.item(0).text() != phrase  # type: ignore[attr-defined]
