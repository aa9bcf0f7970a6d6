"""Opening the break window: the break already running, or a new one of the length asked
for (the setting when none), linked to the nudge that offered it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.core.breaks import BREAK_MINUTES, Finished
from desktop.i18n import _
from desktop.service import breaks
from desktop.store.errors import StoreError
from desktop.ui.break_flow import BreakEnd
from desktop.ui.break_window import BreakWindow
from desktop.ui.windows import CannotOpen, WindowContext, nudge_param


def check(ctx: WindowContext, params: Mapping[str, Any]) -> None:
    minutes = params.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or minutes not in BREAK_MINUTES):
        raise ValueError(_("A break lasts 2, 5, 10 or 15 minutes, not {minutes!r}.").format(
            minutes=minutes))
    nudge_param(params)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> BreakWindow:
    """``params``: minutes (2, 5, 10 or 15; None: the setting), nudge_id (the nudge
    accepted). A break already running is shown as it is."""
    service = ctx.service
    check(ctx, params)
    try:
        breaks.start(service, params.get("minutes"), nudge_param(params))
    except StoreError as error:
        raise CannotOpen(error.message.render(_)) from None

    def guarded(action: Any) -> None:
        try:
            action()
        except StoreError as error:
            ctx.report_error(error.message.render(_))

    window = BreakWindow(lambda: breaks.current(service), service.clock.now, alone=ctx.alone,
                         on_due=lambda now: guarded(lambda: breaks.finish_if_due(service, now)))
    window.back.connect(lambda: guarded(lambda: breaks.finish(
        service, service.clock.now(), "back")))
    window.back.connect(window.frame)
    window.extend.connect(lambda: guarded(lambda: breaks.extend(service)))
    window.extend.connect(window.frame)
    if ctx.alone:
        # No tray app: this window is all there is, so it hears how the break ended
        # and plays the cue itself.
        end = BreakEnd(service, tell=None)

        def ended(done: Finished, how: str) -> None:
            end(done, how)
            window.ended(done, how)

        service.break_listeners.append(ended)
        window.destroyed.connect(lambda: _forget(service.break_listeners, ended))
    return window


def _forget(listeners: list[Any], listener: Any) -> None:
    if listener in listeners:
        listeners.remove(listener)
