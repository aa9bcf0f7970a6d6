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
from desktop.i18n import _
from desktop.ui.icons import level_name, paint_level
from desktop.wording import today_text


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
    quit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Breakwater")
        self.setAccessibleName(_("Breakwater status"))
        layout = QVBoxLayout(self)
        self.explanation = QLabel(_(
            "No system tray was found, so Breakwater runs in this small window. On GNOME, "
            "the AppIndicator extension adds a tray."), self)
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.icon = QLabel(self)
        self.icon.setAccessibleName(_("Load level"))
        self.summary = QLabel(self)
        self.summary.setAccessibleName(_("Load, streak and today's counts"))
        layout.addWidget(self.icon)
        layout.addWidget(self.summary)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        entries = [
            ("difficult", _("Tag &difficult"), self.tag_difficult),
            ("ordinary", _("Tag &ordinary"), self.tag_ordinary),
            ("undo", _("&Undo last tag"), self.undo),
            ("pause_hour", _("Pause nudges for an &hour"), self.pause_hour),
            ("pause_tomorrow", _("Pause nudges until &tomorrow"), self.pause_tomorrow),
            ("resume", _("&Resume nudges"), self.resume),
            ("breathe", _("&Breathe…"), self.breathe),
        ]
        for i, (key, text, signal) in enumerate(entries):
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(signal.emit)
            grid.addWidget(button, i // 2, i % 2)
            self.buttons[key] = button
        layout.addLayout(grid)
        self.quit_button = QPushButton(_("&Quit Breakwater"), self)
        self.quit_button.setAccessibleName(_("Quit Breakwater"))
        self.quit_button.clicked.connect(self.quit.emit)
        layout.addWidget(self.quit_button)
        self._close_explained = False
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Latest message"))
        self.notice.hide()
        layout.addWidget(self.notice)

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

    def update_snapshot(self, snap: Snapshot, paused_until: str | None) -> None:
        self.icon.setPixmap(paint_level(48, snap.level, paused_until is not None))
        self.icon.setAccessibleDescription(level_name(snap.level))
        lines = [_("Load {load:.1f} ({level})").format(load=snap.load,
                                                      level=level_name(snap.level)),
                 _("Streak: {n}").format(n=snap.streak),
                 today_text(snap.difficult_today, snap.ordinary_today)]
        if paused_until:
            lines.append(_("Nudges paused until {time}").format(time=paused_until))
        self.summary.setText("\n".join(lines))
        paused = paused_until is not None
        self.buttons["resume"].setVisible(paused)
        self.buttons["pause_hour"].setVisible(not paused)
        self.buttons["pause_tomorrow"].setVisible(not paused)
