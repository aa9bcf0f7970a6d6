"""The pacer window driven by a fake clock: a whole session in well under a second."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSlider, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.breathing import LEAD_IN_SECONDS, STEP_WORDS, phase_changes, plan
from desktop.core.clock import FakeClock
from desktop.ui.breathing_window import BreathingResult, BreathingWindow

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def make(qtbot: QtBot, clock: FakeClock, key: str = "cyclic-sigh", ask: bool = True,
         reduced: bool = False, cue: list[float] | None = None,
         said: list[str] | None = None) -> BreathingWindow:
    window = BreathingWindow(
        plan(key, 1, 4), clock.monotonic, ask_ratings=ask, reduced_motion=reduced,
        cue=(lambda: cue.append(clock.monotonic())) if cue is not None else None,
        planner=lambda k, m: plan(k, m, 4),
        announce=said.append if said is not None else None)
    qtbot.addWidget(window)
    window.present(activate=False)
    return window


def get_ready(window: BreathingWindow, clock: FakeClock) -> float:
    """Run the lead-in count; returns the moment the first breath began."""
    assert window.phase_word.text() == "Get ready" and window.seconds_left.text() == "3"
    clock.advance(LEAD_IN_SECONDS - 1.1)
    window.frame()
    assert window.phase_word.text() == "Get ready" and window.seconds_left.text() == "2"
    clock.advance(1.1)
    assert window.frame() is not None  # the first breath starts exactly on the count
    return clock.monotonic()


def test_a_full_minute_follows_the_schedule_exactly(qtbot: QtBot) -> None:
    clock, cues = FakeClock(), []
    window = make(qtbot, clock, cue=cues)
    results: list[BreathingResult] = []
    ended: list[BreathingResult] = []
    window.finished.connect(results.append)
    window.ended.connect(ended.append)
    began = time.perf_counter()
    window.before.slider.setValue(7)
    qtbot.keyClick(window.before.confirm, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pacer_page
    start = get_ready(window, clock)
    seen: list[tuple[float, str]] = [(0.0, window.phase_word.text())]
    while window.stack.currentWidget() is window.pacer_page:
        clock.advance(0.25)
        window.frame()
        word = window.phase_word.text()
        if window.stack.currentWidget() is window.pacer_page and word != seen[-1][1]:
            seen.append((clock.monotonic() - start, word))
    p = window.plan
    schedule = [(t, STEP_WORDS[p.pattern.phases[i % 3].step])
                for i, t in enumerate(phase_changes(p))]
    # Every phase began on screen exactly when scheduled (the next cycle's inhale
    # follows an exhale, so word changes mark every phase).
    assert seen == schedule
    assert clock.monotonic() - start == 60.0
    assert [round(c - start, 2) for c in cues] == [t for t, _w in schedule]
    assert ended == [BreathingResult("cyclic-sigh", 60.0, 60.0, True, 7, None)]
    assert window.after.summary.text() == "Well done: all 6 cycles."
    assert window.after.slider.value() == 7  # the after rating starts from the before one
    assert results == []
    qtbot.keyClick(window, Qt.Key.Key_3)  # a digit rates in one key
    qtbot.keyClick(window.after.confirm, Qt.Key.Key_Return)
    assert results == [BreathingResult("cyclic-sigh", 60.0, 60.0, True, 7, 3)]
    assert not window.isVisible()
    assert time.perf_counter() - began < 1.0  # a minute of breathing, simulated


def test_space_pauses_and_esc_stops_early(qtbot: QtBot) -> None:
    clock, said = FakeClock(), []
    window = make(qtbot, clock, key="box", said=said)
    results: list[BreathingResult] = []
    window.finished.connect(results.append)
    qtbot.keyClick(window, Qt.Key.Key_S)  # skip the first rating in one key
    get_ready(window, clock)
    clock.advance(5)
    window.frame()
    assert window.phase_word.text() == "Hold" and window.seconds_left.text() == "3 s"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.phase_word.text() == "Paused" and not window.timer.isActive()
    clock.advance(100)  # a long pause does not count
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.phase_word.text() == "Hold"
    clock.advance(3)
    window.frame()
    assert window.phase_word.text() == "Breathe out"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.after
    assert window.after.summary.text() == (
        "You breathed for 8 s (0 of 4 cycles). That counts too.")
    assert window.after.slider.value() == 5 and not window.after.before.isVisibleTo(window)
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert results == [BreathingResult("box", 64.0, 8.0, False, None, None)]
    # What a screen reader is asked to say, as the screen changes without focus moving.
    assert said == ["Get ready", "Breathe in", "Hold", "Paused", "Hold", "Breathe out",
                    "You breathed for 8 s (0 of 4 cycles). That counts too."]


def test_esc_before_starting_closes_without_a_session(qtbot: QtBot) -> None:
    window = make(qtbot, FakeClock())
    results: list[BreathingResult] = []
    window.finished.connect(results.append)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and results == []


def test_without_ratings_it_starts_and_ends_in_one_step(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = make(qtbot, clock, key="resonance", ask=False)
    results: list[BreathingResult] = []
    window.finished.connect(results.append)
    assert not window.before.slider.isVisibleTo(window)
    assert window.before.summary.text() == "5 cycles, 55 s. Follow the circle."
    qtbot.keyClick(window.before.confirm, Qt.Key.Key_Return)
    get_ready(window, clock)
    clock.advance(55)
    window.frame()
    assert results == [BreathingResult("resonance", 55.0, 55.0, True, None, None)]


def test_closing_the_window_mid_session_records_it_as_stopped(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = make(qtbot, clock, ask=False)
    results: list[BreathingResult] = []
    window.finished.connect(results.append)
    qtbot.keyClick(window.before.confirm, Qt.Key.Key_Return)
    get_ready(window, clock)
    clock.advance(12)
    window.close()
    assert results == [BreathingResult("cyclic-sigh", 60.0, 12.0, False, None, None)]


def test_the_first_page_explains_and_lets_the_user_choose(qtbot: QtBot) -> None:
    window = make(qtbot, FakeClock())
    assert window.before.how.text().startswith("Breathe in through your nose")
    assert window.before.summary.text() == "6 cycles, 1 min. Follow the circle."
    window.before.pattern.setCurrentIndex(window.before.pattern.findData("4-7-8"))
    window.before.minutes.setCurrentIndex(window.before.minutes.findData(3))
    # 4-7-8 stays at the beginners' cap of four cycles whatever the length.
    assert (window.plan.pattern.key, window.plan.minutes, window.plan.cycles) == ("4-7-8", 3, 4)
    assert window.before.summary.text() == "4 cycles, 1 min 16 s. Follow the circle."
    assert "hold for 7" in window.before.how.text()
    window.before.pattern.setCurrentIndex(window.before.pattern.findData("resonance"))
    assert (window.plan.cycles, window.session.plan) == (16, window.plan)


def test_the_lead_in_can_be_paused_or_stopped_before_any_breath(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = make(qtbot, clock)
    started: list[bool] = []
    ended: list[BreathingResult] = []
    window.started.connect(lambda: started.append(True))
    window.ended.connect(ended.append)
    qtbot.keyClick(window, Qt.Key.Key_S)
    clock.advance(2)
    window.frame()
    qtbot.keyClick(window, Qt.Key.Key_Space)  # paused during "get ready"
    assert window.phase_word.text() == "Paused"
    clock.advance(30)
    qtbot.keyClick(window, Qt.Key.Key_Space)  # the count starts again from three
    get_ready(window, clock)
    assert started == [True] and window.session.elapsed(clock.monotonic()) == 0.0
    other = make(qtbot, clock)
    other.ended.connect(ended.append)
    qtbot.keyClick(other, Qt.Key.Key_S)
    qtbot.keyClick(other, Qt.Key.Key_Escape)  # stopped before the first breath
    assert not other.isVisible() and ended == []


def test_closing_on_the_after_page_keeps_the_session_without_a_rating(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = make(qtbot, clock, key="resonance")
    ended: list[BreathingResult] = []
    finished: list[BreathingResult] = []
    window.ended.connect(ended.append)
    window.finished.connect(finished.append)
    qtbot.keyClick(window, Qt.Key.Key_4)  # before: 4
    qtbot.keyClick(window, Qt.Key.Key_Return)
    get_ready(window, clock)
    clock.advance(60)
    window.frame()
    assert window.after.before.text() == "Before, you said 4."
    window.close()
    assert ended == [BreathingResult("resonance", 55.0, 55.0, True, 4, None)]
    assert finished == ended


def test_every_control_is_named_and_reachable_by_keyboard(qtbot: QtBot) -> None:
    window = make(qtbot, FakeClock())
    controls = window.findChildren(QPushButton) + window.findChildren(QSlider)
    assert len(controls) >= 7
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    assert window.pacer.accessibleName() and window.phase_word.accessibleName()


def test_tab_goes_through_the_first_page_top_to_bottom(qtbot: QtBot) -> None:
    window = make(qtbot, FakeClock())
    page = window.before
    order: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and len(order) < 5:  # what Tab visits, from the top
        if widget.isVisibleTo(window) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [page.pattern, page.minutes, page.slider, page.skip, page.confirm]


def test_reduced_motion_shows_a_bar(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = make(qtbot, clock, reduced=True, ask=False)
    assert window.pacer.reduced_motion
    assert window.pacer.sizeHint().height() < window.pacer.sizeHint().width() / 2
    qtbot.keyClick(window.before.confirm, Qt.Key.Key_Return)
    get_ready(window, clock)
    clock.advance(1.5)
    window.frame()
    assert 0.0 < window.pacer.fill < 1.0


@pytest.mark.parametrize("reduced", [False, True])
def test_screenshots_of_every_phase(qtbot: QtBot, reduced: bool) -> None:
    """Saved for people to look at (artifacts/screenshots); checks they are not blank."""
    clock = FakeClock()
    window = make(qtbot, clock, reduced=reduced)
    SHOTS.mkdir(parents=True, exist_ok=True)
    mode = "bar" if reduced else "circle"
    shots: dict[str, QWidget] = {}
    window.grab().save(str(SHOTS / f"breathing-{mode}-0-rating.png"))
    qtbot.keyClick(window, Qt.Key.Key_S)
    window.grab().save(str(SHOTS / f"breathing-{mode}-0-get-ready.png"))
    start = get_ready(window, clock)
    for n, (at, name) in enumerate([(1.5, "in"), (3.5, "top-up"), (7.0, "out")], start=1):
        clock.advance(at - (clock.monotonic() - start))
        window.frame()
        image = window.grab().toImage()
        path = SHOTS / f"breathing-{mode}-{n}-{name}.png"
        assert image.save(str(path))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7)
                   for y in range(0, image.height(), 7)}
        assert len(colours) > 3, path  # something was drawn
        shots[name] = window
    assert set(shots) == {"in", "top-up", "out"}


def test_the_first_page_names_the_bar_in_reduced_motion(qtbot: QtBot) -> None:
    window = BreathingWindow(plan("box", 1, 4), FakeClock().monotonic,
                             reduced_motion=True)
    qtbot.addWidget(window)
    assert window.before.summary.text().endswith("Follow the bar.")
