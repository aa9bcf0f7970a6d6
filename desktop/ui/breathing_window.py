"""The guided breathing window: an optional rating, the pacer, an optional rating after.

Time comes from an injected monotonic clock; every frame asks the core where the session
stands at that instant, so a late or dropped frame never shifts the schedule. Keyboard:
Space pauses and resumes, Esc stops (or closes before the start), S skips a rating,
Enter confirms. Every control has an accessible name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.breathing import STEP_WORDS, Plan, Position, Session
from desktop.core.settings import Settings
from desktop.i18n import _
from desktop.ui.pacer import Pacer

FRAME_MS = 16  # ~60 Hz; positions come from the clock, not from counting frames


@dataclass(frozen=True)
class BreathingResult:
    pattern: str
    planned_seconds: float
    actual_seconds: float
    completed: bool
    rating_before: int | None
    rating_after: int | None


class RatingPage(QWidget):
    """SUDS 0–10: 0 calm, 10 the most distressed you can imagine."""

    confirmed = Signal(object)  # int, or None when skipped

    def __init__(self, question: str, confirm_text: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        self.question.setObjectName("title")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 10)
        self.slider.setValue(5)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName(question)
        self.slider.setAccessibleDescription(_(
            "0 is calm, 10 is the most distressed you can imagine"))
        self.value = QLabel(self)
        self.value.setAccessibleName(_("Rating"))
        self.slider.valueChanged.connect(lambda v: self.value.setText(str(v)))
        self.value.setText(str(self.slider.value()))
        scale = QHBoxLayout()
        scale.addWidget(QLabel(_("0 calm"), self))
        scale.addStretch()
        scale.addWidget(QLabel(_("10 most distressed"), self))
        buttons = QHBoxLayout()
        self.skip = QPushButton(_("Skip rating (S)"), self)
        self.skip.setAccessibleName(_("Skip rating"))
        self.confirm = QPushButton(confirm_text, self)
        self.confirm.setAccessibleName(confirm_text)
        self.confirm.setDefault(True)
        buttons.addWidget(self.skip)
        buttons.addStretch()
        buttons.addWidget(self.confirm)
        layout.addWidget(self.question)
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        layout.addLayout(row)
        layout.addLayout(scale)
        layout.addStretch()
        layout.addLayout(buttons)
        self.skip.clicked.connect(lambda: self.confirmed.emit(None))
        self.confirm.clicked.connect(lambda: self.confirmed.emit(self.slider.value()))


class BreathingWindow(QWidget):
    started = Signal()
    finished = Signal(object)  # BreathingResult

    def __init__(self, plan: Plan, clock: Callable[[], float], *, ask_ratings: bool = True,
                 reduced_motion: bool = False, cue: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.plan = plan
        self.session = Session(plan)
        self._clock = clock
        self._cue = cue
        self._ask = ask_ratings
        self._before: int | None = None
        self._last_phase: tuple[int, int] | None = None
        self._done = False
        self.setWindowTitle(_("Breathe — Breakwater"))
        self.setAccessibleName(_("Guided breathing"))

        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)

        self.before = RatingPage(_("How distressed do you feel right now?"),
                                 _("Start (Enter)"), self)
        if not ask_ratings:
            for w in (self.before.slider, self.before.value, self.before.skip):
                w.hide()
            self.before.question.setText(_(
                "{pattern}: {cycles} cycles, about {minutes} min. Start when you are ready."
            ).format(pattern=_(plan.pattern.name), cycles=plan.cycles, minutes=plan.minutes))
        self.before.confirmed.connect(self._begin)
        self.stack.addWidget(self.before)

        self.pacer_page = QWidget(self)
        pacer_layout = QVBoxLayout(self.pacer_page)
        self.pacer = Pacer(reduced_motion, self.pacer_page)
        self.phase_word = QLabel(self.pacer_page)
        self.phase_word.setObjectName("phase")
        self.phase_word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_word.setAccessibleName(_("Phase"))
        self.seconds_left = QLabel(self.pacer_page)
        self.seconds_left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds_left.setAccessibleName(_("Seconds left in this phase"))
        self.cycles = QLabel(self.pacer_page)
        self.cycles.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cycles.setAccessibleName(_("Cycles done"))
        controls = QHBoxLayout()
        self.pause_button = QPushButton(_("Pause (Space)"), self.pacer_page)
        self.pause_button.setAccessibleName(_("Pause or resume"))
        self.stop_button = QPushButton(_("Stop (Esc)"), self.pacer_page)
        self.stop_button.setAccessibleName(_("Stop breathing"))
        controls.addStretch()
        controls.addWidget(self.pause_button)
        controls.addWidget(self.stop_button)
        controls.addStretch()
        pacer_layout.addWidget(self.pacer, 1)
        pacer_layout.addWidget(self.phase_word)
        pacer_layout.addWidget(self.seconds_left)
        pacer_layout.addWidget(self.cycles)
        pacer_layout.addLayout(controls)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.stack.addWidget(self.pacer_page)

        self.after = RatingPage(_("And now? How distressed do you feel?"), _("Save (Enter)"), self)
        self.after.confirmed.connect(self._finish)
        self.stack.addWidget(self.after)

        self.setStyleSheet("QLabel#phase { font-size: 22pt; font-weight: 600; color: #24313a; }"
                           "QLabel#title { font-size: 12pt; font-weight: 600; }")

        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.frame)
        self.resize(420, 520)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys the focused control does not use arrive here (a focused button takes
        # Space as a click, which on the pacer page is the pause button anyway).
        key = event.key()
        if key == Qt.Key.Key_Space:
            self.toggle_pause()
        elif key == Qt.Key.Key_Escape:
            self.escape()
        elif key == Qt.Key.Key_S and not event.modifiers():
            self._skip_rating()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._confirm_page():
            pass
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # Opening --------------------------------------------------------------------
    def open(self, activate: bool) -> None:
        """Centred on the screen; takes focus only when the user asked for it."""
        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.move(screen.center() - self.rect().center())
        if not activate:
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.show()
        if activate:
            self.raise_()
            self.activateWindow()
            (self.before.slider if self._ask else self.before.confirm).setFocus()

    # The session ----------------------------------------------------------------
    def _begin(self, rating: int | None) -> None:
        self._before = rating if self._ask else None
        self.stack.setCurrentWidget(self.pacer_page)
        self.pause_button.setFocus()
        self.session.start(self._clock())
        self.started.emit()
        self.timer.start()
        self.frame()

    def frame(self) -> Position | None:
        """Show where the session stands now (called every frame while running)."""
        if self.session.started_at is None:
            return None
        now = self._clock()
        at = self.session.position(now)
        self.pacer.set_fill(at.fill)
        self.phase_word.setText(_(STEP_WORDS[at.phase.step]))
        self.seconds_left.setText(_("{n} s").format(n=max(0, int(at.seconds_left + 0.999))))
        self.cycles.setText(_("{done} of {total} cycles done").format(
            done=at.cycles_done, total=self.plan.cycles))
        key = (at.cycle, at.index)
        if key != self._last_phase and not at.done:
            self._last_phase = key
            if self._cue is not None:
                self._cue()
        if at.done:
            self._end_session()
        return at

    def toggle_pause(self) -> None:
        if self.stack.currentWidget() is not self.pacer_page or self._done:
            return
        now = self._clock()
        if self.session.running:
            self.session.pause(now)
            self.timer.stop()
            self.pause_button.setText(_("Resume (Space)"))
            self.phase_word.setText(_("Paused"))
        else:
            self.session.start(now)
            self.timer.start()
            self.pause_button.setText(_("Pause (Space)"))
            self.frame()

    def stop(self) -> None:
        """Stop early: the time breathed so far still counts."""
        if self.session.started_at is not None and not self._done:
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
        """Enter confirms a rating page (a plain window has no default button)."""
        page = self.stack.currentWidget()
        if page is self.before or page is self.after:
            page.confirm.click()
            return True
        return False

    def _skip_rating(self) -> None:
        page = self.stack.currentWidget()
        if page is self.before and self._ask:
            self._begin(None)
        elif page is self.after:
            self._finish(None)

    def _end_session(self) -> None:
        self._done = True
        self.timer.stop()
        if self._ask:
            self.stack.setCurrentWidget(self.after)
            self.after.slider.setFocus()  # arrows rate, Enter saves, S skips
        else:
            self._finish(None)

    def _finish(self, rating_after: int | None) -> None:
        self._report(rating_after)
        self.close()

    def _report(self, rating_after: int | None) -> None:
        if self.session.started_at is None:
            return
        now = self._clock()
        result = BreathingResult(
            pattern=self.plan.pattern.key, planned_seconds=self.plan.total_seconds,
            actual_seconds=self.session.elapsed(now), completed=self.session.completed(now),
            rating_before=self._before, rating_after=rating_after)
        self.session.started_at = None  # reported once
        self.finished.emit(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing mid-session (window manager's close button) is stopping early.
        if self.session.started_at is not None:
            if not self._done:
                self.session.pause(self._clock())
                self._done = True
            self.timer.stop()
            self._report(None)
        super().closeEvent(event)


def build_window(plan: Plan, settings: Settings, clock: Callable[[], float], *,
                 platform_reduced_motion: bool = False,
                 cue_factory: Callable[[], Callable[[], None] | None] | None = None
                 ) -> BreathingWindow:
    """A window configured from the user's settings as they are now."""
    cue = cue_factory() if cue_factory is not None and settings["breathing.sound"] else None
    return BreathingWindow(
        plan, clock, ask_ratings=bool(settings["breathing.ask_ratings"]),
        reduced_motion=bool(settings["breathing.reduced_motion"]) or platform_reduced_motion,
        cue=cue)
