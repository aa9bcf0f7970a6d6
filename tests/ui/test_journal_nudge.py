"""From the tray: the journal nudge's accept and the menu open the entry window, and what
is written there is linked to the nudge and to the hard calls that led to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.model import Kind
from desktop.core.nudge import NudgePolicy
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.idle import FakeIdle
from desktop.platform.notify import FakeNotifier
from desktop.service import Breakwater
from desktop.service.journal import Journal
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.controller import TrayController
from desktop.ui.journal_list import JournalListWindow
from desktop.ui.journal_window import JournalWindow

T0 = 1_790_035_200.0 + 10 * 3600


@pytest.fixture
def controller(tmp_path: Path, qtbot: QtBot) -> Iterator[TrayController]:
    opened = open_database(tmp_path / "b.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
    made = TrayController(service, NudgePolicy(service.settings), FakeNotifier(),
                          FakeHotkeys(), FakeIdle(), tray_available=False)
    made.show()
    assert made.window is not None
    qtbot.addWidget(made.window)
    yield made
    made.windows.close_all()
    made.shutdown()
    service.store.close()


def test_the_journal_nudge_opens_the_entry_window(controller: TrayController,
                                                  qtbot: QtBot) -> None:
    clock = controller.service.clock
    assert isinstance(clock, FakeClock)
    calls = [controller.tag(Kind.DIFFICULT, severity=3)["tag"]["id"] for _ in range(2)]
    controller.tick()  # high load: the break nudge
    controller.popups.card.accepted.emit()  # the break starts
    clock.advance(5 * 60)
    controller.tick()  # the break is over (taken): journaling comes next...
    assert not controller.popups.card.isVisible()
    clock.advance(15 * 60)
    controller.tick()  # ...once 20 minutes have passed since the last nudge
    assert controller.popups.card.isVisible()
    nudge_row = controller.service.store.query("SELECT max(id), kind FROM nudges")[0]
    assert nudge_row[1] == "journal"
    controller.popups.card.accepted.emit()
    window = controller.windows.get("journal")
    assert isinstance(window, JournalWindow)
    qtbot.addWidget(window)
    described = controller.describe()["windows"]["journal"]
    assert described["text"] == "" and sorted(described["links"]) == sorted(calls)
    window.editor.text.setPlainText("Two in a row. The break helped.")
    window.save()
    [entry] = Journal(controller.service).entries(5)
    assert entry.nudge_id == nudge_row[0] and sorted(entry.links) == sorted(calls)
    assert "journal" not in controller.describe()["windows"]


def test_the_menu_opens_both_windows(controller: TrayController, qtbot: QtBot) -> None:
    labels = [a.text() for a in controller.menu.actions()]
    assert "&Write it down…" in labels and "&Journal…" in labels
    controller.menu.action_requested.emit("journal-list")
    listing = controller.windows.get("journal-list")
    assert isinstance(listing, JournalListWindow)
    qtbot.addWidget(listing)
    reply = controller.handle({"cmd": "open", "window": "journal", "params": {}})
    assert reply == {"ok": True}
    window = controller.windows.get("journal")
    assert isinstance(window, JournalWindow)
    qtbot.addWidget(window)
    window.editor.text.setPlainText("from the menu")
    window.save()
    assert [e.text for e in listing.shown] == ["from the menu"]


def test_quitting_keeps_the_words_of_an_open_window(controller: TrayController,
                                                    qtbot: QtBot) -> None:
    controller.open_window("journal")
    window = controller.windows.get("journal")
    assert isinstance(window, JournalWindow)
    qtbot.addWidget(window)
    window.editor.text.setPlainText("typed just before quitting")
    controller.windows.close_all()  # what the app does when it quits
    draft = Journal(controller.service).draft()
    assert draft is not None and draft.text == "typed just before quitting"
