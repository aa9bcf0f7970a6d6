"""Where the tray app shows itself: the tray icon with its menu and tooltip, or the status
window where no tray exists. It paints what the controller hands it and turns clicks into
the controller's actions; it decides nothing (desktop/ui/controller.py does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.core.load import Level, Snapshot
from desktop.core.model import Kind
from desktop.ui.icons import level_icon

if TYPE_CHECKING:  # built only where needed: idle memory stays low
    from desktop.ui.controller import TrayController
    from desktop.ui.status_window import StatusWindow
    from desktop.ui.tray_menu import TrayMenu


class TraySurface:
    """The tray icon (``tray``, one shown early at start-up if given) or, where no tray
    exists, the status window (``window``); their buttons call ``controller``'s actions."""

    def __init__(self, controller: TrayController, tray_available: bool,
                 tray: QSystemTrayIcon | None = None) -> None:
        self._controller = controller
        self.tray: QSystemTrayIcon | None = None
        self.window: StatusWindow | None = None
        self._menu: TrayMenu | None = None  # see ``menu``
        self._menu_state: tuple[str, str | None, bool] = ("", None, False)
        self._look: tuple[Level, bool] | None = None  # what the icon shows now
        if tray_available:
            self.tray = tray or QSystemTrayIcon()
            if not _menu_can_wait(self.tray):
                self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._activated)
        else:
            from desktop.ui.status_window import StatusWindow

            self.window = StatusWindow()
            self._connect_actions(self.window)
            self.window.breathe.connect(lambda: controller.open_window("breathe"))
            self.window.take_break.connect(lambda: controller.open_window("break"))
            self.window.quit.connect(controller.quit_requested)

    @property
    def menu(self) -> TrayMenu:
        """The tray menu, built when first needed: at start where the tray host reads it
        up front, on the first right-click where Qt docks the icon as an X11 window
        (``_menu_can_wait``), never without a tray. A QMenu is ~3 MB of the idle app
        (most of it the binding's QStyleOption classes, loaded with the first QMenu)."""
        if self._menu is None:
            from desktop.ui.tray_menu import TrayMenu

            controller = self._controller
            menu = TrayMenu(controller.windows.menu_entries())
            self._connect_actions(menu)
            menu.action_requested.connect(controller.open_window)
            menu.quit.connect(controller.quit_requested)
            self._menu = menu
            controller.support.show_people_in(menu)
            self._update_menu()
        return self._menu

    def _connect_actions(self, source: TrayMenu | StatusWindow) -> None:
        controller = self._controller
        source.tag_difficult.connect(lambda: controller.tag(Kind.DIFFICULT, source="menu"))
        source.tag_ordinary.connect(lambda: controller.tag(Kind.ORDINARY, source="menu"))
        source.undo.connect(controller.undo)
        source.pause_hour.connect(controller.pause_hour)
        source.pause_tomorrow.connect(controller.pause_tomorrow)
        source.resume.connect(controller.resume)

    def _update_menu(self) -> None:
        if self._menu is not None:
            status, paused, can_undo = self._menu_state
            self._menu.set_status(status)
            self._menu.set_paused(paused is not None, paused)
            self._menu.set_can_undo(can_undo)

    @property
    def menu_status(self) -> str:
        """The menu's status line(s), as painted (or as it will show once built)."""
        return self._menu_state[0]

    def show(self) -> None:
        if self.tray is not None:
            self.tray.show()
        elif self.window is not None:
            self.window.show()

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()

    def paint(self, snap: Snapshot, paused: str | None, break_line: str | None,
              tip: str, status: str, can_undo: bool, calls_off: str | None = None) -> None:
        """Show the state: the icon's colour and tooltip, the menu's status line, or the
        status window's summary; ``calls_off`` says why calls are not watched."""
        if calls_off:
            status = f"{status}\n{calls_off}"
        self._menu_state = (status, paused, can_undo)
        self._update_menu()
        if self.tray is not None:
            look = (snap.level, paused is not None)
            if look != self._look:  # painting 7 sizes on every tick and tag is waste
                self._look = look
                self.tray.setIcon(level_icon(*look))
            self.tray.setToolTip(tip)
        if self.window is not None:
            self.window.update_snapshot(snap, paused, break_line, calls_off)

    def show_status(self, text: str) -> None:
        """The status window comes forward; with a tray, a balloon says ``text``."""
        if self.window is not None:
            self.window.show()
            self.window.raise_()
        elif self.tray is not None:
            self.tray.showMessage("Breakwater", text,
                                  QSystemTrayIcon.MessageIcon.Information, 5000)

    def show_in_app(self, title: str, text: str) -> None:
        """A message shown by Breakwater itself (no desktop notifications here)."""
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        elif self.window is not None:
            self.window.show_notice(title, text)

    def retranslate(self) -> None:
        if self._menu is not None:
            self._menu.retranslate()
        if self.window is not None:
            self.window.retranslate()

    def anchor(self) -> QRect | None:
        return self.tray.geometry() if self.tray is not None else None

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._controller.show_status()
        elif (reason == QSystemTrayIcon.ActivationReason.Context and self._menu is None
              and self.tray is not None):
            # The first right-click on an icon docked as an X11 window: Qt found no menu
            # to pop up, so build it and pop it up where Qt would have (at the pointer).
            from PySide6.QtGui import QCursor

            menu = self.menu
            self.tray.setContextMenu(menu)
            menu.popup(QCursor.pos())


def _menu_can_wait(tray: QSystemTrayIcon) -> bool:
    """Whether the tray menu can wait for the first right-click: only where Qt docks the
    icon in an X11 tray as its own window (XEmbed). There Qt pops a menu up only once one
    is set, and reports every right-click as Context. On X11 only such an icon has a
    geometry: a StatusNotifierItem has none. A StatusNotifierItem host, Windows and macOS
    are given the menu up front, as before: a host may read it before any click, and macOS
    opens it on any click."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() == "xcb" and not tray.geometry().isEmpty()
