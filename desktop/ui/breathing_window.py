"""The guided breathing window: choose and rate, a short lead-in, the pacer, rate again.

Time comes from an injected monotonic clock; every frame asks the core where the session
stands at that instant, so a late or dropped frame never shifts the schedule. Keyboard:
Space pauses and resumes, Esc stops (or closes before the start), S skips a rating,
0–9 rate, Enter confirms. Every control has an accessible name.

Signals: ``started`` when the first breath begins, ``ended`` when breathing stops
(completed, stopped early or the window closed; the result has no after-rating yet), and
``finished`` once, with the after-rating, when the window is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from desktop.core.breathing import (
    LEAD_IN_SECONDS,
    STEP_WORDS,
    BreathingResult,
    Plan,
    Position,
    Session,
)
from desktop.core.settings import Settings
from desktop.i18n import _, ngettext
from desktop.ui.announce import announce as announce_to_readers
from desktop.ui.app_window import dress, present_centred
from desktop.ui.breathing_pages import AfterPage, IntroPage
from desktop.ui.one_press import OnePress
from desktop.ui.pacer import Pacer
from desktop.ui.style import INK, window_style

__all__ = ["BreathingResult", "BreathingWindow", "build_window"]

FRAME_MS = 16  # ~60 Hz; positions come from the clock, not from counting frames
STYLE = window_style("5px 12px", f"""
QLabel#phase {{ font-size: 22pt; font-weight: 600; }}
QLabel#count {{ font-size: 15pt; }}
QPushButton#primary:focus {{ border: 2px solid {INK}; }}
""")

Planner = Callable[[str, int], Plan]


class BreathingWindow(QWidget):
    started = Signal()
    ended = Signal(object)  # BreathingResult without the after-rating
    finished = Signal(object)  # BreathingResult, once, when the window is done

    def __init__(self, plan: Plan, clock: Callable[[], float], *, ask_ratings: bool = True,
                 reduced_motion: bool = False, cue: Callable[[], None] | None = None,
                 planner: Planner | None = None, lead_in: float = LEAD_IN_SECONDS,
                 announce: Callable[[str], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._one_press = OnePress()
        self.plan = plan
        self.session = Session(plan)
        self._clock = clock
        self._cue = cue
        self._ask = ask_ratings
        self._planner = planner
        # Screen readers do not read a label that changes by itself: each phase, the
        # count-in, a pause and the end are announced.
        self._announcer = announce
        self._lead_in = lead_in
        self._lead_until: float | None = None  # set while the "get ready" count runs
        self._before: int | None = None
        self._last_phase: tuple[int, int] | None = None
        self._ended: BreathingResult | None = None
        self._finished = False
        dress(self, STYLE)

        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)

        self.before = IntroPage(plan, ask_ratings, self, bar=reduced_motion)
        self.before.confirmed.connect(self._begin)
        self.before.pattern.setEnabled(planner is not None)
        self.before.minutes.setEnabled(planner is not None)
        self.before.pattern.currentIndexChanged.connect(self._choose)
        self.before.minutes.currentIndexChanged.connect(self._choose)
        self.stack.addWidget(self.before)

        self.pacer_page = QWidget(self)
        pacer_layout = QVBoxLayout(self.pacer_page)
        self.pacer = Pacer(reduced_motion, self.pacer_page)
        self.phase_word = QLabel(self.pacer_page)
        self.phase_word.setObjectName("phase")
        self.phase_word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds_left = QLabel(self.pacer_page)
        self.seconds_left.setObjectName("count")
        self.seconds_left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cycles = QLabel(self.pacer_page)
        self.cycles.setObjectName("quiet")
        self.cycles.setAlignment(Qt.AlignmentFlag.AlignCenter)
        controls = QHBoxLayout()
        self.pause_button = QPushButton(self.pacer_page)
        self.stop_button = QPushButton(self.pacer_page)
        controls.addStretch()
        controls.addWidget(self.pause_button)
        controls.addWidget(self.stop_button)
        controls.addStretch()
        pacer_layout.addWidget(self.pacer, 1)
        pacer_layout.addWidget(self.phase_word)
        pacer_layout.addWidget(self.seconds_left)
        pacer_layout.addWidget(self.cycles)
        pacer_layout.addSpacing(6)
        pacer_layout.addLayout(controls)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.stack.addWidget(self.pacer_page)

        self.after = AfterPage(ask_ratings, self)
        self.after.confirmed.connect(self._finish)
        self.stack.addWidget(self.after)

        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.frame)
        self.resize(440, 540)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the language set now (the language can change while breathing)."""
        self.setWindowTitle(_("Breathe — Breakwater"))
        self.setAccessibleName(_("Guided breathing"))
        self.phase_word.setAccessibleName(_("Phase"))
        self.seconds_left.setAccessibleName(_("Seconds left in this phase"))
        self.cycles.setAccessibleName(_("Cycles done"))
        on_pacer = self.stack.currentWidget() is self.pacer_page
        paused = (on_pacer and self._ended is None and not self.session.running
                  and self._lead_until is None)
        self.pause_button.setText(_("Resume (Space)") if paused else _("Pause (Space)"))
        self.pause_button.setAccessibleName(_("Pause or resume"))
        self.stop_button.setText(_("Stop (Esc)"))
        self.stop_button.setAccessibleName(_("Stop breathing"))
        self.before.retranslate()
        self.after.retranslate()
        if paused:
            self.phase_word.setText(_("Paused"))
            self._show_cycles(self.session.position(self._clock()).cycles_done)
        elif on_pacer and self._ended is None:
            self.frame()  # the count-in or a phase, in the new words

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._one_press.released(event)
        super().keyReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys the focused control does not use arrive here (a focused button takes
        # Space as a click, which on the pacer page is the pause button anyway).
        # One press, one action: a held Space would pause and resume many times, a held
        # Enter would go through every page.
        if self._one_press.is_repeat(event):
            event.accept()
            return
        if self._handle_key(event.key(), event.modifiers()):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _handle_key(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        plain = modifiers in (Qt.KeyboardModifier.NoModifier,
                              Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Space:
            self.toggle_pause()
            return True
        if key == Qt.Key.Key_Escape:
            self.escape()
            return True
        if key == Qt.Key.Key_S and plain:
            self._skip_rating()
            return True
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and plain:
            return self._rate(key - Qt.Key.Key_0)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._confirm_page()
        return False

    # Opening --------------------------------------------------------------------
    def present(self, activate: bool) -> None:
        """Centred on the screen; takes focus only when the user asked for it."""
        present_centred(self, activate)
        if activate:
            (self.before.slider if self._ask else self.before.confirm).setFocus()

    def _choose(self) -> None:
        """The user picked another pattern or length on the first page."""
        if self._planner is None or self.session.started_at is not None:
            return
        key, minutes = self.before.choice()
        self.plan = self._planner(key, minutes)
        self.session = Session(self.plan)
        self.before.show_plan(self.plan)

    # The session ----------------------------------------------------------------
    def _begin(self, rating: int | None) -> None:
        self._before = rating if self._ask else None
        self.stack.setCurrentWidget(self.pacer_page)
        self.pause_button.setFocus()
        self._start_lead_in()

    def _start_lead_in(self) -> None:
        self._lead_until = self._clock() + self._lead_in
        self.timer.start()
        self.frame()
        self._announce(self.phase_word.text())

    def frame(self) -> Position | None:
        """Show where the session stands now (called every frame while running)."""
        now = self._clock()
        if self._lead_until is not None:
            if now < self._lead_until:
                self._show_lead_in(self._lead_until - now)
                return None
            # The first breath starts when the count ends, not when a frame noticed.
            self.session.start(self._lead_until)
            self._lead_until = None
            self.started.emit()
        if self.session.started_at is None or self._ended is not None:
            return None
        at = self.session.position(now)
        self.pacer.set_fill(at.fill)
        self.phase_word.setText(_(STEP_WORDS[at.phase.step]))
        self.seconds_left.setText(_("{n} s").format(n=max(0, int(at.seconds_left + 0.999))))
        self._show_cycles(at.cycles_done)
        key = (at.cycle, at.index)
        if key != self._last_phase and not at.done:
            self._last_phase = key
            self._announce(self.phase_word.text())
            if self._cue is not None:
                self._cue()
        if at.done:
            self._end_session()
        return at

    def _announce(self, text: str) -> None:
        if self._announcer is not None:
            self._announcer(text)
        else:
            announce_to_readers(self, text)

    def _show_cycles(self, done: int) -> None:
        self.cycles.setText(ngettext("{done} of {total} cycle done",
                                     "{done} of {total} cycles done", self.plan.cycles).format(
            done=done, total=self.plan.cycles))

    def _show_lead_in(self, left: float) -> None:
        self.pacer.set_fill(self.plan.pattern.phases[-1].fill)
        self.phase_word.setText(_("Get ready"))
        self.seconds_left.setText(str(max(1, int(left + 0.999))))
        self._show_cycles(0)

    def toggle_pause(self) -> None:
        if self.stack.currentWidget() is not self.pacer_page or self._ended is not None:
            return
        now = self._clock()
        if self.session.running or self._lead_until is not None:
            self.session.pause(now)
            self._lead_until = None  # a paused count starts again from the top
            self.timer.stop()
            self.pause_button.setText(_("Resume (Space)"))
            self.phase_word.setText(_("Paused"))
            self._announce(self.phase_word.text())
        else:
            self.pause_button.setText(_("Pause (Space)"))
            if self.session.started_at is None:
                self._start_lead_in()
                return
            self.session.start(now)
            self.timer.start()
            self.frame()
            self._announce(self.phase_word.text())

    def stop(self) -> None:
        """Stop early: the time breathed so far still counts. Before the first breath
        there is nothing to keep, and the window just closes."""
        if self._ended is not None:
            return
        if self.session.started_at is None:
            self._lead_until = None
            self.timer.stop()
            self.close()
            return
        self.session.pause(self._clock())
        self._end_session()

    def escape(self) -> None:
        page = self.stack.currentWidget()
        if page is self.before:
            self.close()
        elif page is self.pacer_page:
            self.stop()
        else:
            self._finish(None)

    def _confirm_page(self) -> bool:
        """Enter confirms a page (a plain window has no default button)."""
        page = self.stack.currentWidget()
        if page is self.before or page is self.after:
            page.confirm.click()
            return True
        return False

    def _rate(self, value: int) -> bool:
        page = self.stack.currentWidget()
        if (page is self.before or page is self.after) and self._ask:
            page.slider.setValue(value)
            page.slider.setFocus()
            return True
        return False

    def _skip_rating(self) -> None:
        page = self.stack.currentWidget()
        if page is self.before and self._ask:
            self._begin(None)
        elif page is self.after:
            self._finish(None)

    def _end_session(self, closing: bool = False) -> None:
        """Breathing is over: report it now, so it counts even if no rating follows."""
        now = self._clock()
        self.session.pause(now)
        self.timer.stop()
        self._ended = BreathingResult(
            pattern=self.plan.pattern.key, planned_seconds=self.plan.total_seconds,
            actual_seconds=self.session.elapsed(now), completed=self.session.completed(now),
            rating_before=self._before, rating_after=None)
        self.ended.emit(self._ended)
        if self._ask and not closing:
            done = self.session.position(now).cycles_done
            self.after.show_result(self._ended, done, self.plan.cycles)
            self.stack.setCurrentWidget(self.after)
            self._announce(self.after.summary.text())
            self.after.slider.setFocus()  # arrows or digits rate, Enter saves, S skips
        else:
            self._finish(None, close=not closing)

    def _finish(self, rating_after: int | None, close: bool = True) -> None:
        if self._ended is not None and not self._finished:
            self._finished = True
            self.finished.emit(replace(self._ended, rating_after=rating_after))
        if close:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing mid-session (window manager's close button) is stopping early.
        self.timer.stop()
        self._lead_until = None
        if self.session.started_at is not None and self._ended is None:
            self._end_session(closing=True)
        elif self._ended is not None and not self._finished:
            self._finish(None, close=False)
        super().closeEvent(event)


def build_window(plan: Plan, settings: Settings, clock: Callable[[], float], *,
                 platform_reduced_motion: bool = False,
                 cue_factory: Callable[[], Callable[[], None] | None] | None = None,
                 planner: Planner | None = None) -> BreathingWindow:
    """A window configured from the user's settings as they are now."""
    cue = cue_factory() if cue_factory is not None and settings["breathing.sound"] else None
    return BreathingWindow(
        plan, clock, ask_ratings=bool(settings["breathing.ask_ratings"]),
        reduced_motion=bool(settings["breathing.reduced_motion"]) or platform_reduced_motion,
        cue=cue, planner=planner)
