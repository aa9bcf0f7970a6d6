"""Two windows on one journal (the tray app's, and `breakwater journal` started on its own
before the app): one writes the draft, the other is refused with a sentence, and no word
typed in either is lost. Two registries on two connections to one file stand for the two
processes (the lock is per open file, so it holds between them as between processes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.service import Breakwater
from desktop.service.journal import Journal
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.journal_list import JournalListWindow
from desktop.ui.journal_window import JournalWindow
from desktop.ui.windows import WindowContext, WindowRegistry

T0 = 1_790_035_200.0 + 14 * 3600


class Process:
    """What one Breakwater process has: its own connection, service and windows."""

    def __init__(self, path: Path) -> None:
        opened = open_database(path)
        self.service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
        self.told: list[str] = []
        self.registry = WindowRegistry(WindowContext(
            self.service, alone=True, tell=lambda _t, text: self.told.append(text)))

    def close(self) -> None:
        self.registry.close_all()
        self.service.store.close()


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Process, Process]]:
    first, second = Process(tmp_path / "b.sqlite3"), Process(tmp_path / "b.sqlite3")
    yield first, second
    first.close()
    second.close()


def test_a_second_entry_window_is_refused_and_no_word_is_lost(
        two: tuple[Process, Process], qtbot: QtBot) -> None:
    alone, app = two
    window = alone.registry.open("journal", activate=False)
    assert isinstance(window, JournalWindow)
    qtbot.keyClicks(window.editor.text, "The caller said")
    window.keeper.flush()
    with pytest.raises(ValueError, match="already open in another Breakwater window"):
        app.registry.open("journal")
    assert app.registry.get("journal") is None
    # Before, the second window took up the draft and both wrote it in turn: the last
    # one closed overwrote what had been typed in the other.
    qtbot.keyClicks(window.editor.text, " awful things, and I stayed calm.")
    window.close()
    again = app.registry.open("journal", activate=False)  # now it may
    assert isinstance(again, JournalWindow)
    assert again.editor.value()[0] == "The caller said awful things, and I stayed calm."
    assert again.banner.isVisible()


def test_a_killed_window_does_not_block_the_next(two: tuple[Process, Process],
                                                 qtbot: QtBot) -> None:
    alone, app = two
    window = alone.registry.open("journal", activate=False)
    qtbot.keyClicks(window.editor.text, "words")  # type: ignore[attr-defined]
    window.keeper.flush()  # type: ignore[attr-defined]
    alone.close()  # the process ends: the kernel drops its lock, whatever ended it
    again = app.registry.open("journal", activate=False)
    assert again.editor.value()[0] == "words"  # type: ignore[attr-defined]


def test_edits_are_made_in_one_window_at_a_time(two: tuple[Process, Process],
                                                qtbot: QtBot) -> None:
    alone, app = two
    entry = Journal(alone.service).add("First version.")
    mine = alone.registry.open("journal-list", activate=False)
    theirs = app.registry.open("journal-list", activate=False)
    assert isinstance(mine, JournalListWindow) and isinstance(theirs, JournalListWindow)
    mine.edit()
    assert mine.editing is not None
    mine.editor.text.setPlainText("Second version, with more words.")
    mine.keeper.flush()
    theirs.reload()
    theirs.edit()
    assert theirs.editing is None  # refused: it would have written the same draft
    assert theirs.busy_note.isVisibleTo(theirs)
    assert "being edited in another Breakwater window" in theirs.busy_note.text()
    mine.save_edit()
    assert Journal(app.service).get(entry.id).text == "Second version, with more words."  # type: ignore[union-attr]
    theirs.reload()
    theirs.edit()  # the first window's edit is over: this one may edit now
    assert theirs.editing is not None and not theirs.busy_note.isVisibleTo(theirs)
    assert theirs.editor.value()[0] == "Second version, with more words."
    theirs.cancel_edit()
    mine.edit()
    assert mine.editing is not None


def test_a_folder_that_cannot_hold_a_lock_still_opens_the_window(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop import instance

    def refused(path: Path) -> instance.InstanceLock:
        raise PermissionError(13, "Permission denied", str(path))

    process = Process(tmp_path / "b.sqlite3")
    monkeypatch.setattr(instance, "acquire", refused)
    try:
        assert isinstance(process.registry.open("journal", activate=False), JournalWindow)
    finally:
        process.close()
