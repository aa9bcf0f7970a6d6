"""One registry of the app's windows, and one way to open them.

Every window (breathing, break, journal, history, check-in, settings, ...) opens the same
way: inside the running tray app (from the menu, a nudge or `breakwater <name>` over the
socket) or on its own when no app runs (`run_window_alone` in desktop/app.py). Its module
is imported only when it first opens, so the idle tray does not pay for it.

A window module provides::

    def build(ctx: WindowContext, params: Mapping[str, Any]) -> QWidget

which raises ``ValueError`` (a sentence for the user) on bad ``params`` before showing
or writing anything, and ``CannotOpen`` (a ValueError too) when the window cannot open
for another reason (the file cannot be read): the command line tells the two apart by
exit status, 2 for bad input and 1 for a failure. The registry shows the widget
(``present(activate)`` when it has one) and keeps it while it is open — visible, or
``alive()`` when it defines that (a break goes on with its window hidden); opening it
again brings the same window forward. A module may also provide::

    def reopen(ctx: WindowContext, window: QWidget, params: Mapping[str, Any]) -> None

to follow what is asked of the open window (`breakwater history --range today` while
History shows the year; the toast's phrases for a limit while the calming ones show),
raising ``ValueError`` like ``build``. Without it, parameters are not applied to a window
already open (a breathing session in progress keeps its pattern). And::

    def check(ctx: WindowContext, params: Mapping[str, Any]) -> None

raising ``ValueError`` on bad ``params``: the registry calls it before ``build`` or
``reopen``, so a window already open is not brought forward by a request it would refuse.
``WindowSpec.params`` names the keys each window takes; any other key is refused.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from desktop.core.text import N_
from desktop.service import Breakwater

if TYPE_CHECKING:  # QWidget's binding costs the idle app ~0.2 MB (no window is open)
    from PySide6.QtWidgets import QWidget

    from desktop.platform.autostart import Autostart

log = logging.getLogger(__name__)


class CannotOpen(ValueError):
    """The window cannot open, though what was asked of it is fine: a failure (exit
    status 1 on the command line), not bad input. A ValueError, so every caller that
    shows why a window did not open shows this too."""


def nudge_param(params: Mapping[str, Any]) -> int | None:
    """The ``nudge_id`` a window was opened for (the nudge accepted), or None."""
    from desktop.i18n import _

    nudge_id = params.get("nudge_id")
    if nudge_id is not None and (isinstance(nudge_id, bool) or not isinstance(nudge_id, int)):
        raise ValueError(_("A nudge is known by its number, not by {value!r}.").format(
            value=nudge_id))
    return nudge_id


def check_params(ctx: WindowContext, name: str, accepted: tuple[str, ...] | None,
                 module: Any, params: Mapping[str, Any]) -> None:
    """ValueError (a sentence) when window ``name`` would refuse ``params``."""
    unknown = [key for key in params if accepted is not None and key not in accepted]
    if unknown:
        from desktop.i18n import _

        raise ValueError(_("The {name} window has no option {key!r}.").format(
            name=name, key=unknown[0]))
    check = getattr(module, "check", None)
    if callable(check):
        check(ctx, params)


@dataclass(frozen=True)
class WindowSpec:
    module: str
    menu_label: str = ""  # N_ text for the tray menu; "" keeps the window out of the menu
    recovery: bool = False  # while it is open, the person is recovering: no nudges
    params: tuple[str, ...] | None = None  # the keys it takes (None: not checked here)

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None


WINDOWS: dict[str, WindowSpec] = {
    "breathe": WindowSpec("desktop.ui.breathing_open", N_("&Breathe…"), recovery=True,
                          params=("pattern", "minutes", "nudge_id")),
    "break": WindowSpec("desktop.ui.break_open", N_("Take a brea&k…"), recovery=True,
                        params=("minutes", "nudge_id")),
    "journal": WindowSpec("desktop.ui.journal_open", N_("&Write it down…"),
                          params=("nudge_id",)),
    "journal-list": WindowSpec("desktop.ui.journal_list_open", N_("&Journal…"),
                               params=("search",)),
    "history": WindowSpec("desktop.ui.history_open", N_("His&tory…"),
                          params=("range", "from", "to")),
    "checkin": WindowSpec("desktop.ui.checkin_open", N_("Weekly &check-in…"), params=()),
    "contacts": WindowSpec("desktop.ui.contacts_open", N_("People to &reach…"), params=()),
    "phrases": WindowSpec("desktop.ui.phrases_open", N_("P&hrases for hard moments…"),
                          params=("group",)),
    "settings": WindowSpec("desktop.ui.settings_open", N_("&Settings…"), params=("page",)),
    "welcome": WindowSpec("desktop.ui.welcome_open", params=()),
}


class AppEvents(QObject):
    """What windows tell the rest of the app. In the tray app the controller listens; a
    window on its own has no listener, and that is fine."""

    data_changed = Signal()  # something was written: refresh the tray, re-evaluate nudges
    open_requested = Signal(str)  # a window asks for another one (the check-in → contacts)
    # Settings were changed (by a window, or the command line while the app runs): the
    # app applies them live (hotkeys, language, thresholds) and open windows show them.
    settings_changed = Signal()
    journal_changed = Signal()  # an entry was added, edited or deleted: lists re-read
    calls_changed = Signal()  # the call source's state changed (WindowContext.calls_off)


class HotkeyAccess(Protocol):
    """The app's global hotkeys, as the settings window and the welcome see them."""

    def problems(self) -> dict[str, str]:
        """Each bound combination that could not be grabbed, with why."""
        ...

    def probe(self, combo: str) -> str | None:
        """Why ``combo`` cannot be grabbed now, or None when it can."""
        ...

    def suspend(self) -> None:
        """Let go of the grabs while the user records a new combination (else pressing
        one of ours would tag instead of reaching the window)."""
        ...

    def resume(self) -> None: ...


