"""The break window: a large countdown and one idea of what to do away from the screen.

It is an ordinary window: never full-screen, never on top of other windows, never
grabbing keyboard or mouse, so the softphone keeps working while it is open. It shows
the break the service keeps (desktop/service/breaks.py); it does not own it. Keys:
Enter is "I'm back" (ends the break now), "+" adds two minutes, Esc hides the window while
the break goes on (the tray shows the time left and opens it again). Time comes from the
injected clock, so tests drive it with a fake one.

On its own (``breakwater break`` with no tray app) there is no tray to come back to: Esc
minimises instead of hiding, and when the time is up the window itself says the break
is over, rather than a desktop notification.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.breaks import Finished, RunningBreak, idea_for
from desktop.i18n import _, ngettext
from desktop.store.errors import StoreError
from desktop.ui.announce import announce
from desktop.ui.app_window import dress, present_centred
from desktop.ui.one_press import OnePress
from desktop.ui.style import window_style

log = logging.getLogger(__name__)

FRAME_MS = 250  # the countdown shows seconds; four looks a second keep it on time
STYLE = window_style("6px 14px", """
QLabel#countdown { font-size: 44pt; font-weight: 600; }
QLabel#idea { font-size: 12pt; }
""")


ACTION_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Plus,
               Qt.Key.Key_Equal)


def clock_text(seconds: float) -> str:
    """Seconds left as M:SS, counting up to the next whole second (4:59 just after the
    start of five minutes, 0:01 in the last second)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


class BreakWindow(QWidget):
    back = Signal()  # "I'm back"
    extend = Signal()  # "+2 min"

    def __init__(self, current: Callable[[], RunningBreak | None],
                 clock: Callable[[], float], *, alone: bool = False,
                 on_due: Callable[[float], object] | None = None,
                 parent: QWidget | None = None) -> None:
        """``current`` answers the break running now (None once it ended anywhere);
        ``on_due(now)`` is called when its time is up (the owner records it)."""
        super().__init__(parent, Qt.WindowType.Window)
        self._one_press = OnePress()
        self._current = current
        self._clock = clock
        self._alone = alone
        self._on_due = on_due
        self.run = current()
        self.over = False  # the time is up and the window says so (on its own only)
        self._closing = False
        self._last_minutes: int | None = None
        dress(self, STYLE)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.length = QLabel(self)
        self.length.setObjectName("quiet")
        self.length.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idea = QLabel(self)
        self.idea.setObjectName("idea")
        self.idea.setWordWrap(True)
        self.idea.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idea.setMinimumHeight(60)
        row = QHBoxLayout()
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("primary")
        self.back_button.setDefault(True)
        self.extend_button = QPushButton(self)
        row.addStretch()
        row.addWidget(self.back_button)
        row.addWidget(self.extend_button)
        row.addStretch()
        for widget in (self.title, self.countdown, self.length):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.idea, 1)
        layout.addSpacing(8)
        layout.addLayout(row)
        self.back_button.clicked.connect(self._back)
        self.extend_button.clicked.connect(self.extend.emit)
        self.setTabOrder(self.back_button, self.extend_button)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.frame)
        self.retranslate()
        self.resize(460, 360)
        self.timer.start()

    def retranslate(self) -> None:
        """Every visible text, in the language chosen now."""
        self.setWindowTitle(_("Break — Breakwater"))
        self.setAccessibleName(_("Break"))
        self.countdown.setAccessibleName(_("Time left in your break"))
        self.idea.setAccessibleName(_("An idea for your break"))
        self.extend_button.setText(_("+2 min"))
        self.extend_button.setAccessibleName(_("Make the break two minutes longer"))
        self._last_minutes = None
        self._show_state()

    def _show_state(self) -> None:
        run = self.run
        if self.over or run is None:
            self.title.setText(_("Break over"))
            self.length.setText(_("Welcome back. Take the next call when you are ready."))
            self.countdown.setText("0:00")
            self.back_button.setText(_("Close (Enter)"))
            self.back_button.setAccessibleName(_("Close the window"))
            self.extend_button.hide()
            return
        self.title.setText(_("Time for a break"))
        self.idea.setText(_(idea_for(run.idea)))
        self.back_button.setText(_("I'm back (Enter)"))
        self.back_button.setAccessibleName(_("I'm back: end the break now"))
        minutes = round(run.seconds / 60)
        if minutes != self._last_minutes:
            self._last_minutes = minutes
            self.length.setText(ngettext("of a {n}-minute break", "of a {n}-minute break",
                                         minutes).format(n=minutes))
        self.countdown.setText(clock_text(run.remaining(self._clock())))

    # Keys and buttons -------------------------------------------------------------
    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._one_press.released(event)
        super().keyReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._one_press.is_repeat(event) and key in ACTION_KEYS:
            # One press, one action: a "+" held for a second and a half would otherwise
            # add 2 minutes some 20 times over (X repeats at 25 a second).
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._back()
        elif key == Qt.Key.Key_Escape:
            self.step_aside()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and not self.over:
            self.extend.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _back(self) -> None:
        if self.over or self.run is None:
            self.close()
        else:
            self.back.emit()

    def step_aside(self) -> None:
        """Esc: out of the way while the break goes on."""
        if self.over or self.run is None:
            self.close()
        elif self._alone:
            self.showMinimized()
        else:
            self.hide()

    # Showing -----------------------------------------------------------------------
    def present(self, activate: bool) -> None:
        """Centred, an ordinary window; takes focus only when the user asked for it."""
        present_centred(self, activate, normal=True)
        if activate:
            self.back_button.setFocus()

    def describe(self) -> dict[str, object]:
        """What the window shows (``breakwater``'s describe request, for tests)."""
        frame = self.frameGeometry()
        return {"visible": self.isVisible(), "active": self.isActiveWindow(),
                "countdown": self.countdown.text(), "idea": self.idea.text(),
                "over": self.over, "fullscreen": self.isFullScreen(),
                "on_top": bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint),
                "geometry": [frame.x(), frame.y(), frame.width(), frame.height()]}

    def alive(self) -> bool:
        """Kept by the window registry while its break runs, shown or not."""
        return self.isVisible() or (not self.over and self.run is not None)

    def frame(self) -> None:
        """Where the break stands now (four times a second)."""
        if self.over:
            return
        now = self._clock()
        try:
            run = self._current()
        except StoreError as error:  # the file went away (shutting down): stop looking
            log.warning("break window stopped: %s", error.message.render())
            self.timer.stop()
            return
        if run is None or self.run is None or run.started != self.run.started:
            self._gone()
            return
        self.run = run
        if run.due(now) and self._on_due is not None:
            self._on_due(now)  # recorded (on its own, ``ended`` says so)
            if not self.over and self._current() is None:
                self._gone()
            return
        self._show_state()

    def ended(self, done: Finished, how: str) -> None:
        """The break was recorded. On its own, a break whose time ran out leaves the
        window saying so; otherwise the window goes (the tray app tells the user)."""
        if self.run is None or done.started != self.run.started:
            return
        if self._alone and how in ("due", "late"):
            self.over = True
            self.timer.stop()
            self._show_state()
            announce(self, self.title.text())
        else:
            self._gone()

    def _gone(self) -> None:
        self.run = None
        self.timer.stop()
        if not self._closing:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close button: on its own that is the end of the break
        # ("I'm back"); in the tray app it only hides the window, as Esc does.
        if not self.over and self.run is not None:
            if not self._alone:
                event.ignore()
                self.hide()
                return
            self._closing = True
            self.back.emit()
        self.timer.stop()
        super().closeEvent(event)
