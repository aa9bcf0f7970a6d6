"""What the app's ordinary windows share: the paper background under one style sheet,
and how a window comes forward without taking the keyboard from the softphone unless
the user asked for it (``activate``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import QWidget

from desktop.ui.style import PAPER


def closed_by_escape(window: QWidget, event: QKeyEvent) -> bool:
    """Esc closes an app window (a control that uses Esc itself, an open calendar or
    menu, takes it first). For ``keyPressEvent``: True when the key was Esc and the
    window closed; otherwise pass the event on."""
    if event.key() != Qt.Key.Key_Escape:
        return False
    window.close()
    event.accept()
    return True


def dress(window: QWidget, sheet: str) -> None:
    """Paper background (filled, so the style sheet's colours sit on it) and ``sheet``."""
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    window.setPalette(palette)
    window.setAutoFillBackground(True)
    window.setStyleSheet(sheet)


def present_centred(window: QWidget, activate: bool, *, normal: bool = False) -> None:
    """Centred on the screen; raised and given the keyboard only when ``activate``.
    ``normal`` shows it un-minimised (``showNormal``)."""
    screen = QGuiApplication.primaryScreen().availableGeometry()
    window.move(screen.center() - window.rect().center())
    if not activate:
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    if normal:
        window.showNormal()
    else:
        window.show()
    if activate:
        window.raise_()
        window.activateWindow()


def present_raised(window: QWidget, activate: bool, *, hold_back: bool = True) -> None:
    """Where the window manager puts it, raised; given the keyboard only when
    ``activate``. ``hold_back=False`` leaves out WA_ShowWithoutActivating (the journal
    and history windows, and windows without ``present``, have always shown that way)."""
    if hold_back and not activate:
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    window.show()
    window.raise_()
    if activate:
        window.activateWindow()
