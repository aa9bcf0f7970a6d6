"""The tray controller: turns hotkeys, menu clicks and socket requests into service calls
and shows the result. It computes nothing itself: load, levels and nudges come from the
core through ``Breakwater`` and ``NudgePolicy``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from desktop.core.clock import elapsed
from desktop.core.load import Level, Snapshot
from desktop.core.model import Kind, Reason, Recovery, RecoveryKind
from desktop.core.nudge import Nudge, NudgeKind, NudgePolicy, Response
from desktop.core.schedule import next_wake
from desktop.i18n import _
from desktop.platform.hotkeys import HotkeyProblem, Hotkeys, describe_combo, shortcut_help
from desktop.platform.idle import IdleMonitor
from desktop.platform.notify import Notifier
from desktop.service import Breakwater, handle_request, local_time
from desktop.store.errors import StoreError
from desktop.ui.icons import level_icon, tooltip_text
from desktop.ui.nudge_text import nudge_text
from desktop.ui.tray_menu import TrayMenu

if TYPE_CHECKING:
    from desktop.core.breathing import Plan
    from desktop.ui.breathing_record import SessionRecorder
    from desktop.ui.breathing_window import BreathingWindow
    from desktop.ui.nudge_card import NudgeCard
    from desktop.ui.status_window import StatusWindow
    from desktop.ui.toast import Toast

log = logging.getLogger(__name__)


class TrayController(QObject):
    # Emitted from other threads (hotkey listener, notifier worker); queued to the GUI thread.
    hotkey_pressed = Signal(str)
    fallback_message = Signal(str, str)
    quit_requested = Signal()

    def __init__(
        self,
        service: Breakwater,
        policy: NudgePolicy,
        notifier: Notifier,
        hotkeys: Hotkeys,
        idle: IdleMonitor,
        tray_available: bool,
        extra_actions: dict[str, Callable[[], None]] | None = None,
        extra_labels: list[tuple[str, str]] | None = None,
        breathing_window: Callable[[Plan], BreathingWindow] | None = None,
        tray: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.breathing_window_factory = breathing_window or self._default_breathing_window
        self.policy = policy
        self._kept_policy = policy.state.to_json()
        self.notifier = notifier
        self.hotkeys = hotkeys
        self.idle = idle
        self.poke: Callable[[], None] = lambda: None
        self._extra: dict[str, Callable[[], None]] = {
            "breathe": self._breathe_from_menu, **(extra_actions or {})}
        self.breathing: BreathingWindow | None = None
        self.breathing_recorder: SessionRecorder | None = None
        self._away_since: float | None = None
        self._nudge: tuple[Nudge, int] | None = None  # shown nudge and its row id
        self.hotkey_problems: list[HotkeyProblem] = []

        self.menu = TrayMenu([("breathe", _("&Breathe…")), *(extra_labels or [])])
        self._toast: Toast | None = None  # built on first use: idle memory stays low
        self._card: NudgeCard | None = None
        self.tray: QSystemTrayIcon | None = None
        self._tray_look: tuple[Level, bool] | None = None  # what the icon shows now
        self.window: StatusWindow | None = None
        if tray_available:
            self.tray = tray or QSystemTrayIcon()  # one shown early at start-up, if any
            self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._tray_activated)
        else:
            from desktop.ui.status_window import StatusWindow

            self.window = StatusWindow()
            self._connect_actions(self.window)
        self._connect_actions(self.menu)
        self.menu.action_requested.connect(self._extra_action)
        self.hotkey_pressed.connect(lambda kind: self.tag(Kind(kind), source="hotkey"))
        self.fallback_message.connect(self._show_in_app)

    @property
    def toast(self) -> Toast:
        if self._toast is None:
            from desktop.ui.toast import Toast

            self._toast = Toast()
            self._toast.undo_clicked.connect(self._undo_tag)
            self._toast.severity_chosen.connect(self._amend_severity)
            self._toast.reason_chosen.connect(self._amend_reason)
        return self._toast

    @property
    def card(self) -> NudgeCard:
        if self._card is None:
            from desktop.ui.nudge_card import NudgeCard

            self._card = NudgeCard()
            self._card.accepted.connect(lambda: self._respond(Response.ACCEPTED))
            self._card.snoozed.connect(
                lambda minutes: self._respond(Response.SNOOZED, minutes))
            self._card.dismissed.connect(lambda: self._respond(Response.DISMISSED))
        return self._card

    def _connect_actions(self, source: Any) -> None:
        source.tag_difficult.connect(lambda: self.tag(Kind.DIFFICULT, source="menu"))
        source.tag_ordinary.connect(lambda: self.tag(Kind.ORDINARY, source="menu"))
        source.undo.connect(self.undo)
        source.pause_hour.connect(self.pause_hour)
        source.pause_tomorrow.connect(self.pause_tomorrow)
        source.resume.connect(self.resume)
        if hasattr(source, "quit"):
            source.quit.connect(self.quit_requested)
        if hasattr(source, "breathe"):
            source.breathe.connect(self._breathe_from_menu)

    # Start-up -------------------------------------------------------------------
    def show(self) -> None:
        self.refresh()
        if self.tray is not None:
            self.tray.show()
        elif self.window is not None:
            self.window.show()

    def start_hotkeys(self) -> list[HotkeyProblem]:
        settings = self.service.settings
        bindings = {}
        for kind in (Kind.DIFFICULT, Kind.ORDINARY):
            combo = settings[f"hotkeys.{kind.value}"]
            if combo:
                bindings[combo] = (lambda k=kind.value: self.hotkey_pressed.emit(k))
        self.hotkey_problems = self.hotkeys.start(bindings)
        if self.hotkey_problems:
            lines = [f"{describe_combo(p.combo)}: {p.reason}" for p in self.hotkey_problems]
            lines.append(shortcut_help("breakwater tag difficult"))
            self._show_message(_("A hotkey is not available"), "\n".join(lines))
        return self.hotkey_problems

    def tell(self, title: str, text: str) -> None:
        """A message the user must see once (start-up warnings)."""
        self._show_message(title, text)

    # Actions --------------------------------------------------------------------
    def tag(self, kind: Kind, severity: int | None = None, reason: Reason | None = None,
            note: str | None = None, source: str = "menu") -> dict[str, Any]:
        return self.handle({"cmd": "tag", "kind": kind.value, "severity": severity,
                            "reason": reason.value if reason else None, "note": note,
                            "source": source})

    def undo(self) -> dict[str, Any]:
        return self.handle({"cmd": "undo"})

    def handle(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Every request, from the socket, the menu or a hotkey, goes through here."""
        cmd = payload.get("cmd")
        if cmd == "show":
            self.show_status()
            return {"ok": True}
        if cmd == "describe":
            return {"ok": True, "ui": self.describe()}
        if cmd == "breathe":
            try:
                self.open_breathing(payload.get("pattern"), payload.get("minutes"))
            except ValueError as error:
                return {"ok": False, "error": str(error)}
            return {"ok": True}
        reply = handle_request(self.service, payload)
        if not reply.get("ok"):
            if cmd in ("tag", "undo") and not reply.get("expired"):
                self._show_message(_("Breakwater could not save that"), str(reply.get("error")))
            return reply
        if cmd == "tag":
            tag = reply["tag"]
            self.toast.show_for(tag["id"], tag["kind"], tag["severity"], tag["reason"])
            self._place_popup(self.toast)
        elif cmd in ("undo", "erase") and self._toast is not None:
            self._toast.hide()
        if cmd in ("reload", "erase"):
            self._reload_policy()
        if cmd in ("tag", "undo", "reload", "erase"):
            self.refresh()
            self.poke()
        return reply

    def _undo_tag(self, tag_id: int) -> None:
        now, _offset = self.service.now_and_offset()
        try:
            if self.service.store.undo(tag_id, now):
                self.service.reload()
        except StoreError as error:
            self._show_message(_("Breakwater could not save that"), error.message.render(_))
        self.toast.hide()
        self.refresh()

    def _amend_severity(self, tag_id: int, severity: int) -> None:
        self._amend(tag_id, severity=severity)

    def _amend_reason(self, tag_id: int, reason: str) -> None:
        self._amend(tag_id, reason=Reason(reason))

    def _amend(self, tag_id: int, severity: int | None = None,
               reason: Reason | None = None) -> None:
        try:
            self.service.store.amend(tag_id, severity, reason)
        except StoreError as error:
            self._show_message(_("Breakwater could not save that"), error.message.render(_))
            return
        self.service.reload()
        self.refresh()
        self.poke()

    def pause_hour(self) -> None:
        self.policy.pause_for_hours(self.service.clock.now())
        self._keep_policy()
        self.refresh()

    def pause_tomorrow(self) -> None:
        now, offset = self.service.now_and_offset()
        self.policy.pause_until_tomorrow(now, offset)
        self._keep_policy()
        self.refresh()

    def resume(self) -> None:
        self.policy.resume()
        self._keep_policy()
        self.refresh()
        self.poke()

    def _keep_policy(self) -> None:
        """Save the nudge policy's state when it changed: a restart keeps a pause, a
        snooze and the cooldowns, and does not repeat a nudge already answered."""
        text = self.policy.state.to_json()
        if text == self._kept_policy:
            return
        try:
            self.service.save_nudge_state(self.policy.state)
        except StoreError as error:
            log.warning("nudge state not saved: %s", str(error))
            return
        self._kept_policy = text

    def _reload_policy(self) -> None:
        """Another process changed the file (settings, or everything erased)."""
        try:
            self.policy.state = self.service.saved_nudge_state()
        except StoreError as error:
            log.warning("nudge state not read: %s", str(error))
            return
        self._kept_policy = self.policy.state.to_json()

    def _extra_action(self, key: str) -> None:
        action = self._extra.get(key)
        if action is not None:
            action()

    # Periodic work --------------------------------------------------------------
    def tick(self) -> float:
        """Idle detection, refresh and nudges; returns seconds until the next useful tick."""
        now, offset = self.service.now_and_offset()
        self._track_idle(now, offset)
        snap = self.refresh()
        breathing = self.breathing is not None and self.breathing.isVisible()
        nudge = self.policy.decide(snap, now, offset,
                                   in_recovery=self._away_since is not None or breathing)
        if nudge is not None:
            self._offer(nudge, snap)
        self._keep_policy()
        state = self.policy.state
        return next_wake(snap, self.service.settings, state.snoozed_until, state.paused_until)

    def _track_idle(self, now: float, offset: int) -> None:
        idle_seconds = self.idle.idle_seconds()
        if idle_seconds is None:
            return
        threshold = self.service.settings.idle_break
        if idle_seconds >= threshold and self._away_since is None:
            self._away_since = now - idle_seconds
        elif idle_seconds < threshold and self._away_since is not None:
            start, end = self._away_since, max(self._away_since, now - idle_seconds)
            self._away_since = None
            if elapsed(start, end) >= threshold:
                try:
                    self.service.store.add_break(RecoveryKind.IDLE, start, end, offset, "taken")
                except StoreError as error:
                    log.warning("idle break not saved: %s", error)
                self.service.tracker.add_recovery(Recovery(start, end, RecoveryKind.IDLE))
                self.policy.break_finished(taken=True)

    def _offer(self, nudge: Nudge, snap: Snapshot) -> None:
        self.policy.shown(nudge, snap)
        _now, offset = self.service.now_and_offset()
        try:
            row = self.service.store.add_nudge(nudge, snap, offset)
        except StoreError as error:
            log.warning("nudge not saved: %s", error)
            row = 0
        self._nudge = (nudge, row)
        title, body = nudge_text(nudge.kind, snap)
        self.notifier.notify(title, body)
        self.card.show_nudge(nudge.kind, snap)
        self._place_popup(self.card)

    def _respond(self, response: Response, snooze_minutes: float | None = None) -> None:
        if self._card is not None:
            self._card.hide()
        if self._nudge is None:
            return
        nudge, row = self._nudge
        self._nudge = None
        now = self.service.clock.now()
        self.policy.respond(nudge, response, now, snooze_minutes)
        if row:
            try:
                self.service.store.respond_nudge(row, response, now, snooze_minutes)
            except StoreError as error:
                log.warning("nudge response not saved: %s", error)
        if response is Response.ACCEPTED:
            action = {NudgeKind.BREATHE: "breathe", NudgeKind.BREAK: "break",
                      NudgeKind.JOURNAL: "journal"}[nudge.kind]
            if nudge.kind is NudgeKind.BREATHE:
                self.open_breathing(nudge_id=row or None)
            elif action in self._extra:
                self._extra[action]()
            elif nudge.kind is NudgeKind.BREAK:
                self._show_message(_("Enjoy your break"), _(
                    "Step away from the screen. Breakwater notices when you are back and "
                    "counts the time as recovery."))
        self._keep_policy()
        self.poke()

    # Display --------------------------------------------------------------------
    def paused_until_text(self) -> str | None:
        now, offset = self.service.now_and_offset()
        if not self.policy.paused(now):
            return None
        until = self.policy.state.paused_until
        assert until is not None
        return local_time(until, offset)

    def refresh(self) -> Snapshot:
        snap = self.service.status()
        paused = self.paused_until_text()
        tip = tooltip_text(snap, paused)
        self.menu.set_status(tip.splitlines()[0])
        self.menu.set_paused(paused is not None, paused)
        self.menu.set_can_undo(self.service.tracker.last_counting() is not None)
        if self.tray is not None:
            look = (snap.level, paused is not None)
            if look != self._tray_look:  # painting 7 sizes on every tick and tag is waste
                self._tray_look = look
                self.tray.setIcon(level_icon(*look))
            self.tray.setToolTip(tip)
        if self.window is not None:
            self.window.update_snapshot(snap, paused)
        return snap

    def describe(self) -> dict[str, Any]:
        """What the user can see right now (for `breakwater status` and end-to-end tests)."""
        return {
            "tray": self.tray is not None and self.tray.isVisible(),
            "tooltip": self.tray.toolTip() if self.tray is not None else "",
            "window": self.window is not None and self.window.isVisible(),
            "toast": self._toast is not None and self._toast.isVisible(),
            "nudge": self._card is not None and self._card.isVisible(),
            "nudge_accept_at": self._accept_at(),
            "hotkey_problems": [p.combo for p in self.hotkey_problems],
            "breathing": self._describe_breathing(),
        }

    def _accept_at(self) -> list[int] | None:
        """Where on screen the nudge's accept button is (to click it from a test)."""
        if self._card is None or not self._card.isVisible():
            return None
        button = self._card.accept_button
        centre = button.mapToGlobal(button.rect().center())
        return [centre.x(), centre.y()]

    # Breathing ------------------------------------------------------------------
    def open_breathing(self, pattern: str | None = None, minutes: int | None = None,
                       nudge_id: int | None = None, activate: bool = True) -> BreathingWindow:
        """Open the pacer (or bring the open one forward). Raises ValueError on a bad
        pattern or length, before anything is shown."""
        if self.breathing is not None and self.breathing.isVisible():
            self.breathing.open(activate)
            return self.breathing
        chosen = self.service.breathing_plan(pattern, minutes)
        window = self.breathing_window_factory(chosen)
        from desktop.ui.breathing_record import SessionRecorder

        # Kept here: a signal connection alone does not keep the recorder alive.
        self.breathing_recorder = SessionRecorder(
            self.service, window, nudge_id, on_error=self._breathing_not_saved,
            on_saved=self._breathing_saved)
        self.breathing = window
        window.open(activate)
        return window

    def _breathe_from_menu(self) -> None:
        self.open_breathing()

    def _default_breathing_window(self, chosen: Plan) -> BreathingWindow:
        from desktop.ui.breathing_window import build_window

        return build_window(chosen, self.service.settings, self.service.clock.monotonic,
                            planner=self.service.breathing_plan)

    def _breathing_saved(self) -> None:
        self.refresh()
        self.poke()

    def _breathing_not_saved(self, why: str) -> None:
        self._show_message(_("Breakwater could not save that"), why)

    def _describe_breathing(self) -> dict[str, Any] | None:
        window = self.breathing
        if window is None or not window.isVisible():
            return None
        current = window.stack.currentWidget()
        page = ("before" if current is window.before else "pacer"
                if current is window.pacer_page else "after")
        return {"page": page, "phase": window.phase_word.text(),
                "active": window.isActiveWindow()}

    def show_status(self) -> None:
        snap = self.refresh()
        if self.window is not None:
            self.window.show()
            self.window.raise_()
        elif self.tray is not None:
            self.tray.showMessage("Breakwater", tooltip_text(snap, self.paused_until_text()),
                                  QSystemTrayIcon.MessageIcon.Information, 5000)

    def _show_message(self, title: str, text: str) -> None:
        """A desktop notification; the notifier falls back to ``_show_in_app``."""
        self.notifier.notify(title, text)
        log.info("%s: %s", title, text)

    def _show_in_app(self, title: str, text: str) -> None:
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)
        elif self.window is not None:
            self.window.show_notice(title, text)

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_status()

    def _place_popup(self, popup: QWidget) -> None:
        anchor = self.tray.geometry() if self.tray is not None else None
        others = [p.frameGeometry() for p in (self._toast, self._card)
                  if p is not None and p is not popup and p.isVisible()]
        place = getattr(popup, "place_near", None)
        if callable(place):
            place(anchor, others)

    def shutdown(self) -> None:
        self.hotkeys.stop()
        self.idle.close()
        for popup in (self._toast, self._card):
            if popup is not None:
                popup.hide()
        if self.tray is not None:
            self.tray.hide()