class NoHotkeys:
    """A window on its own: nothing is bound; combinations are probed with a backend of
    its own (no tray app holds any, so whatever is taken is taken by another program)."""

    def __init__(self) -> None:
        self._backend: Any = None

    def problems(self) -> dict[str, str]:
        return {}

    def probe(self, combo: str) -> str | None:
        if self._backend is None:
            from desktop.platform.hotkeys import create_hotkeys

            self._backend = create_hotkeys()
        reason = self._backend.probe(combo)
        return None if reason is None else str(reason)

    def suspend(self) -> None:
        pass

    def resume(self) -> None:
        pass


def _nothing_watches_calls() -> str | None:
    return None


@dataclass
class WindowContext:
    """What a window may use. Windows get the service for their reads and writes, and
    report through these callables and ``events``; they never reach into the controller."""

    service: Breakwater
    alone: bool  # True when the window runs without the tray app
    tell: Callable[[str, str], None]  # a message for the user (title, text)
    events: AppEvents = field(default_factory=AppEvents)
    errors: list[str] = field(default_factory=list)  # saves that failed (alone: exit 1)
    hotkeys: HotkeyAccess = field(default_factory=NoHotkeys)
    autostart: Autostart | None = None  # None: the real one, made when first asked for
    # Why calls cannot be watched now, in the tray app's words (call_text.detection_off);
    # None while they are, when the user turned watching off, and for a window on its
    # own (no app watches calls then).
    calls_off: Callable[[], str | None] = field(default=_nothing_watches_calls)

    def changed(self) -> None:
        self.events.data_changed.emit()

    def settings_changed(self) -> None:
        self.events.settings_changed.emit()

    def login_start(self) -> Autostart:
        """How Breakwater starts at login on this desktop (made on first use: idle
        memory does not pay for it)."""
        if self.autostart is None:
            from desktop.platform.autostart import create_autostart

            self.autostart = create_autostart()
        return self.autostart

    def report_error(self, text: str) -> None:
        """A write failed: the user is told, and a window on its own exits with status 1."""
        self.errors.append(text)
        from desktop.i18n import _

        self.tell(_("Breakwater could not save that"), text)


def _alive(window: QWidget) -> bool:
    alive = getattr(window, "alive", None)
    return bool(alive()) if callable(alive) else window.isVisible()


class WindowRegistry:
    def __init__(self, ctx: WindowContext,
                 specs: Mapping[str, WindowSpec] | None = None) -> None:
        self.ctx = ctx
        self.specs = dict(WINDOWS if specs is None else specs)
        self._open: dict[str, QWidget] = {}

    def menu_entries(self) -> list[tuple[str, str]]:
        """(name, untranslated label) for each window that exists and belongs in the menu."""
        return [(name, spec.menu_label) for name, spec in self.specs.items()
                if spec.menu_label and spec.available()]

    def open(self, name: str, params: Mapping[str, Any] | None = None,
             activate: bool = True) -> QWidget:
        """Open window ``name`` (or bring the open one forward). Raises ValueError for an
        unknown window or bad parameters, before anything is shown."""
        spec = self.specs.get(name)
        if spec is None or not spec.available():
            from desktop.i18n import _

            raise ValueError(_("There is no window called {name!r}.").format(name=name))
        module = importlib.import_module(spec.module)
        params = dict(params or {})
        check_params(self.ctx, name, spec.params, module, params)
        window = self.get(name)
        if window is None:
            window = module.build(self.ctx, params)
            self._open[name] = window
        elif params:
            reopen = getattr(module, "reopen", None)
            if callable(reopen):
                reopen(self.ctx, window, params)
        present = getattr(window, "present", None)
        if callable(present):
            present(activate)
        else:
            from desktop.ui.app_window import present_raised

            present_raised(window, activate, hold_back=False)
        return window

    def open_request(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """The request ``{"cmd": "open", "window": NAME, "params": {...}}`` (``{"cmd":
        "breathe", "pattern": ..., "minutes": ...}`` is the older spelling of opening the
        breathing window); the reply."""
        from desktop.i18n import _

        if payload.get("cmd") == "breathe":
            name: object = "breathe"
            params: object = {"pattern": payload.get("pattern"),
                              "minutes": payload.get("minutes")}
        else:
            name, params = payload.get("window"), payload.get("params") or {}
        if not isinstance(name, str) or not isinstance(params, dict):
            return {"ok": False, "error": _("invalid request"), "bad_input": True}
        try:
            self.open(name, params)
        except CannotOpen as error:
            return {"ok": False, "error": str(error)}
        except ValueError as error:  # what was asked is wrong: the CLI exits 2
            return {"ok": False, "error": str(error), "bad_input": True}
        return {"ok": True}

    def get(self, name: str) -> QWidget | None:
        """The window ``name`` while it is open, else None."""
        window = self._open.get(name)
        if window is not None and not _alive(window):
            del self._open[name]
            return None
        return window

    def in_recovery(self) -> bool:
        return any(self.get(name) is not None
                   for name, spec in self.specs.items() if spec.recovery)

    def open_windows(self) -> list[QWidget]:
        return [w for name in list(self._open) if (w := self.get(name)) is not None]

    def retranslate(self) -> None:
        """The language changed: every open window that can re-sets its text."""
        for window in self.open_windows():
            retranslate = getattr(window, "retranslate", None)
            if callable(retranslate):
                retranslate()

    def close_all(self) -> None:
        for window in list(self._open.values()):
            window.close()
        self._open.clear()
