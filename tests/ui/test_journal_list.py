"""The journal list: newest first, search as you type, edit (with its draft), delete and
undo, and an entry saved in the entry window showing at once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.core.clock import FakeClock
from desktop.core.text import Message
from desktop.service import Breakwater
from desktop.service.journal import Journal
from desktop.store.db import open_database
from desktop.store.errors import StoreError
from desktop.store.repository import Store
from desktop.ui.journal_list import JournalListWindow
from desktop.ui.journal_window import JournalWindow
from desktop.ui.windows import WindowContext, WindowRegistry

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
T0 = 1_790_035_200.0 + 14 * 3600
DAY = 86_400


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Breakwater]:
    opened = open_database(tmp_path / "b.sqlite3")
    app = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0, offset=3600))
    yield app
    app.store.close()


def write(service: Breakwater, text: str, days_ago: float, mood: int | None = None) -> int:
    clock = service.clock
    assert isinstance(clock, FakeClock)
    clock.set(T0 - days_ago * DAY)
    entry = Journal(service).add(text, mood)
    clock.set(T0)
    return entry.id


@pytest.fixture
def week(service: Breakwater) -> dict[str, int]:
    """A week of entries, as a person would have written them."""
    return {
        "shouted": write(service, "The customer shouted at me about the refund.", 7, 2),
        "spanish": write(service, "Hoy fue un día difícil, pero pedí ayuda a Marta.", 4, 3),
        "chinese": write(service, "今天的电话很难，客户一直打断我。", 2),
        "calm": write(service, "A calm afternoon. Lunch outside helped.", 0.1, 4),
    }


def make(qtbot: QtBot, service: Breakwater) -> JournalListWindow:
    window = JournalListWindow(Journal(service))
    qtbot.addWidget(window)
    window.present(activate=True)
    qtbot.waitUntil(window.search.hasFocus)
    return window


def shown(window: JournalListWindow) -> list[int]:
    return [e.id for e in window.shown]


def test_newest_first_with_the_search_box_ready(qtbot: QtBot, service: Breakwater,
                                                week: dict[str, int]) -> None:
    window = make(qtbot, service)
    assert shown(window) == [week["calm"], week["chinese"], week["spanish"], week["shouted"]]
    assert window.count_label.text() == "4 entries"
    first = window.list.item(0).text()
    assert first.startswith("Today 12:36 · mood 4 · Good\nA calm afternoon.")
    assert window.list.item(3).text().startswith("2026-09-15 15:00 · mood 2 · Low")
    assert window.reader.toPlainText() == "A calm afternoon. Lunch outside helped."


def test_a_week_later_one_word_finds_it_as_you_type(qtbot: QtBot, service: Breakwater,
                                                    week: dict[str, int]) -> None:
    window = make(qtbot, service)
    qtbot.keyClicks(window.search, "dif")
    assert shown(window) == [week["spanish"]]  # "difícil", typed without the accent
    assert window.count_label.text() == "1 entry contains “dif”"
    window.search.clear()
    qtbot.keyClicks(window.search, "refund")
    assert shown(window) == [week["shouted"]]
    window.search.setText("电话")  # QTest types ASCII only
    assert shown(window) == [week["chinese"]]
    window.search.setText("weather")
    assert shown(window) == [] and window.detail.currentWidget() is window.empty_page
    assert window.count_label.text() == "0 entries contain “weather”"
    window.search.setText('"NEAR OR -*')  # nothing typed is read as query syntax
    assert shown(window) == []
    window.search.clear()
    assert len(shown(window)) == 4


def test_down_arrow_moves_from_the_search_into_the_results(
        qtbot: QtBot, service: Breakwater, week: dict[str, int]) -> None:
    window = make(qtbot, service)
    qtbot.keyClicks(window.search, "a")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    assert window.list.hasFocus()
    qtbot.keyClick(window.list, Qt.Key.Key_Down)
    assert window.current_entry() is not None
    assert window.reader.toPlainText() == window.current_entry().text  # type: ignore[union-attr]


def test_delete_with_the_key_then_undo(qtbot: QtBot, service: Breakwater,
                                       week: dict[str, int]) -> None:
    window = make(qtbot, service)
    window.list.setFocus()
    window.list.setCurrentRow(1)  # the Chinese entry
    qtbot.keyClick(window.list, Qt.Key.Key_Delete)
    assert week["chinese"] not in shown(window)
    assert Journal(service).get(week["chinese"]) is None
    assert Journal(service).search("电话", 5) == []
    assert window.undo_bar.isVisible() and window.undo_text.text() == "Entry deleted."
    assert window.current_entry() is not None  # the next one is selected
    window.undo_button.click()
    assert not window.undo_bar.isVisible()
    assert week["chinese"] in shown(window)
    assert window.current_entry().id == week["chinese"]  # type: ignore[union-attr]
    assert [e.id for e in Journal(service).search("电话", 5)] == [week["chinese"]]


def test_undoing_a_delete_brings_back_its_unsaved_changes_too(
        qtbot: QtBot, service: Breakwater, week: dict[str, int]) -> None:
    journal = Journal(service)
    window = make(qtbot, service)
    window.search.setText("refund")
    window.edit()
    window.editor.text.setPlainText("The customer shouted about the refund. I want to add")
    window.close()  # the changes are kept as a draft: "unsaved changes" in the list
    window = make(qtbot, service)
    window.search.setText("refund")
    assert shown(window) == [week["shouted"]]
    window.delete()
    assert journal.draft(week["shouted"]) is None and shown(window) == []
    window.undo_button.click()
    assert shown(window) == [week["shouted"]]  # found by the same search again
    back = journal.draft(week["shouted"])  # before, the words typed in the edit were gone
    assert back is not None and back.text.endswith("I want to add")
    assert "unsaved changes" in window.list.item(0).text()


def test_edit_keeps_a_draft_and_saves(qtbot: QtBot, service: Breakwater,
                                      week: dict[str, int]) -> None:
    journal = Journal(service)
    window = make(qtbot, service)
    window.list.setCurrentRow(3)  # the oldest
    qtbot.keyClick(window.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.currentWidget() is window.edit_page
    assert window.editor.text.hasFocus()
    assert window.edit_note.text() == "Editing the entry of 2026-09-15 15:00."
    qtbot.keyClicks(window.editor.text, " My lead stepped in.")
    assert window.keeper.timer.isActive() and journal.draft(week["shouted"]) is None
    window.keeper.timer.timeout.emit()
    draft = journal.draft(week["shouted"])
    assert draft is not None and draft.text.endswith("My lead stepped in.")
    assert window.edit_status.text() == "Draft kept at 15:00:00."
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.currentWidget() is window.view_page
    entry = journal.get(week["shouted"])
    assert entry is not None and entry.text.endswith("My lead stepped in.")
    assert entry.updated == T0 and journal.draft(week["shouted"]) is None
    qtbot.keyClicks(window.search, "lead stepped")
    assert shown(window) == [week["shouted"]]
    assert "Edited Today 15:00" in window.meta.text()


def test_an_edit_left_by_closing_comes_back(qtbot: QtBot, service: Breakwater,
                                            week: dict[str, int]) -> None:
    window = make(qtbot, service)
    window.list.setCurrentRow(0)
    window.edit()
    window.editor.text.setPlainText("A calm afternoon, rewritten halfway")
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Escape)  # closes; the edit is kept
    assert not window.isVisible()
    again = make(qtbot, service)
    assert again.list.item(0).text().split("\n")[0].endswith("unsaved changes")
    again.list.setCurrentRow(0)
    again.edit()
    assert again.editor.value()[0] == "A calm afternoon, rewritten halfway"
    assert again.edit_note.text().endswith("Your unsaved changes are back.")
    assert Journal(service).get(week["calm"]).text.startswith("A calm afternoon.")  # type: ignore[union-attr]


def test_cancelled_changes_can_be_brought_back(qtbot: QtBot, service: Breakwater,
                                               week: dict[str, int]) -> None:
    journal = Journal(service)
    window = make(qtbot, service)
    window.list.setCurrentRow(0)
    window.edit()
    window.editor.mood_buttons[1].setChecked(True)
    window.cancel_edit()
    assert window.detail.currentWidget() is window.view_page
    assert journal.get(week["calm"]).mood == 4  # type: ignore[union-attr]
    assert journal.draft(week["calm"]) is None
    assert window.undo_text.text() == "Changes discarded."
    window.undo()
    assert window.detail.currentWidget() is window.edit_page
    assert window.editor.value()[1] == 1
    window.keeper.timer.timeout.emit()
    assert journal.draft(week["calm"]) is not None


def test_every_control_is_named_and_escape_closes(qtbot: QtBot, service: Breakwater,
                                                  week: dict[str, int]) -> None:
    window = make(qtbot, service)
    for widget in (window.search, window.list, window.reader, window.edit_button,
                   window.delete_button, window.close_button):
        assert widget.accessibleName() or widget.text(), widget
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert window.list in seen and window.edit_button in seen and window.delete_button in seen
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_a_saved_entry_shows_in_an_open_list(qtbot: QtBot, service: Breakwater,
                                             week: dict[str, int]) -> None:
    told: list[tuple[str, str]] = []
    ctx = WindowContext(service, alone=False, tell=lambda t, x: told.append((t, x)))
    registry = WindowRegistry(ctx)
    listing = registry.open("journal-list", {"search": "lunch"})
    qtbot.addWidget(listing)
    assert isinstance(listing, JournalListWindow) and shown(listing) == [week["calm"]]
    with pytest.raises(ValueError):
        registry.open("journal", {"nudge_id": "seven"})
    entry_window = registry.open("journal", {})
    qtbot.addWidget(entry_window)
    assert isinstance(entry_window, JournalWindow)
    changed: list[bool] = []
    ctx.events.data_changed.connect(lambda: changed.append(True))
    entry_window.editor.text.setPlainText("Lunch with Sam after the escalation")
    entry_window.save()
    assert len(shown(listing)) == 2 and changed == [True]


@pytest.mark.parametrize("language", ["en", "es", "zh_CN"])
def test_screenshots_and_live_language(qtbot: QtBot, service: Breakwater,
                                       week: dict[str, int], language: str) -> None:
    window = make(qtbot, service)
    try:
        i18n.setup(language)
        window.retranslate()
        if language != "en":
            assert window.count_label.text() != "4 entries"
            assert window.windowTitle() != "Journal — Breakwater"
        window.list.setCurrentRow(1)
        SHOTS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # lay out the new words before the picture
        assert window.grab().save(str(SHOTS / f"journal-list-{language}.png"))
        window.search.setText({"en": "refund", "es": "dificil", "zh_CN": "电话"}[language])
        QApplication.processEvents()  # lay out the new words before the picture
        assert window.grab().save(str(SHOTS / f"journal-list-search-{language}.png"))
    finally:
        i18n.setup("en")


def test_every_row_has_room_for_both_its_lines_in_any_script(
        qtbot: QtBot, service: Breakwater, week: dict[str, int]) -> None:
    # Under Xvfb in Chinese, a row whose second line was Latin was sized for the list's
    # font and drawn with the taller CJK fallback: only "今天 08:59…" showed.
    i18n.setup("zh_CN")
    try:
        window = make(qtbot, service)
        metrics = window.list.fontMetrics()
        for row in range(window.list.count()):
            item = window.list.item(row)
            assert item.text().count("\n") == 1  # when and how; then the start
            needed = metrics.boundingRect(QRect(0, 0, 100_000, 100_000), 0, item.text())
            assert window.list.visualItemRect(item).height() >= needed.height() + 4
    finally:
        i18n.setup("en")


def test_an_edit_whose_draft_cannot_be_kept_is_told_once(
        qtbot: QtBot, service: Breakwater, week: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The file locked or the disk full while editing: one message, not one at every
    pause in the typing; the trouble goes from the window once a draft is kept again."""
    errors: list[str] = []
    window = JournalListWindow(Journal(service), on_error=errors.append)
    qtbot.addWidget(window)
    window.list.setCurrentRow(0)
    window.edit()
    kept = window.journal.save_draft

    def full(*_args: object) -> bool:
        raise StoreError(Message("The disk is full."))

    monkeypatch.setattr(window.journal, "save_draft", full)
    for word in (" one", " two", " three"):
        qtbot.keyClicks(window.editor.text, word)
        window.keeper.timer.timeout.emit()
    assert errors == ["The disk is full."]
    assert "The disk is full." in window.edit_status.text()
    monkeypatch.setattr(window.journal, "save_draft", kept)
    qtbot.keyClicks(window.editor.text, " four")
    window.keeper.timer.timeout.emit()
    assert "The disk is full." not in window.edit_status.text()
    draft = window.journal.draft(week["calm"])
    assert draft is not None and draft.text.endswith("one two three four")
