"""The tray menu. It shows state and emits intent; the controller acts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QLabel, QMenu, QWidget, QWidgetAction

from desktop.core.text import N_
from desktop.i18n import _
from desktop.ui.plain import menu_text, tooltip_text


class TrayMenu(QMenu):
    tag_difficult = Signal()
    tag_ordinary = Signal()
    undo = Signal()
    pause_hour = Signal()
    pause_tomorrow = Signal()
    resume = Signal()
    quit = Signal()
    action_requested = Signal(str)
    person_chosen = Signal(int)  # a contact's id: open their link or copy how to reach them

    def __init__(self, extra_actions: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        """``extra_actions``: (window name, N_ label) of the windows that exist."""
        super().__init__(parent)
        self._until: str | None = None
        # (action, N_ text), re-set whenever the language changes.
        self._labels: list[tuple[QAction, str]] = []
        # The load line is information, not a command. A disabled action would say so by
        # greying it out (about 1.6:1 on white); a label in the menu's own text colour
        # stays readable (at least 4.5:1) in light and dark themes alike.
        self.status_label = QLabel(self)
        self.status_label.setContentsMargins(12, 6, 12, 6)
        self.status_label.setForegroundRole(QPalette.ColorRole.WindowText)
        self.status_action = QWidgetAction(self)
        self.status_action.setDefaultWidget(self.status_label)
        self.addAction(self.status_action)
        self.addSeparator()
        self._add(N_("Tag &difficult interaction"), self.tag_difficult.emit)
        self._add(N_("Tag &ordinary interaction"), self.tag_ordinary.emit)
        self.undo_action = self._add(N_("&Undo last tag"), self.undo.emit)
        self.addSeparator()
        # Entries that later features provide are present only when they exist.
        for key, label in extra_actions:
            self._add(label, partial(self.action_requested.emit, key))
        # People to reach, one click each (filled by set_people).
        self.people_menu = self.addMenu("")
        if extra_actions:
            self.addSeparator()
        self.pause_menu = self.addMenu("")
        self._add(N_("For one &hour"), self.pause_hour.emit, self.pause_menu)
        self._add(N_("Until &tomorrow"), self.pause_tomorrow.emit, self.pause_menu)
        self.resume_action = self._add(N_("&Resume nudges"), self.resume.emit)
        self.resume_action.setVisible(False)
        self.addSeparator()
        self._add(N_("&Quit Breakwater"), self.quit.emit)
        self.retranslate()

    def _add(self, text: str, slot: Callable[[], object], menu: QMenu | None = None) -> QAction:
        action = (menu or self).addAction(text)
        # triggered(bool) would otherwise pass `checked` into the slot's first argument.
        action.triggered.connect(lambda _checked=False: slot())
        self._labels.append((action, text))
        return action

    def retranslate(self) -> None:
        self.setAccessibleName(_("Breakwater menu"))
        for action, text in self._labels:
            action.setText(_(text))
        self.pause_menu.setTitle(_("&Pause nudges"))
        self.people_menu.setTitle(_("Talk to &someone"))
        self.people_menu.setAccessibleName(_("People to reach"))
        if self._until:
            self.resume_action.setText(_("&Resume nudges (paused until {time})").format(
                time=self._until))

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setAccessibleName(text)

    def set_paused(self, paused: bool, until_text: str | None) -> None:
        self.pause_menu.menuAction().setVisible(not paused)
        self.resume_action.setVisible(paused)
        self._until = until_text if paused else None
        if self._until:
            self.resume_action.setText(_("&Resume nudges (paused until {time})").format(
                time=self._until))
        else:
            self.resume_action.setText(_("&Resume nudges"))

    def set_people(self, people: Sequence[tuple[int, str, str]], empty_text: str,
                   add_text: str) -> None:
        """``people``: (id, label, what a click does); an empty list shows ``empty_text``
        and an entry to add someone."""
        self.people_menu.clear()
        for person_id, label, tip in people:
            # A name is not a mnemonic ("Tom & Ana" shows its "&"), nor markup.
            action = self.people_menu.addAction(menu_text(label))
            action.setToolTip(tooltip_text(tip))
            action.setStatusTip(tip)
            action.triggered.connect(partial(self._person, person_id))
        if not people:
            self.people_menu.addAction(empty_text).setEnabled(False)
        self.people_menu.addSeparator()
        self.people_menu.addAction(add_text).triggered.connect(
            lambda _checked=False: self.action_requested.emit("contacts"))
        self.people_menu.setToolTipsVisible(True)

    def _person(self, person_id: int, _checked: bool = False) -> None:
        self.person_chosen.emit(person_id)

    def set_can_undo(self, can: bool) -> None:
        self.undo_action.setEnabled(can)
