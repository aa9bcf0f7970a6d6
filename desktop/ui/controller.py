"""The tray controller wires the parts together: hotkeys, the menu and socket requests
become service calls; the nudge flow, the watchers and the window registry do the rest.
It computes nothing itself: load, levels and nudges come from the core."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from desktop.core.breaks import Finished, Outcome
from desktop.core.calls import CallGate
from desktop.core.load import Snapshot
from desktop.core.model import Kind, Reason
from desktop.core.nudge import NudgePolicy
from desktop.core.schedule import next_wake
from desktop.i18n import _, setup
from desktop.platform.calls import UnavailableCalls
from desktop.platform.hotkeys import HotkeyProblem, Hotkeys, describe_combo, shortcut_help
from desktop.platform.idle import IdleMonitor
from desktop.platform.notify import Notifier
from desktop.platform.sleep import SleepMonitor
from desktop.service import Breakwater, breaks, handle_request
from desktop.store.errors import StoreError
from desktop.ui.break_flow import BreakEnd
from desktop.ui.call_text import calls_line
from desktop.ui.hold import HeldNotifier
from desktop.ui.hotkey_binder import HotkeyBinder
from desktop.ui.icons import tooltip_text
from desktop.ui.nudge_flow import NudgeFlow
from desktop.ui.popups import Popups
from desktop.ui.support_flow import SupportFlow
from desktop.ui.tag_flow import TagFlow
from desktop.ui.tray_surface import TraySurface
from desktop.ui.watchers import CallWatcher, IdleWatcher, MonitorFactory, SleepWatcher
from desktop.ui.windows import WindowContext, WindowRegistry, WindowSpec

if TYPE_CHECKING:  # built only where needed: idle memory stays low
    from desktop.ui.status_window import StatusWindow
    from desktop.ui.tray_menu import TrayMenu

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
        tray: QSystemTrayIcon | None = None,
        windows: Mapping[str, WindowSpec] | None = None,
        gate: CallGate | None = None,
        call_monitor: MonitorFactory | None = None,
        sleep: SleepMonitor | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.gate = gate or CallGate(service.settings)
        # Every message to the screen goes through one notifier, held during a call.
        self.notifier = notifier if isinstance(notifier, HeldNotifier) else HeldNotifier(
            notifier, self.quiet)
        self.notifier.on_held = self._held_changed
        self.hotkeys = hotkeys
        self.binder = HotkeyBinder(hotkeys, lambda: self.service.settings,
                                   self.hotkey_pressed.emit, self._hotkeys_unavailable)
        self.poke: Callable[[], None] = lambda: None
        self._applied = service.settings  # what the running parts were last given
        self.calls_text = ""  # the tooltip's line about calls

        ctx = WindowContext(service, alone=False, tell=self._show_message,
                            hotkeys=self.binder, calls_off=lambda: self.calls.trouble_text())
        ctx.events.data_changed.connect(self._changed)
        ctx.events.settings_changed.connect(self.apply_settings)
        self.windows = WindowRegistry(ctx, windows)
        self.popups = Popups(lambda: self.surface.anchor(), quiet=self.quiet)
        self.tags = TagFlow(service, self.popups, tell=self._show_message,
                            changed=self._changed, refresh=self.refresh)
        self.nudges = NudgeFlow(service, policy, self.popups, self.windows,
                                tell=self._show_message, changed=self._changed, gate=self.gate)
        self.calls = CallWatcher(service, self.gate,
                                 call_monitor or (lambda _apps: UnavailableCalls()),
                                 on_change=self._calls_changed,
                                 notice_sleep=lambda now: self.sleep.track(now))
        self.idle = IdleWatcher(service, idle,
                                on_break_end=lambda: self.nudges.break_finished(taken=True))
        self.sleep = SleepWatcher(service, sleep, on_wake=self._woke, on_sleep=self.calls.slept)
        self._break_end = BreakEnd(service, tell=self._show_message)
        service.break_listeners.append(self._break_ended)

        self.support = SupportFlow(service, self.popups, self.windows, tell=self._show_message)
        ctx.events.open_requested.connect(self.open_window)
        self.surface = TraySurface(self, tray_available, tray)
        self.tags.connect()
        self.popups.call_rated.connect(lambda kind: self.tag(Kind(kind), source="ask"))
        self.hotkey_pressed.connect(self._hotkey)
        self.fallback_message.connect(self._show_in_app)

    @property
    def tray(self) -> QSystemTrayIcon | None:
        return self.surface.tray

    @property
    def window(self) -> StatusWindow | None:
        """The status window, where no tray exists."""
        return self.surface.window

    @property
    def menu(self) -> TrayMenu:
        """The tray menu, built when first needed (see ``TraySurface.menu``)."""
        return self.surface.menu

    # Start-up -------------------------------------------------------------------
    def show(self) -> None:
        self.support.refresh_people()
        self.refresh()
        self.surface.show()

    def start_hotkeys(self) -> list[HotkeyProblem]:
        return self.binder.start()

    @property
    def hotkey_problems(self) -> list[HotkeyProblem]:
        return self.binder.found

    def _hotkeys_unavailable(self, problems: list[HotkeyProblem]) -> None:
        lines = [f"{describe_combo(p.combo)}: {p.reason}" for p in problems]
        lines.append(shortcut_help("breakwater tag difficult"))
        self._show_message(_("A hotkey is not available"), "\n".join(lines))

    def _hotkey(self, action: str) -> None:
        if action == "amend":
            self.tags.amend_last()
        elif action in (Kind.DIFFICULT.value, Kind.ORDINARY.value):
            self.tag(Kind(action), source="hotkey")
        else:
            log.warning("no action for hotkey %r", action)

    def welcome_if_first_run(self) -> None:
        """The first start shows the welcome, once (it takes focus: the user just started
        Breakwater for the first time)."""
        from desktop.service.welcome import mark_welcome_shown, welcome_due

        try:
            if not welcome_due(self.service):
                return
            self.windows.open("welcome")
            mark_welcome_shown(self.service)
        except (StoreError, ValueError) as error:
            log.warning("welcome not shown: %s", error)

    # Settings, live ---------------------------------------------------------------
    def apply_settings(self) -> None:
        """Settings changed (in a window, or `breakwater settings set`): hotkeys re-grabbed,
        the language switched everywhere, thresholds re-evaluated at once."""
        old, new = self._applied, self.service.settings
        self._applied = new
        self.nudges.reload()  # the policy's settings, and its state (erased with the data)
        self.support.reload()  # the check-in's day and hour, and people (erased with it)
        self.calls.start()  # calls.enabled or calls.apps may have changed (cheap if not)
        language = old["ui.language"] != new["ui.language"]
        if language:
            setup(new["ui.language"])
        # Grabbed again when they changed; and when some could not be grabbed and the
        # language changed, so the reasons (said by the platform as it fails) are in it.
        hotkeys = any(old[o] != new[o] for o, _value in new.items() if o.startswith("hotkeys."))
        if (hotkeys or (language and self.binder.found)) and not self.binder.suspended:
            self.binder.start()
        if language:
            self.retranslate()
        self._changed()

    def retranslate(self) -> None:
        self.surface.retranslate()
        self.support.retranslate()
        self.popups.retranslate()
        self.windows.retranslate()
        self.refresh()

    def start_watching(self) -> None:
        """Begin following calls (after the tray is up: the sound library loads then)."""
        self.calls.start()

    def quiet(self) -> bool:
        """A call is live or wrapping up: nothing but the tag toast may reach the screen."""
        return self.gate.quiet(self.service.clock.now())

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

    def resume(self) -> None:
        self._then_refresh(self.nudges.resume)
        self.poke()

    def pause_hour(self) -> None:
        self._then_refresh(self.nudges.pause_hour)

    def pause_tomorrow(self) -> None:
        self._then_refresh(self.nudges.pause_tomorrow)

    def paused_until_text(self) -> str | None:
        return self.nudges.paused_until_text()

    def _then_refresh(self, action: Callable[[], None]) -> None:
        action()
        self.refresh()

    def open_window(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        try:
            self.windows.open(name, params)
        except ValueError as error:
            self._show_message(_("Breakwater"), str(error))
            return
        self._opened(name)

    def _opened(self, name: str) -> None:
        """A break or breathing began: the tray says so now, not at its next look, and a
        nudge card still up goes at once (answering it now would record a second break)."""
        spec = self.windows.specs.get(name)
        if spec is not None and spec.recovery:
            self.nudges.withdraw()
            self._changed()

    def handle(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Every request, from the socket, the menu or a hotkey, goes through here."""
        cmd = payload.get("cmd")
        if cmd == "show":
            self.show_status()
            return {"ok": True}
        if cmd == "describe":
            return {"ok": True, "ui": self.describe()}
        if cmd in ("open", "breathe"):
            reply = self.windows.open_request(payload)
            if reply.get("ok"):
                self._opened("breathe" if cmd == "breathe" else str(payload.get("window")))
            return reply
        reply = handle_request(self.service, payload)
        if cmd == "status" and reply.get("ok"):
            reply["status"]["idle"] = self.idle.info()
        if not reply.get("ok"):
            if cmd in ("tag", "undo") and not reply.get("expired"):
                self._show_message(_("Breakwater could not save that"), str(reply.get("error")))
            return reply
        if cmd == "tag":
            tag = reply["tag"]
            self.popups.show_toast(tag["id"], tag["kind"], tag["severity"], tag["reason"])
        elif cmd in ("undo", "erase"):
            self.popups.hide_toast()
        if cmd == "erase":
            # What is on screen or waits for a call to end is about data that is gone.
            self.nudges.withdraw()
            self.gate.held = False  # asked again after the call, of the empty file
            self.notifier.forget()
            self.popups.hide_all()
        if cmd in ("reload", "erase"):
            self.windows.ctx.settings_changed()  # applies them, and windows show them
        if cmd in ("status", "tag", "undo"):
            reply["calls"] = self.calls.as_dict()
        if cmd in ("tag", "undo", "reload", "erase") or reply.get("changed"):
            self._changed()
        return reply

    def _calls_changed(self) -> None:
        self.windows.ctx.events.calls_changed.emit()  # the settings' Calls page says it
        self._changed()

    def _changed(self) -> None:
        self.support.refresh_people()
        self.refresh()
        self.poke()

    # Periodic work --------------------------------------------------------------
    def tick(self) -> float:
        """Watchers, refresh and nudges; returns seconds until the next useful tick."""
        now, _offset = self.service.now_and_offset()
        self.sleep.track(now)
        self.idle.track(now)
        self.calls.track(now)
        try:
            breaks.finish_if_due(self.service, now)
        except StoreError as error:
            log.warning("the end of a break was not saved: %s", error.message.render())
        snap = self.refresh()
        run = breaks.current(self.service)
        busy = self.idle.away or self.windows.in_recovery() or run is not None
        self.nudges.consider(snap, in_recovery=busy)
        # The check-in waits while nudges are paused, the person is away or recovering
        # (and, like every popup, while a call is live).
        self.support.consider(held=busy or self.nudges.paused_until_text() is not None)
        self.notifier.release()
        self.popups.release()
        self._ask_about_call(now, busy)
        self.calls.schedule(now)
        wait = next_wake(snap, self.service.settings, *self.nudges.deadlines(),
                         self.gate.wake_at(now), self.support.deadline(),
                         self.idle.deadline(now), *(run.wakes(now) if run is not None else ()))
        self.sleep.ticked(wait)
        return wait

    def _ask_about_call(self, now: float, busy: bool) -> None:
        """"How was that call?", held while busy (the gate drops it once too old)."""
        last = self.service.tracker.last_counting()
        if self.gate.ask_due(now, last.at if last is not None else None, busy) is not None:
            self.popups.ask_about_call()

    def _break_ended(self, done: Finished, how: str) -> None:
        """A break window's break was recorded (its end, I'm back, a tag)."""
        window = self.windows.get("break")
        ended = getattr(window, "ended", None)
        if callable(ended):
            ended(done, how)  # the window goes now, not at its next look
        self._break_end(done, how)
        self.nudges.break_finished(taken=done.outcome is not Outcome.SKIPPED)
        self._changed()

    def _woke(self, slept: bool) -> None:
        """Nothing from before the machine slept is shown after it wakes."""
        self.calls.woke()
        self.popups.hide_all()
        self.nudges.woke(slept)
        self._changed()

    # Display --------------------------------------------------------------------
    def refresh(self) -> Snapshot:
        snap = self.service.status()
        paused = self.nudges.paused_until_text()
        self.calls_text = calls_line(
            self.calls.enabled, self.calls.state, self.gate.live, self.quiet(), self.held(),
            int(self.service.settings["calls.hold_limit_minutes"]))
        run = breaks.current(self.service)
        left = run.remaining(snap.at) if run is not None else None
        lines = tooltip_text(snap, paused, left).splitlines()
        break_line = lines[-1] if left is not None else None
        tip = "\n".join([*lines, self.calls_text])
        status = lines[0] if break_line is None else f"{lines[0]} · {break_line}"
        # Calls that cannot be watched are named in the menu (or status window) too, in
        # the tooltip's words; calls turned off in settings only in the tooltip.
        off = self.calls.trouble_text()
        self.surface.paint(snap, paused, break_line, tip, status,
                           self.service.tracker.last_counting() is not None, off)
        return snap

    def describe(self) -> dict[str, Any]:
        """What the user can see right now (for `breakwater status` and end-to-end tests)."""
        from desktop.ui.describe import describe

        return describe(self)

    def show_status(self) -> None:
        snap = self.refresh()
        self.surface.show_status(tooltip_text(snap, self.nudges.paused_until_text()))

    def _show_message(self, title: str, text: str) -> None:
        """A desktop notification; the notifier falls back to ``_show_in_app``."""
        self.notifier.notify(title, text)
        log.info("%s: %s", title, text)

    def _show_in_app(self, title: str, text: str) -> None:
        self.surface.show_in_app(title, text)

    def _held_changed(self) -> None:
        self.refresh()  # the tooltip counts what waits

    def held(self) -> int:
        """Messages waiting for the call to end (a held nudge counts as one)."""
        return (self.notifier.held + self.popups.waiting
                + int(self.gate.held or self.nudges.set_aside))

    def shutdown(self) -> None:
        self.calls.close()
        self.binder.stop()
        self.idle.close()
        self.sleep.close()
        if self._break_ended in self.service.break_listeners:
            self.service.break_listeners.remove(self._break_ended)
        self.popups.hide_all()
        self.surface.hide()

