"""Use cases shared by the command line and the tray app: tag, undo, status, settings.

No Qt here. The tray app keeps one ``Breakwater`` alive (with its tracker in memory); the
command line builds one per call when no tray app is running.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop.core.breathing import Plan, plan
from desktop.core.clock import Clock
from desktop.core.load import Snapshot
from desktop.core.model import (
    SEVERITIES,
    Interaction,
    Kind,
    Reason,
    Recovery,
    clean_note,
)
from desktop.core.nudge import NudgeState
from desktop.core.presence import Presence
from desktop.core.settings import SettingError, Settings, option
from desktop.core.text import N_, Message
from desktop.core.tracker import CLOCK_TOLERANCE, Tracker, tags_start, window_start
from desktop.i18n import _
from desktop.paths import scrub_data_folder
from desktop.service import breaks
from desktop.store.breaks import BreakRows
from desktop.store.errors import EraseIncomplete, RequestExpired, StoreError
from desktop.store.repository import Claim, Store

NUDGE_STATE_KEY = "nudges"

log = logging.getLogger(__name__)


@dataclass
class TagResult:
    interaction: Interaction
    snapshot: Snapshot


@dataclass
class Breakwater:
    store: Store
    clock: Clock
    settings: Settings
    warnings: list[Message] = field(default_factory=list)
    tracker: Tracker = field(init=False)
    # Whether the person is at the machine (the tray app's watchers report it).
    presence: Presence = field(default_factory=Presence)
    # Told when a break window's break ends (the tray shows it, nudges follow it).
    break_listeners: list[breaks.BreakListener] = field(default_factory=list)
    # Told ``(now, delta)`` when stamps ahead of the clock were moved back by ``delta``
    # (``keep_time``): whoever keeps such instants in memory moves them alike.
    clock_listeners: list[Callable[[float, float], None]] = field(default_factory=list)
    _seen: float | None = field(default=None, init=False)  # the last "now" looked at

    def __post_init__(self) -> None:
        self.tracker = self._load_tracker()

    @classmethod
    def open(cls, store: Store, clock: Clock) -> Breakwater:
        """Read settings from the store; bad values fall back to defaults with a warning."""
        settings, errors = Settings.load(store.raw_settings())
        warnings = [Message(N_("Setting {key} ignored ({why}); using the default."),
                            {"key": e.key, "why": e.message.render()}) for e in errors]
        return cls(store=store, clock=clock, settings=settings, warnings=warnings)

    def _load_tracker(self) -> Tracker:
        now = self.clock.now()
        offset = self.clock.utc_offset(now)
        return Tracker(self.settings,
                       self.store.interactions_since(tags_start(now, offset, self.settings)),
                       self.store.recoveries_since(window_start(now, offset, self.settings)))

    def reload(self) -> None:
        """Re-read events (another process may have written, or time moved back)."""
        self.tracker = self._load_tracker()

    def keep_time(self, now: float) -> None:
        """Before reading load: a wall clock found behind the latest event (set back, or
        it had run ahead) is corrected in the file, so this app and any command reading
        the file agree, and load decays from now on instead of freezing until the clock
        catches up (docs/load-model.md, "Clock changes")."""
        if self._seen is not None and now < self._seen - CLOCK_TOLERANCE:
            # The clock went back: the events that matter reach further back now, and
            # some let go of from memory (``status`` prunes) may lie ahead of it.
            self.reload()
        delta = self.tracker.ahead_by(now)
        run = breaks.current(self)
        if run is not None and run.started > now + CLOCK_TOLERANCE:
            delta = max(delta, run.started - now)
        if delta > 0:
            moved = None
            if run is not None and run.started > now:
                moved = (run.to_json(), run.shifted(-delta).to_json())
            if self.presence.away_since is not None and self.presence.away_since > now:
                self.presence.shifted(-delta)
            try:
                BreakRows(self.store).restamp(now, delta, moved)
            except StoreError:
                self.tracker.shift(now, delta)  # a read-only file: corrected in memory
            else:
                self.reload()
            for listener in list(self.clock_listeners):
                listener(now, delta)
        self._seen = now

    def saved_nudge_state(self) -> NudgeState:
        """Pauses, snoozes and cooldowns as the last run left them (fresh if unreadable)."""
        return NudgeState.from_json(self.store.get_state(NUDGE_STATE_KEY))

    def save_nudge_state(self, state: NudgeState) -> None:
        self.store.put_state(NUDGE_STATE_KEY, state.to_json())

    def now_and_offset(self) -> tuple[float, int]:
        now = self.clock.now()
        return now, self.clock.utc_offset(now)

    def tag(self, kind: Kind, severity: int | None = None, reason: Reason | None = None,
            note: str | None = None, source: str = "cli") -> TagResult:
        now, offset = self.now_and_offset()
        self.keep_time(now)
        if kind is Kind.DIFFICULT and severity is None:
            severity = int(self.settings["load.default_severity"])
        note = clean_note(note)  # ValueError when too long, before anything is written
        # A tag proves the person is here: time away and a break end no later than it.
        try:
            breaks.present(self, now)
        except StoreError as error:  # the tag itself matters more; it is still recorded
            log.warning("the end of a break was not saved: %s", error.message.render())
        stored = self.store.add_interaction(kind, now, offset, severity, reason, note, source)
        self.tracker.add(stored)
        return TagResult(stored, self._snapshot(now, offset))

    def undo(self) -> tuple[Interaction | None, Snapshot]:
        now, offset = self.now_and_offset()
        self.keep_time(now)
        undone = self.store.undo_last(now)
        if undone is not None and self.tracker.undo(undone.id) is None:
            # Older than the tracker's window, or written by another process: re-read.
            self.reload()
        return undone, self._snapshot(now, offset)

    def status(self) -> Snapshot:
        now, offset = self.now_and_offset()
        self.keep_time(now)
        # The tray app lives for weeks: what no longer counts is let go, or every tag
        # ever made would stay in memory (and be filtered on every tick).
        self.tracker.prune(now, offset)
        return self._snapshot(now, offset)

    def _snapshot(self, now: float, offset: int) -> Snapshot:
        return self.tracker.snapshot(now, offset, breaks.live(self, now))

    def breathing_plan(self, pattern: str | None = None, minutes: int | None = None) -> Plan:
        """The session asked for, with the user's settings filling what was not given.
        Raises ValueError on an unknown pattern or length."""
        return plan(pattern or self.settings["breathing.pattern"],
                    int(minutes or self.settings["breathing.minutes"]),
                    self.settings["breathing.max_cycles_478"])

    def record_breathing(self, *, started: float, ended: float, pattern: str,
                         planned_seconds: float, actual_seconds: float, completed: bool,
                         rating_before: int | None, rating_after: int | None,
                         nudge_id: int | None = None) -> int:
        """Store a breathing session; the time actually spent breathing counts as recovery."""
        offset = self.clock.utc_offset(started)
        row = self.store.add_breathing(
            started=started, ended=ended, offset=offset, pattern=pattern,
            planned_seconds=planned_seconds, actual_seconds=actual_seconds,
            completed=completed, rating_before=rating_before, rating_after=rating_after,
            nudge_id=nudge_id)
        self.reload()  # counted exactly as the file has it (what any reader computes)
        return row

    def record_natural_break(self, rest: Recovery) -> bool:
        """Time away (idle, asleep): a natural break, counted as recovery, merged with
        any break it overlaps. True when it is a break of its own."""
        return breaks.natural(self, rest)

    def rate_breathing(self, session_id: int, rating_after: int) -> None:
        """How the user felt after a session already stored (SUDS 0–10)."""
        if not 0 <= rating_after <= 10:
            raise ValueError(f"a rating is 0 to 10, not {rating_after}")
        self.store.rate_breathing(session_id, rating_after)

    def set_setting(self, key: str, text: str) -> Any:
        """Validate and store one setting from text; raises SettingError on a bad value."""
        return self.change_setting(key, option(key).parse(text))

    def change_setting(self, key: str, value: Any) -> Any:
        """Validate and store one setting (the settings window's typed values, and the
        command line's once parsed); raises SettingError and keeps the old settings on a
        bad value. The tracker computes with the new value at once."""
        settings = self.settings.with_value(key, value)
        self.store.put_setting(key, settings[key])
        self.settings = settings
        self.tracker.set_settings(settings)
        return settings[key]

    def amend(self, tag_id: int, severity: int | None = None, reason: Reason | None = None,
              note: str | None = None) -> None:
        """Change how hard a tag was, why, or its note ("" removes it); load follows at
        once. Raises ValueError for a note over NOTE_MAX_CHARS, before anything is written."""
        if note is not None:
            note = clean_note(note) or ""
        self.store.amend(tag_id, severity, reason, note)
        self.reload()

    def reload_settings(self) -> None:
        """Another process changed settings or erased data: read both again."""
        self.settings, errors = Settings.load(self.store.raw_settings())
        self.warnings = [Message(N_("Setting {key} ignored ({why}); using the default."),
                                 {"key": e.key, "why": e.message.render()}) for e in errors]
        self.reload()

    def delete_everything(self) -> None:
        """Erase every row of every table (no byte left in the file), then start afresh."""
        try:
            self.store.delete_everything()
        except EraseIncomplete:
            self._scrub_folder()
            raise
        self._scrub_folder()
        self.reload_settings()

    def _scrub_folder(self) -> None:
        folder = self.store.path.parent
        try:
            scrub_data_folder(folder)
        except OSError as error:
            raise StoreError(Message(N_(
                "Your data was deleted from the database, but the log or an old damaged copy "
                "in {path} could not be removed: {detail}"),
                {"path": str(folder), "detail": error.strerror or str(error)})) from None

    def reset_setting(self, key: str) -> None:
        option(key)  # raises SettingError for an unknown key
        self.store.delete_setting(key)
        self.settings, _errors = Settings.load(self.store.raw_settings())
        self.tracker.set_settings(self.settings)


def local_time(at: float, offset: int) -> str:
    return datetime.fromtimestamp(at + offset, UTC).strftime("%H:%M")


def tag_dict(tag: Interaction, offset: int) -> dict[str, Any]:
    return {"id": tag.id, "kind": tag.kind.value, "severity": tag.severity or None,
            "reason": tag.reason.value if tag.reason else None, "at": tag.at,
            "local_time": local_time(tag.at, offset), "undone": tag.undone}


def _parse_tag(payload: dict[str, Any]) -> tuple[Kind, int | None, Reason | None, str | None]:
    kind = Kind(str(payload.get("kind")))
    severity = payload.get("severity")
    if severity is not None and (isinstance(severity, bool) or severity not in SEVERITIES):
        raise ValueError(severity)
    reason = payload.get("reason")
    note = payload.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(note)
    return kind, severity, Reason(reason) if reason is not None else None, clean_note(note)


def request_claim(app: Breakwater, payload: dict[str, Any]) -> Claim | None:
    """A command-line request's id and deadline (``deadline`` on the shared monotonic
    clock): its write is recorded under that id, and rolled back when it would commit
    after the deadline. None for requests from the tray itself (menu, hotkeys)."""
    request_id = payload.get("request_id")
    if not isinstance(request_id, str) or not request_id:
        return None
    deadline = payload.get("deadline")
    if isinstance(deadline, bool) or not isinstance(deadline, int | float):
        return Claim(request_id, app.clock.now(), lambda: False)
    limit = float(deadline)
    return Claim(request_id, app.clock.now(), lambda: app.clock.monotonic() > limit)


def is_expired(app: Breakwater, payload: dict[str, Any]) -> bool:
    deadline = payload.get("deadline")
    return (isinstance(deadline, int | float) and not isinstance(deadline, bool)
            and app.clock.monotonic() > deadline)


def expired_reply() -> dict[str, Any]:
    return {"ok": False, "expired": True, "error": Message(N_(
        "The request arrived after the command had stopped waiting for it; it was not "
        "carried out.")).render(_)}


def _core_request(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    cmd = payload.get("cmd")
    if cmd == "ping":
        return {"ok": True}
    if cmd == "status":
        # Natural breaks are counted only while the tray app watches; its controller
        # says what it watches with (x11, windows), here nothing does.
        return {"ok": True, "status": {**app.status().as_dict(), "break": breaks.describe(app),
                                       "idle": {"available": False, "source": None}}}
    if cmd == "tag":
        try:
            kind, severity, reason, note = _parse_tag(payload)
        except ValueError:
            return {"ok": False, "error": Message(N_("invalid tag request")).render()}
        result = app.tag(kind, severity, reason, note, str(payload.get("source", "cli")))
        _now, offset = app.now_and_offset()
        return {"ok": True, "tag": tag_dict(result.interaction, offset),
                "status": result.snapshot.as_dict()}
    if cmd == "undo":
        undone, snap = app.undo()
        _now, offset = app.now_and_offset()
        return {"ok": True, "undone": tag_dict(undone, offset) if undone else None,
                "status": snap.as_dict()}
    if cmd == "erase":
        app.delete_everything()
        return {"ok": True}
    app.reload_settings()  # "reload"
    return {"ok": True}


Handler = Callable[[Breakwater, dict[str, Any]], dict[str, Any]]

# Feature modules under desktop/service/ each export ``REQUESTS: dict[str, Handler]``
# (command name → handler); they are listed here and loaded on the first request.
FEATURES: tuple[str, ...] = ("checkin", "contacts", "journal")
_handlers: dict[str, Handler] = {}


def handlers() -> dict[str, Handler]:
    if not _handlers:
        table: dict[str, Handler] = {cmd: _core_request for cmd in (
            "ping", "status", "tag", "undo", "erase", "reload")}
        for name in FEATURES:
            module = importlib.import_module(f"desktop.service.{name}")
            table.update(module.REQUESTS)
        _handlers.update(table)
    return _handlers


def handle_request(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    """Answer one command-line request; the same for the direct path and the tray's socket.

    A handler raises ``ValueError`` (with a sentence for the user) on a bad request.
    A request read after its deadline is refused; one with an id is carried out at most
    once, and never after the command line stopped waiting (desktop.ipc)."""
    if is_expired(app, payload):
        return expired_reply()
    cmd = payload.get("cmd")
    handler = handlers().get(cmd) if isinstance(cmd, str) else None
    if handler is None:
        return {"ok": False,
                "error": Message(N_("unknown request {cmd!r}"), {"cmd": cmd}).render()}
    try:
        with app.store.on_behalf_of(request_claim(app, payload)):
            return handler(app, payload)
    except RequestExpired:
        return expired_reply()
    except StoreError as error:
        return {"ok": False, "error": error.message.render(_)}
    except ValueError as error:
        return {"ok": False, "error": str(error) or Message(N_("invalid request")).render()}


__all__ = ["Breakwater", "Handler", "SettingError", "TagResult", "handle_request"]
