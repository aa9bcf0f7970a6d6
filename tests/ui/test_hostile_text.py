"""Hostile text in the windows and the tray: a link only opens when it is a calling or chat
link, names are shown as typed (no markup, no mnemonic), and long or empty input neither
stretches a window nor loses what was typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.contacts import NAME_MAX_CHARS
from desktop.core.model import Kind
from desktop.core.nudge import NudgePolicy
from desktop.core.phrases import PHRASE_MAX_CHARS
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.idle import FakeIdle
from desktop.platform.notify import FakeNotifier
from desktop.service import Breakwater, contacts, phrases
from desktop.service.journal import Journal
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.contacts_window import ContactsWindow
from desktop.ui.controller import TrayController
from desktop.ui.journal_list import JournalListWindow
from desktop.ui.phrases_window import PhrasesWindow

T0 = 1_790_035_200.0 + 10 * 3600  # a Monday, 10:00 UTC


class Opened(QObject):
    """Stands in for the desktop's handler of some URL schemes: records what was opened."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Breakwater]:
    opened = open_database(tmp_path / "b.sqlite3")
    app = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
    yield app
    app.store.close()


@pytest.fixture
def controller(service: Breakwater, qtbot: QtBot) -> Iterator[TrayController]:
    notifier = FakeNotifier()
    tray = TrayController(service, NudgePolicy(service.settings), notifier, FakeHotkeys(),
                          FakeIdle(), tray_available=False)
    tray.show()
    assert tray.window is not None
    qtbot.addWidget(tray.window)
    yield tray
    tray.windows.close_all()
    tray.shutdown()


@pytest.fixture
def opened() -> Iterator[Opened]:
    handler = Opened()
    schemes = ("tel", "https", "javascript", "file", "data", "smb")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


def test_only_calling_and_chat_links_open_from_the_menu(controller: TrayController,
                                                        opened: Opened) -> None:
    for name, reach in (("Ana", "tel:+34600000000"), ("Bad", "javascript:alert(1)"),
                        ("Eve", "file:///etc/passwd"), ("Mal", "data:text/html,x"),
                        ("Sam", "smb://server/share"), ("EAP", "https://eap.example/help")):
        controller.handle({"cmd": "contacts.add", "name": name, "reach": reach})
    actions = {a.text().split(",")[0]: a for a in controller.menu.people_menu.actions()
               if a.text() and "…" not in a.text()}
    for name in ("Bad", "Eve", "Mal", "Sam"):
        QGuiApplication.clipboard().clear()
        assert actions[name].toolTip().startswith("Copy")
        actions[name].trigger()
        assert opened.urls == []
        assert QGuiApplication.clipboard().text() == next(
            c.reach for c in contacts.contacts(controller.service) if c.name == name)
    actions["Ana"].trigger()
    actions["EAP"].trigger()
    assert opened.urls == ["tel:+34600000000", "https://eap.example/help"]
    assert actions["Ana"].toolTip() == "Open tel:+34600000000"


def test_names_show_as_typed_in_the_menu_and_on_the_card(controller: TrayController) -> None:
    controller.handle({"cmd": "contacts.add", "name": "Tom & Ana <b>lead</b>",
                       "reach": "ext. 402", "note": "x" * 150})
    action = next(a for a in controller.menu.people_menu.actions() if "Tom" in a.text())
    assert action.text().startswith("Tom && Ana <b>lead</b>")  # "&&" shows one "&"
    assert len(action.text()) <= contacts.SHORT_LINE_CHARS + 1 and action.text().endswith("…")
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    card = controller.popups.card
    assert card.isVisible() and card.support.isVisible()
    assert card.support.textFormat() == Qt.TextFormat.PlainText
    assert card.support.text().startswith("Talk to someone: Tom & Ana <b>lead</b>")
    assert card.width() < 520  # 150 unbroken characters in full would make it ~1,100


def test_the_contacts_window_bounds_its_fields(service: Breakwater, qtbot: QtBot) -> None:
    window = ContactsWindow()
    qtbot.addWidget(window)
    saved: list[tuple[object, ...]] = []
    window.save_requested.connect(lambda *args: saved.append(args))
    assert window.name.maxLength() == NAME_MAX_CHARS
    window.name.setText("\u200b ")
    window.save()
    assert saved == [] and "needs a name" in window.status.text()


def test_an_overlong_or_empty_phrase_keeps_the_editor_and_its_words(
        service: Breakwater, qtbot: QtBot) -> None:
    window = PhrasesWindow(lambda: phrases.cards(service))
    qtbot.addWidget(window)
    window.show()
    added: list[tuple[str, str]] = []
    window.add_requested.connect(lambda group, text: added.append((group, text)))
    window.start_add()
    long_text = "word " * (PHRASE_MAX_CHARS // 4)
    window.editor.setPlainText(long_text)
    window.editor_save.click()
    assert added == [] and window.editor_box.isVisible()
    assert window.editor.toPlainText() == long_text  # nothing typed was thrown away
    assert f"at most {PHRASE_MAX_CHARS}" in window.status.text()
    window.editor.setPlainText("\u200b\n\t")
    window.editor_save.click()
    assert added == [] and "cannot be empty" in window.status.text()
    window.editor.setPlainText("  Please\x00 hold on.\r\nThank you. ")
    window.editor_save.click()
    assert added == [("calm", "Please hold on.\nThank you.")]
    assert not window.editor_box.isVisible()


def test_a_pasted_paragraph_in_the_search_box_does_not_widen_the_journal(
        service: Breakwater, qtbot: QtBot) -> None:
    Journal(service).add("The customer shouted about the refund.")
    window = JournalListWindow(Journal(service))
    qtbot.addWidget(window)
    window.show()
    before = window.minimumSizeHint().width()
    window.search.setText("refund " * 400)
    assert window.minimumSizeHint().width() <= before
    assert window.count_label.textFormat() == Qt.TextFormat.PlainText
    assert len(window.count_label.text()) < 80
