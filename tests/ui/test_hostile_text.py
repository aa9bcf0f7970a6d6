"""Hostile text in the windows and the tray: a link only opens when it is a calling or chat
link, names are shown as typed (no markup, no mnemonic), and long or empty input neither
stretches a window nor loses what was typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.contacts import NAME_MAX_CHARS, REACH_MAX_CHARS
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
from desktop.ui.plain import menu_text, plain_label, tooltip_text
from desktop.ui.settings_fields import TextEditor

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
        assert tooltip_shown(actions[name].toolTip()).startswith("Copy")
        actions[name].trigger()
        assert opened.urls == []
        assert QGuiApplication.clipboard().text() == next(
            c.reach for c in contacts.contacts(controller.service) if c.name == name)
    actions["Ana"].trigger()
    actions["EAP"].trigger()
    assert opened.urls == ["tel:+34600000000", "https://eap.example/help"]
    assert tooltip_shown(actions["Ana"].toolTip()) == "Open tel:+34600000000"


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


# Text a person typed, on every surface that shows it ---------------------------------
HOSTILE = [
    "<b>B</b>", '<img src="http://x/y.png">', "Tom & Jerry", "a&&b", "&amp; is not an entity",
    "مرحبا <i>بالعالم</i>", "שלום & עולם", "first line\nsecond <b>line</b>",
    "long " * 70 + "<u>end</u>",
]


def menu_shown(text: str) -> str:
    """What a menu draws for an action's text: "&&" is one "&", "&x" is an underlined x."""
    return re.sub("&(.)", r"\1", text)


def tooltip_shown(tip: str) -> str:
    """What a tooltip draws: Qt reads it as rich text when it looks like some."""
    assert QtGui.Qt.mightBeRichText(tip)  # so its entities are read, not shown
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def label_shown(label: QLabel) -> str:
    assert label.textFormat() == Qt.TextFormat.PlainText
    return label.text()


@pytest.mark.parametrize("text", [*HOSTILE, "", "plain words"])
def test_the_helpers_show_text_as_typed(qtbot: QtBot, text: str) -> None:
    assert menu_shown(menu_text(text)) == text
    if text:
        assert tooltip_shown(tooltip_text(text)) == text
    else:
        assert tooltip_text(text) == ""
    label = plain_label(None, text)
    qtbot.addWidget(label)
    assert label_shown(label) == text


def test_people_show_as_typed_in_the_menu_its_tooltips_the_card_and_their_window(
        controller: TrayController) -> None:
    for text in HOSTILE:
        reply = controller.handle({"cmd": "contacts.add", "name": text[:NAME_MAX_CHARS],
                                   "reach": text[:REACH_MAX_CHARS], "note": text[:100]})
        assert reply.get("ok", True), reply
    people = contacts.contacts(controller.service)
    assert len(people) == len(HOSTILE)
    for person in people:
        # Kept as typed, but on one line: a name or number is one line (clean_line).
        assert person.name in {" ".join(t[:NAME_MAX_CHARS].split()) for t in HOSTILE}
    actions = [a for a in controller.menu.people_menu.actions() if a.text()]
    for person in people:
        action = next(a for a in actions if menu_shown(a.text()) == contacts.short_line(person))
        assert tooltip_shown(action.toolTip()) == f"Copy “{person.reach}”"
        assert action.statusTip() == f"Copy “{person.reach}”"  # a status bar is plain text
    assert any(menu_shown(a.text()).startswith("Tom & Jerry") for a in actions)
    assert any(menu_shown(a.text()).startswith("a&&b") for a in actions)

    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tag(Kind.DIFFICULT, severity=3)
    controller.tick()
    card = controller.popups.card
    assert card.isVisible() and card.support.isVisible()
    assert label_shown(card.support) == "\n".join(contacts.card_lines(people))

    window = controller.windows.open("contacts", {})
    assert isinstance(window, ContactsWindow)
    rows = [window.list.item(i).text() for i in range(window.list.count())]
    assert rows == [contacts.line(p) for p in window.people]
    assert any("<b>B</b>" in row for row in rows) and any("a&&b" in row for row in rows)
    window.name.setText("\u200b")
    window.save()
    assert "needs a name" in label_shown(window.status)


def test_phrases_show_as_typed_in_the_list_and_when_copied(service: Breakwater,
                                                           qtbot: QtBot) -> None:
    for text in HOSTILE:
        phrases.add(service, "calm", text[:PHRASE_MAX_CHARS])
    window = PhrasesWindow(lambda: phrases.cards(service))
    qtbot.addWidget(window)
    window.select_group("calm")
    rows = [window.phrases.item(i).text() for i in range(window.phrases.count())]
    for text in HOSTILE:
        assert text[:PHRASE_MAX_CHARS].strip() in rows
    card = next(c for c in window.visible_cards() if c.text == "first line\nsecond <b>line</b>")
    window.copy(card)
    assert label_shown(window.status) == "Copied: “first line\nsecond <b>line</b>”"
    assert QGuiApplication.clipboard().text() == card.text


def test_entries_and_searches_show_as_typed_in_the_journal_list(service: Breakwater,
                                                                qtbot: QtBot) -> None:
    journal = Journal(service)
    ids = [journal.add(text).id for text in HOSTILE]
    window = JournalListWindow(journal)
    qtbot.addWidget(window)
    window.show()
    for entry_id, text in zip(ids, HOSTILE, strict=True):
        window.list.select(entry_id)
        assert window.current_entry().id == entry_id
        assert window.reader.toPlainText() == text.strip()
        assert label_shown(window.meta)  # when, as the app writes it; plain all the same
    rows = [window.list.item(i).text() for i in range(window.list.count())]
    assert any("<b>B</b>" in row for row in rows) and any("a&&b" in row for row in rows)
    for words in ('<img src="http://x/y.png"> nowhere', "Tom & Nobody", "<b>absent</b>"):
        window.search.setText(words)
        assert window.shown == []
        assert window.detail.currentWidget() is window.empty_page
        assert label_shown(window.empty_page)  # "Nothing matches..."
        assert f"“{words}”" in label_shown(window.count_label)
    window.search.setText("Jerry")
    assert [e.text for e in window.shown] == ["Tom & Jerry"]
    assert "“Jerry”" in label_shown(window.count_label)
    window.edit()
    assert window.editing is not None and label_shown(window.edit_note)
    window.editor.text.setPlainText("")
    window.save_edit()
    assert label_shown(window.edit_status)  # the refusal, in a label that reads no markup


def test_a_refused_setting_quotes_what_was_typed_as_typed(controller: TrayController,
                                                          qtbot: QtBot) -> None:
    window = controller.windows.open("settings", {})
    qtbot.addWidget(window)
    field = window.rows["checkin.time"]
    assert isinstance(field.editor, TextEditor)
    field.editor.line.setText("<b>9</b> & <img src=x>")
    assert not field.commit()
    assert "<b>9</b> & <img src=x>" in label_shown(field.error)


def test_an_export_names_its_file_as_typed(controller: TrayController, qtbot: QtBot,
                                           tmp_path: Path) -> None:
    window = controller.windows.open("settings", {"page": "privacy"})
    qtbot.addWidget(window)
    section = window.pages["privacy"].privacy
    target = tmp_path / "<b>mine & <img src=x>.json"  # no "/" in a file name
    section.ask_export_path = lambda fmt: target  # what the file dialog would return
    section.export("json")
    assert target.exists(), section.result.text()
    assert label_shown(section.result) == f"Exported to {target}"
    assert label_shown(section.path) == str(controller.service.store.path)
