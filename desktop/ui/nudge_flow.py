"""The nudge flow: asks the core's policy whether to nudge, shows the nudge (a card, never
also a desktop notification), records the answer, opens what was accepted, and keeps
pauses, snoozes and cooldowns across restarts.
It decides nothing itself: ``NudgePolicy`` (desktop/core/nudge.py) does, through the
``CallGate`` (desktop/core/calls.py), which holds a nudge while a call is live."""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop.core.calls import CallGate
from desktop.core.load import Level, Snapshot
from desktop.core.nudge import Nudge, NudgeKind, NudgePolicy, Response
from desktop.i18n import _
from desktop.service import Breakwater, breaks, local_time
from desktop.store.errors import StoreError
from desktop.ui.popups import Popups
from desktop.ui.windows import WindowRegistry

log = logging.getLogger(__name__)

# The window each accepted nudge opens.
WINDOW_FOR = {NudgeKind.BREATHE: "breathe", NudgeKind.BREAK: "break",
              NudgeKind.JOURNAL: "journal"}


class NudgeFlow:
    def __init__(self, service: Breakwater, policy: NudgePolicy,
                 popups: Popups, windows: WindowRegistry,
                 tell: Callable[[str, str], None], changed: Callable[[], None],
                 gate: CallGate | None = None) -> None:
        self.service = service
        self.policy = policy
        self.gate = gate or CallGate(service.settings)
        self.popups = popups
        self.windows = windows
        self._tell = tell
        self._changed = changed
        self._kept = policy.state.to_json()
        self._shown: tuple[Nudge, int] | None = None  # the nudge on screen and its row id
        self._set_aside = False  # its card was put away while a call is live
        popups.accepted.connect(lambda: self.respond(Response.ACCEPTED))
        popups.snoozed.connect(lambda minutes: self.respond(Response.SNOOZED, minutes))
        popups.dismissed.connect(lambda: self.respond(Response.DISMISSED))

    # Deciding and showing --------------------------------------------------------
    def consider(self, snap: Snapshot, in_recovery: bool) -> Nudge | None:
        """Offer a nudge if the policy says one is due now; returns it."""
        now, offset = self.service.now_and_offset()
        self._settle(snap, now, in_recovery)
        nudge = self.gate.decide(self.policy, snap, now, offset, in_recovery=in_recovery)
        if nudge is not None:
            self._offer(nudge, snap)
        self.keep()
        return nudge

    def _settle(self, snap: Snapshot, now: float, in_recovery: bool) -> None:
        """A card still unanswered when its moment has passed. The person is recovering
        (a break started from the menu, breathing, time away) or paused nudges: it goes,
        unanswered, for accepting or dismissing it now would record a second break or a
        skipped one beside the break that runs. A call began: it is put away and comes
        back when the call has wrapped up if load is still raised (as a break offer held
        by the gap between nudges does)."""
        if self._shown is None:
            return
        nudge, _row = self._shown
        if in_recovery or self.policy.paused(now) or not self.service.settings["nudges.enabled"]:
            self.withdraw()
        elif self.gate.quiet(now):
            if self.popups.card_visible():
                self.popups.hide_card()
                self._set_aside = True
        elif self._set_aside:
            self._set_aside = False
            if nudge.kind is NudgeKind.JOURNAL or snap.level is not Level.CALM:
                self.popups.show_nudge(nudge.kind, snap,
                                       int(self.service.settings["breaks.minutes"]))
            else:
                self.withdraw()  # load fell back to calm during the call: it lapsed

    @property
    def set_aside(self) -> bool:
        """A card waits for the call to wrap up."""
        return self._set_aside

    def withdraw(self) -> None:
        """The card on screen goes unanswered (its row keeps no response)."""
        self.popups.hide_card()
        self._shown = None
        self._set_aside = False

    def _offer(self, nudge: Nudge, snap: Snapshot) -> None:
        self.policy.shown(nudge, snap)
        _now, offset = self.service.now_and_offset()
        try:
            row = self.service.store.add_nudge(nudge, snap, offset)
        except StoreError as error:
            log.warning("nudge not saved: %s", error)
            row = 0
        self._shown = (nudge, row)
        self._set_aside = False
        # One message, one surface: the card, which carries the answers. A desktop
        # notification as well would say it twice and cover the toast's buttons.
        self.popups.show_nudge(nudge.kind, snap, int(self.service.settings["breaks.minutes"]))
        log.info("nudge offered: %s", nudge.kind.value)

    def respond(self, response: Response, snooze_minutes: float | None = None) -> None:
        self.popups.hide_card()
        if self._shown is None:
            return
        nudge, row = self._shown
        self._shown = None
        self._set_aside = False
        now = self.service.clock.now()
        self.policy.respond(nudge, response, now, snooze_minutes)
        if row:
            try:
                self.service.store.respond_nudge(row, response, now, snooze_minutes)
            except StoreError as error:
                log.warning("nudge response not saved: %s", error)
        if response is Response.ACCEPTED:
            self._open_accepted(nudge.kind, row)
        elif response is Response.DISMISSED and nudge.kind is NudgeKind.BREAK:
            try:  # the offered break, dismissed before it started
                breaks.skip(self.service, row or None)
            except StoreError as error:
                log.warning("skipped break not saved: %s", error)
        self.keep()
        self._changed()

    def _open_accepted(self, kind: NudgeKind, row: int) -> None:
        try:
            self.windows.open(WINDOW_FOR[kind], {"nudge_id": row or None})
        except ValueError as error:
            if kind is NudgeKind.BREAK:
                self._tell(_("Enjoy your break"), _(
                    "Step away from the screen. Breakwater notices when you are back and "
                    "counts the time as recovery."))
            else:
                log.warning("accepted nudge not opened: %s", error)

    def break_finished(self, taken: bool) -> None:
        self.policy.break_finished(taken)
        self.keep()

    def woke(self, slept: bool) -> None:
        """The machine woke: a card still up is about load from before it slept, and
        after a sleep long enough to be a break so is anything pending."""
        self.withdraw()
        if slept:
            self.policy.woke()
        self.keep()

    # Pausing ---------------------------------------------------------------------
    def pause_hour(self) -> None:
        self.policy.pause_for_hours(self.service.clock.now())
        self.withdraw()  # paused means paused: the card on screen goes too
        self.keep()

    def pause_tomorrow(self) -> None:
        now, offset = self.service.now_and_offset()
        self.policy.pause_until_tomorrow(now, offset)
        self.withdraw()
        self.keep()

    def resume(self) -> None:
        self.policy.resume()
        self.keep()

    def paused_until_text(self) -> str | None:
        now, offset = self.service.now_and_offset()
        if not self.policy.paused(now):
            return None
        until = self.policy.state.paused_until
        assert until is not None
        return local_time(until, offset)

    def deadlines(self) -> tuple[float | None, float | None]:
        """Moments the policy waits for (a snooze ending, a pause ending)."""
        state = self.policy.state
        return state.snoozed_until, state.paused_until

    # Persistence -----------------------------------------------------------------
    def keep(self) -> None:
        """Save the policy's state when it changed: a restart keeps a pause, a snooze and
        the cooldowns, and does not repeat a nudge already answered."""
        text = self.policy.state.to_json()
        if text == self._kept:
            return
        try:
            self.service.save_nudge_state(self.policy.state)
        except StoreError as error:
            log.warning("nudge state not saved: %s", str(error))
            return
        self._kept = text

    def reload(self) -> None:
        """Another process changed the file (settings, or everything erased)."""
        self.policy.settings = self.service.settings
        try:
            self.policy.state = self.service.saved_nudge_state()
        except StoreError as error:
            log.warning("nudge state not read: %s", str(error))
            return
        self._kept = self.policy.state.to_json()
