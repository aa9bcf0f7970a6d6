"""The small always-available window used where no system tray exists.

Closing it does not end Breakwater: the hotkeys and nudges are the point of the app, and
a window closed by habit at the end of a call must not silently stop them. The first
close in a run asks, and says how the window comes back (run ``breakwater`` again);
Quit ends the app.
"""

from __future__ import annotations

from enum import Enum
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.load import Snapshot
from desktop.core.text import N_
from desktop.i18n import _
from desktop.ui.icons import level_name
from desktop.ui.level_painter import paint_level
from desktop.wording import today_text

# (key, N_ label) of each button, in reading order.
BUTTONS = (
    ("difficult", N_("Tag &difficult")),
    ("ordinary", N_("Tag &ordinary")),
    ("undo", N_("&Undo last tag")),
    ("pause_hour", N_("Pause nudges for an &hour")),
    ("pause_tomorrow", N_("Pause nudges until &tomorrow")),
    ("resume", N_("&Resume nudges")),
    ("breathe", N_("&Breathe…")),
    ("break", N_("Take a brea&k…")),
)


class CloseChoice(Enum):
    KEEP_RUNNING = "keep"
    QUIT = "quit"
    STAY_OPEN = "cancel"


class StatusWindow(QWidget):
    quit = Signal()
    tag_difficult = Signal()
    tag_ordinary = Signal()
    undo = Signal()
    pause_hour = Signal()
    pause_tomorrow = Signal()
    resume = Signal()
    breathe = Signal()
    take_break = Signal()
    quit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Breakwater")
        self._snap: Snapshot | None = None
        self._paused: str | None = None
        self._break_line: str | None = None
        layout = QVBoxLayout(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.icon = QLabel(self)
        self.summary = QLabel(self)
        layout.addWidget(self.icon)
        layout.addWidget(self.summary)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        signals = {"difficult": self.tag_difficult, "ordinary": self.tag_ordinary,
                   "undo": self.undo, "pause_hour": self.pause_hour,
                   "pause_tomorrow": self.pause_tomorrow, "resume": self.resume,
                   "breathe": self.breathe, "break": self.take_break}
        for i, (key, _label) in enumerate(BUTTONS):
            button = QPushButton(self)
            button.clicked.connect(signals[key].emit)
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[key] = button
        layout.addLayout(grid)
        self.quit_button = QPushButton(self)
        self.quit_button.clicked.connect(self.quit.emit)
        layout.addWidget(self.quit_button)
        self._close_explained = False
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Breakwater status"))
        self.explanation.setText(_(
            "No system tray was found, so Breakwater runs in this small window. On GNOME, "
            "the AppIndicator extension adds a tray."))
        self.icon.setAccessibleName(_("Load level"))
        self.summary.setAccessibleName(_("Load, streak and today's counts"))
        self.notice.setAccessibleName(_("Latest message"))
        for key, label in BUTTONS:
            text = _(label)
            self.buttons[key].setText(text)
            self.buttons[key].setAccessibleName(text.replace("&", ""))
        self.quit_button.setText(_("&Quit Breakwater"))
        self.quit_button.setAccessibleName(_("Quit Breakwater"))
        if self._snap is not None:
            self.update_snapshot(self._snap, self._paused, self._break_line)
            # calls_off comes again, in the new language, with the controller's refresh.

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the user's own close (the title bar's button, Alt+F4) asks; a close from
        # code (shutting down, tests) just closes.
        if event.spontaneous():
            self.user_closed(event)
        else:
            event.accept()

    def user_closed(self, event: QCloseEvent) -> None:
        if self._close_explained:
            event.accept()  # hidden; the app runs on, as the user was told
            return
        choice = self.ask_on_close()
        if choice is CloseChoice.STAY_OPEN:
            event.ignore()
            return
        self._close_explained = True
        event.accept()
        if choice is CloseChoice.QUIT:
            self.quit.emit()

    def ask_on_close(self) -> CloseChoice:
        box = QMessageBox(QMessageBox.Icon.Question, "Breakwater",
                          _("Keep Breakwater running without this window?"),
                          QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(_(
            "Your hotkeys will still tag calls and nudges will still come. To open this "
            "window again, start Breakwater again from your applications menu or run "
            "'breakwater'. To stop Breakwater, choose Quit."))
        keep = box.addButton(_("&Keep running"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(_("&Quit Breakwater"), QMessageBox.ButtonRole.DestructiveRole)
        # Our own words, not Qt's standard Cancel: Qt's catalogues are not loaded.
        stay = box.addButton(_("&Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if clicked is keep:
            return CloseChoice.KEEP_RUNNING
        return CloseChoice.QUIT if clicked is leave else CloseChoice.STAY_OPEN

    def show_notice(self, title: str, text: str) -> None:
        """A message that could not be sent as a desktop notification."""
        self.notice.setText(f"<b>{escape(title)}</b><br>{escape(text)}".replace("\n", "<br>"))
        self.notice.show()

    def update_snapshot(self, snap: Snapshot, paused_until: str | None,
                        break_line: str | None = None, calls_off: str | None = None) -> None:
        """``break_line`` says a break is running and the time left (None: no break);
        ``calls_off`` why calls are not watched (None: they are)."""
        self._snap, self._paused, self._break_line = snap, paused_until, break_line
        self.icon.setPixmap(paint_level(48, snap.level, paused_until is not None))
        self.icon.setAccessibleDescription(level_name(snap.level))
        lines = [_("Load {load:.1f} ({level})").format(load=snap.load,
                                                      level=level_name(snap.level)),
                 _("Streak: {n}").format(n=snap.streak),
                 today_text(snap.difficult_today, snap.ordinary_today)]
        if paused_until:
            lines.append(_("Nudges paused until {time}").format(time=paused_until))
        if break_line:
            lines.append(break_line)
        if calls_off:
            lines.append(calls_off)
        self.summary.setText("\n".join(lines))
        paused = paused_until is not None
        self.buttons["resume"].setVisible(paused)
        self.buttons["pause_hour"].setVisible(not paused)
        self.buttons["pause_tomorrow"].setVisible(not paused)
