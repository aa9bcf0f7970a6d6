"""The quick entry window with a fake clock and a real SQLite file: focus, mood by
keyboard, the hard calls pre-ticked, the draft kept by its timer and on close, offered
back, and the entry saved with Ctrl+Enter."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.core.clock import FakeClock
from desktop.core.journal import PROMPTS, Draft
from desktop.core.model import Kind, Reason
from desktop.core.text import Message
from desktop.service import Breakwater
from desktop.service.journal import Journal
from desktop.store.db import open_database
from desktop.store.errors import StoreError
from desktop.store.repository import Store
from desktop.ui.journal_editor import AUTOSAVE_MS, DraftKeeper
from desktop.ui.journal_window import JournalWindow

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
T0 = 1_790_035_200.0 + 14 * 3600  # 14:00 UTC


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Breakwater]:
    opened = open_database(tmp_path / "b.sqlite3")
    app = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0, offset=3600))
    yield app
    app.store.close()


def make(qtbot: QtBot, service: Breakwater, nudge_id: int | None = None,
         errors: list[str] | None = None) -> JournalWindow:
    window = JournalWindow(Journal(service), nudge_id,
                           on_error=errors.append if errors is not None else None)
    qtbot.addWidget(window)
    window.present(activate=True)
    qtbot.waitUntil(window.editor.text.hasFocus)  # activation is asynchronous
    return window


def clock(service: Breakwater) -> FakeClock:
    assert isinstance(service.clock, FakeClock)
    return service.clock


def hard_calls(service: Breakwater) -> list[int]:
    """An entry yesterday, then: a hard call before it (not offered), an ordinary call
    and an undone one (not offered), and two hard calls since (offered, ticked)."""
    c = clock(service)
    c.set(T0 - 26 * 3600)
    service.tag(Kind.DIFFICULT, 1)
    c.set(T0 - 25 * 3600)
    Journal(service).add("yesterday's entry")
    c.set(T0 - 3600)
    first = service.tag(Kind.DIFFICULT, 3, Reason.ABUSIVE).interaction.id
    service.tag(Kind.ORDINARY)
    c.set(T0 - 1800)
    service.tag(Kind.DIFFICULT, 2)
    service.undo()
    c.set(T0 - 600)
    second = service.tag(Kind.DIFFICULT, 2, Reason.DISTRESSED).interaction.id
    c.set(T0)
    return [second, first]


def test_the_text_box_has_the_keyboard_when_the_window_opens(qtbot: QtBot,
                                                             service: Breakwater) -> None:
    window = make(qtbot, service)
    qtbot.waitUntil(window.editor.text.hasFocus)
    qtbot.keyClicks(QApplication.focusWidget(), "typed at once")
    assert window.editor.value() == ("typed at once", None)
    assert window.windowTitle() == "Write it down — Breakwater"
    assert window.prompt_label.text() == "What happened, in a sentence or two?"


def test_the_draft_is_kept_by_the_timer_a_moment_after_typing(qtbot: QtBot,
                                                              service: Breakwater) -> None:
    journal = Journal(service)
    window = make(qtbot, service)
    assert window.keeper.timer.interval() == AUTOSAVE_MS
    assert not window.keeper.timer.isActive()
    qtbot.keyClicks(window.editor.text, "The caller said")
    assert window.keeper.timer.isActive() and journal.draft() is None
    window.keeper.timer.timeout.emit()  # the moment passes
    draft = journal.draft()
    assert draft is not None and draft.text == "The caller said"
    assert draft.started == draft.saved == T0
    assert window.status.text() == "Draft kept at 15:00:00."
    clock(service).advance(5)
    qtbot.keyClicks(window.editor.text, " awful things")
    window.keeper.timer.timeout.emit()
    draft = journal.draft()
    assert draft is not None and draft.text == "The caller said awful things"
    assert (draft.started, draft.saved) == (T0, T0 + 5)


def test_typing_without_a_pause_does_not_postpone_the_save(qtbot: QtBot) -> None:
    """A debounce restarted by every key would never save while someone keeps typing;
    the keeper saves half a second after the first unsaved change."""
    writes: list[int] = []
    keeper = DraftKeeper(lambda: writes.append(1))
    keeper.changed()
    first = keeper.timer.remainingTime()
    qtbot.waitUntil(lambda: keeper.timer.remainingTime() < first, timeout=1000)
    keeper.changed()  # another key
    assert keeper.timer.remainingTime() < first  # not pushed back
    keeper.timer.timeout.emit()
    assert writes == [1] and not keeper.dirty
    keeper.flush()
    assert writes == [1]  # nothing new: nothing written
    keeper.changed()
    keeper.flush()
    assert writes == [1, 1] and not keeper.timer.isActive()


def test_escape_closes_and_keeps_the_draft(qtbot: QtBot, service: Breakwater) -> None:
    window = make(qtbot, service)
    qtbot.keyClicks(window.editor.text, "half a sentence")
    assert Journal(service).draft() is None  # the timer has not fired
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Escape)
    assert not window.isVisible()
    draft = Journal(service).draft()
    assert draft is not None and draft.text == "half a sentence"
    assert Journal(service).count() == 0  # kept as a draft, not saved as an entry


def test_closing_with_nothing_written_leaves_no_draft(qtbot: QtBot,
                                                      service: Breakwater) -> None:
    window = make(qtbot, service)
    window.close()
    assert Journal(service).draft() is None


def test_ctrl_enter_saves_with_mood_question_links_and_nudge(qtbot: QtBot,
                                                             service: Breakwater) -> None:
    linked = hard_calls(service)
    service.store.conn.execute(
        "INSERT INTO nudges (id, shown_utc, utc_offset_min, kind, level, load, streak) "
        "VALUES (7, '2026-01-01T00:00:00.000000Z', 0, 'journal', 'high', 6.5, 3)")
    window = make(qtbot, service, nudge_id=7)
    saved: list[object] = []
    window.saved.connect(saved.append)
    qtbot.keyClicks(window.editor.text, "Two hard calls.")
    window.editor.mood_buttons[2].setChecked(True)
    window.another_question()
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible() and len(saved) == 1
    journal = Journal(service)
    [entry] = journal.search("hard calls", 5)
    assert (entry.text, entry.mood, entry.prompt, entry.nudge_id, entry.source) == (
        "Two hard calls.", 2, "did-well", 7, "window")  # one entry before: the 2nd, then 3rd
    assert sorted(entry.links) == sorted(linked)
    assert journal.draft() is None


def test_save_is_refused_for_blank_text(qtbot: QtBot, service: Breakwater) -> None:
    window = make(qtbot, service)
    assert not window.save_button.isEnabled()
    qtbot.keyClicks(window.editor.text, "   ")
    assert not window.save_button.isEnabled()
    window.save()
    assert window.isVisible() and "empty" in window.status.text()
    assert Journal(service).count() == 0


def test_too_long_an_entry_is_refused_but_kept(qtbot: QtBot, service: Breakwater) -> None:
    window = make(qtbot, service)
    window.editor.text.setPlainText("x" * 100_001)
    window.save()
    assert window.isVisible() and "100001 characters" in window.status.text()
    window.close()
    draft = Journal(service).draft()
    assert draft is not None and len(draft.text) == 100_001  # never lost


def test_mood_is_chosen_with_the_keyboard(qtbot: QtBot, service: Breakwater) -> None:
    window = make(qtbot, service)
    qtbot.waitUntil(window.editor.text.hasFocus)
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Tab)  # Tab leaves the text box
    assert window.editor.text.toPlainText() == ""
    assert window.editor.mood_buttons[0].hasFocus()  # "Rather not say", the checked one
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert window.editor.value()[1] == 3
    assert window.editor.mood_buttons[3].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert window.editor.value()[1] == 2
    names = [b.accessibleName() for b in window.editor.mood_buttons.values()]
    assert names == ["No mood", "Mood 1 of 5: Very low", "Mood 2 of 5: Low",
                     "Mood 3 of 5: So-so", "Mood 4 of 5: Good", "Mood 5 of 5: Very good"]


def test_every_control_is_reached_with_tab_and_named(qtbot: QtBot,
                                                     service: Breakwater) -> None:
    hard_calls(service)
    window = make(qtbot, service)
    qtbot.waitUntil(window.editor.text.hasFocus)
    qtbot.keyClicks(window.editor.text, "words")
    seen = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:4] == [window.editor.mood_buttons[0], window.links, window.close_button,
                        window.save_button]
    assert window.prompt_button in seen  # round to the top again
    for widget in (window.editor.text, window.links, window.close_button, window.save_button,
                   window.prompt_button):
        assert widget.accessibleName(), widget


def test_hard_calls_since_the_last_entry_are_listed_and_ticked(qtbot: QtBot,
                                                               service: Breakwater) -> None:
    second, first = hard_calls(service)
    window = make(qtbot, service)
    texts = [window.links.item(i).text() for i in range(window.links.count())]
    assert texts == ["Today 14:50 · Distressed customer · severity 2 of 3",
                     "Today 14:00 · Abusive or hostile · severity 3 of 3"]
    assert window.ticked() == [second, first]
    assert "2 hard calls" in window.links_label.text()
    # Untick the first with the keyboard: focus the list, go down, Space.
    window.links.setFocus()
    qtbot.keyClick(window.links, Qt.Key.Key_Down)
    qtbot.keyClick(window.links, Qt.Key.Key_Space)
    assert window.ticked() == [second]
    qtbot.keyClicks(window.editor.text, "only the second")
    window.save()
    [entry] = Journal(service).entries(1)
    assert entry.links == (second,)


def test_no_hard_calls_says_so(qtbot: QtBot, service: Breakwater) -> None:
    window = make(qtbot, service)
    assert not window.links.isVisibleTo(window)
    assert window.links_label.text() == "No hard calls tagged since your last entry."


def test_the_draft_is_offered_back_with_its_ticks(qtbot: QtBot, service: Breakwater) -> None:
    second, first = hard_calls(service)
    window = make(qtbot, service)
    qtbot.keyClicks(window.editor.text, "I will finish this later")
    window.editor.mood_buttons[4].setChecked(True)
    window.links.item(1).setCheckState(Qt.CheckState.Unchecked)  # not about the first
    window.another_question()
    window.close()
    clock(service).advance(300)
    third = service.tag(Kind.DIFFICULT, 3).interaction.id  # a call after the draft
    clock(service).advance(60)
    again = make(qtbot, service)
    assert again.editor.value() == ("I will finish this later", 4)
    assert again.banner.isVisible()
    assert again.banner_text.text() == ("Your unsaved words from Today 15:00 are back, just "
                                        "as you left them.")
    assert again.prompt == "did-well"  # the question the draft was answering
    assert again.ticked() == [third, second]  # the new call ticked, the unticked one not
    assert first in [c.interaction_id for c in again.candidates]
    assert again.describe()["restored"] is True


def test_a_discarded_draft_can_be_brought_back(qtbot: QtBot, service: Breakwater) -> None:
    journal = Journal(service)
    journal.save_draft(Draft("an old draft", mood=1, started=T0 - 60))
    window = make(qtbot, service)
    assert window.editor.value() == ("an old draft", 1)
    window.banner_button.click()  # "Discard them"
    assert window.editor.value() == ("", None) and journal.draft() is None
    assert window.banner_text.text() == "The draft was discarded."
    assert window.banner_button.text() == "&Undo"
    window.banner_button.click()
    assert window.editor.value() == ("an old draft", 1)
    draft = journal.draft()
    assert draft is not None and draft.text == "an old draft"


def test_a_draft_that_cannot_be_kept_is_told_once(qtbot: QtBot, service: Breakwater,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    window = make(qtbot, service, errors=errors)

    def full(*_args: object) -> bool:
        raise StoreError(Message("The disk is full."))

    monkeypatch.setattr(window.journal, "save_draft", full)
    for word in ("one", " two"):
        qtbot.keyClicks(window.editor.text, word)
        window.keeper.timer.timeout.emit()
    assert errors == ["The disk is full."]
    assert window.status.text().startswith("Not saved: The disk is full.")
    assert window.editor.value()[0] == "one two"  # still on screen


def test_prompts_take_turns_entry_by_entry(qtbot: QtBot, service: Breakwater) -> None:
    journal = Journal(service)
    seen = []
    for i in range(len(PROMPTS) + 1):
        window = make(qtbot, service)
        seen.append(window.prompt)
        qtbot.keyClicks(window.editor.text, f"entry {i}")
        window.save()
    assert seen == [key for key, _t in PROMPTS] + [PROMPTS[0][0]]
    assert journal.count() == len(PROMPTS) + 1


@pytest.mark.parametrize("language", ["en", "es", "zh_CN"])
def test_screenshots_and_live_language(qtbot: QtBot, service: Breakwater,
                                       language: str) -> None:
    hard_calls(service)
    window = make(qtbot, service)
    sample = {"en": "The customer shouted for ten minutes. I kept my voice low.",
              "es": "El cliente gritó diez minutos. Mantuve la voz tranquila.",
              "zh_CN": "客户喊了十分钟。我一直保持平静的语气。"}[language]
    window.editor.text.insertPlainText(sample)  # QTest types ASCII only
    window.editor.mood_buttons[2].setChecked(True)
    try:
        i18n.setup(language)
        window.retranslate()
        title = {"en": "Write it down", "es": "Escríbelo", "zh_CN": "写下来"}[language]
        assert window.title.text() == title
        if language != "en":
            assert window.prompt_label.text() != "What happened, in a sentence or two?"
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.resize(600, 620)
        QApplication.processEvents()  # lay out the new words before the picture
        assert window.grab().save(str(SHOTS / f"journal-entry-{language}.png"))
        window.close()
        again = make(qtbot, service)
        again.resize(600, 620)
        assert again.banner.isVisible()
        QApplication.processEvents()
        assert again.grab().save(str(SHOTS / f"journal-entry-draft-{language}.png"))
    finally:
        i18n.setup("en")
