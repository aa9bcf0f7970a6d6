"""The small always-available window used where no system tray exists."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.load import Snapshot
from desktop.i18n import _
from desktop.ui.icons import level_name, paint_level
from desktop.wording import today_text


class StatusWindow(QWidget):
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
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Latest message"))
        self.notice.hide()
        layout.addWidget(self.notice)

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
