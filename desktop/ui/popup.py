"""A small window near the tray that never takes keyboard focus.

The agent is on a call; the softphone must keep the keyboard. So popups are tool windows
that do not accept focus and are shown without activation. Their actions stay reachable
from the keyboard through the tray menu and the command line; focusing the popup itself
would steal focus from the call software.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from desktop.ui.style import INK, LINE, PAPER, TEAL, buttons

MARGIN = 12
STYLE = buttons("4px 10px") + f"""
QFrame#popup {{ background: {PAPER}; border: 1px solid {LINE}; border-radius: 10px; }}
QFrame#popup[square="true"] {{ border-radius: 0px; }}
QLabel {{ color: {INK}; }}
QLabel#title {{ font-weight: 600; font-size: 11pt; }}
QPushButton:checked {{ background: {TEAL}; color: white; border-color: {TEAL}; }}
QPushButton#link {{ border: none; background: transparent; color: {TEAL};
                    text-decoration: underline; text-align: left; padding: 2px 0; }}
"""


_composited: list[bool] = []


def composited() -> bool:
    """Asked once per run: whether rounded, see-through corners can be drawn."""
    if not _composited:
        from desktop.platform.compositor import has_compositor

        _composited.append(has_compositor())
    return _composited[0]


class Popup(QWidget):
    def __init__(self, timeout_ms: int, parent: QWidget | None = None,
                 rounded: bool | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # See-through rounded corners need a compositor; without one they are drawn
        # black, so the popup is square and opaque there.
        self.rounded = composited() if rounded is None else rounded
        if self.rounded:
            self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.frame = QFrame(self)
        self.frame.setObjectName("popup")
        self.frame.setProperty("square", not self.rounded)
        outer.addWidget(self.frame)
        self.body = QVBoxLayout(self.frame)
        self.body.setContentsMargins(14, 12, 14, 12)
        self.body.setSpacing(8)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.expire)
        self.installEventFilter(self)

    def button(self, text: str, accessible: str, primary: bool = False) -> QPushButton:
        button = QPushButton(text, self.frame)
        button.setAccessibleName(accessible)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if primary:
            button.setObjectName("primary")
        return button

    def pop(self) -> None:
        """Show without activation and (re)start the auto-hide countdown."""
        self.adjustSize()
        self.show()
        self.restart()

    def restart(self) -> None:
        if self.timer.interval() > 0:
            self.timer.start()

    def expire(self) -> None:
        self.timer.stop()
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Hovering holds the popup open; leaving restarts the countdown.
        if event.type() == QEvent.Type.Enter:
            self.timer.stop()
        elif event.type() == QEvent.Type.Leave and self.isVisible():
            self.restart()
        return False

    def place_near(self, anchor: QRect | None, avoid: list[QRect] | None = None) -> None:
        """Next to the tray icon when its place is known, else the screen's top-right;
        stacked clear of the popups in ``avoid`` (the toast and the nudge card together)."""
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if anchor is not None and anchor.isValid() and not anchor.isEmpty():
            found = QGuiApplication.screenAt(anchor.center())
            screen = found or screen
        area = screen.availableGeometry()
        size = self.sizeHint()
        if anchor is not None and anchor.isValid() and not anchor.isEmpty():
            x = min(max(area.left() + MARGIN, anchor.center().x() - size.width() // 2),
                    area.right() - size.width() - MARGIN)
            below = anchor.center().y() < area.center().y()
            y = anchor.bottom() + MARGIN if below else anchor.top() - size.height() - MARGIN
        else:
            x = area.right() - size.width() - MARGIN
            y = area.top() + MARGIN
            below = True
        for other in sorted(avoid or [], key=lambda r: r.top(), reverse=not below):
            if QRect(x, y, size.width(), size.height()).intersects(other):
                y = other.bottom() + MARGIN if below else other.top() - size.height() - MARGIN
        self.move(x, max(area.top(), min(y, area.bottom() - size.height())))
