"""Support close at hand, in the tray app: the weekly check-in offer, the people to reach
(tray menu and high-load card) and the phrases after an abusive call.

It decides nothing itself: when the offer is due comes from the core (WeeklyOffer), what
to store from the service. The offer's state is kept across restarts so that it is never
made twice in a week."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from desktop.core.contacts import openable_link
from desktop.core.weekly import OfferState, WeeklyOffer
from desktop.i18n import _
from desktop.service import Breakwater, contacts
from desktop.store.checkins import CheckinStore
from desktop.store.contacts import Contact
from desktop.store.errors import StoreError
from desktop.ui.popups import Popups
from desktop.ui.tray_menu import TrayMenu
from desktop.ui.windows import WindowRegistry

log = logging.getLogger(__name__)

OFFER_STATE_KEY = "checkin_offer"


class SupportFlow:
    def __init__(self, service: Breakwater, popups: Popups, windows: WindowRegistry,
                 menu: TrayMenu, tell: Callable[[str, str], None]) -> None:
        self.service = service
        self.popups = popups
        self.windows = windows
        self.menu = menu
        self._tell = tell
        self.offer = WeeklyOffer(service.settings, self._saved_state())
        self._kept = self.offer.state.to_json()
        self.people: list[Contact] = []
        popups.offer_opened.connect(self._open)
        popups.offer_tomorrow.connect(self._tomorrow)
        popups.offer_declined.connect(self._decline)
        popups.phrases_requested.connect(
            lambda group: self._open_window("phrases", {"group": group}))
        menu.person_chosen.connect(self.reach)

    # The weekly offer ---------------------------------------------------------------
    def consider(self, held: bool) -> bool:
        """Offer the check-in if it is due now; True when it was offered."""
        if self.popups.offer_visible():
            return False
        self.offer.settings = self.service.settings  # changed in the settings window, perhaps
        clock = self.service.clock
        now = clock.now()
        # The schedule first; the file only when the schedule says the offer is due.
        if not self.offer.due(now, clock.utc_offset, None, held):
            return False
        try:
            latest = CheckinStore(self.service.store).latest_week()
        except StoreError as error:
            log.warning("check-ins not read: %s", error)
            return False
        if not self.offer.due(now, clock.utc_offset, latest, held):
            return False
        self.offer.offered(now, clock.utc_offset)
        self.keep()
        self.popups.show_offer()
        return True

    def deadline(self) -> float | None:
        clock = self.service.clock
        return self.offer.next_at(clock.now(), clock.utc_offset)

    def _open(self) -> None:
        self.offer.close_week(self.service.clock.now(), self.service.clock.utc_offset)
        self.keep()
        self._open_window("checkin", {})

    def _tomorrow(self) -> None:
        self.offer.snooze(self.service.clock.now(), self.service.clock.utc_offset)
        self.keep()

    def _decline(self) -> None:
        self.offer.close_week(self.service.clock.now(), self.service.clock.utc_offset)
        self.keep()

    def keep(self) -> None:
        text = self.offer.state.to_json()
        if text == self._kept:
            return
        try:
            self.service.store.put_state(OFFER_STATE_KEY, text)
        except StoreError as error:
            log.warning("check-in offer state not saved: %s", error)
            return
        self._kept = text

    def _saved_state(self) -> OfferState:
        try:
            return OfferState.from_json(self.service.store.get_state(OFFER_STATE_KEY))
        except StoreError as error:
            log.warning("check-in offer state not read: %s", error)
            return OfferState()

    def reload(self) -> None:
        """Settings changed or everything was erased in another process."""
        self.offer = WeeklyOffer(self.service.settings, self._saved_state())
        self._kept = self.offer.state.to_json()
        self.refresh_people()

    # People to reach ----------------------------------------------------------------
    def refresh_people(self) -> None:
        try:
            self.people = contacts.contacts(self.service)
        except StoreError as error:
            log.warning("people to reach not read: %s", error)
            return
        entries = []
        for person in self.people:
            # Only a calling or chat link opens (desktop/core/contacts.py); anything else,
            # javascript: and file: included, is copied as text.
            link = openable_link(person.reach)
            if link is not None:
                tip = _("Open {link}").format(link=link)
            elif person.reach:
                tip = _("Copy “{text}”").format(text=person.reach)
            else:
                tip = ""
            entries.append((person.id, contacts.short_line(person), tip))
        self.menu.set_people(entries, _("No one on your list yet"), _("People to &reach…"))
        self.popups.support_lines = contacts.card_lines(self.people)

    def reach(self, person_id: int) -> None:
        """The user chose someone in the menu: open their link, or copy how to reach them
        so it can be pasted into the softphone or a chat."""
        person = next((p for p in self.people if p.id == person_id), None)
        if person is None:
            return
        reach = person.reach.strip()
        link = openable_link(reach)
        if link is not None and QDesktopServices.openUrl(QUrl(link)):
            return
        text = reach or person.name
        QGuiApplication.clipboard().setText(text)
        self._tell(_("Copied to the clipboard"), text)

    def _open_window(self, name: str, params: dict[str, object]) -> None:
        try:
            self.windows.open(name, params)
        except ValueError as error:
            self._tell(_("Breakwater"), str(error))

    def retranslate(self) -> None:
        self.refresh_people()
