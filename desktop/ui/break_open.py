"""Opening the break window: the break already running, or a new one of the length asked
for (the setting when none), linked to the nudge that offered it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from desktop.core.breaks import BREAK_MINUTES, Finished
from desktop.i18n import _
from desktop.service import breaks
from desktop.store.errors import StoreError
from desktop.ui.break_flow import BreakEnd
from desktop.ui.break_window import BreakWindow
from desktop.ui.windows import CannotOpen, WindowContext, nudge_param

log = logging.getLogger(__name__)

# After the end of a break could not be saved (the file locked by another program, the
# disk full), the window tries again this long after, not at its next frame: each try may
# wait for the lock (desktop/store/db.py), and the person is told once, not four times a
# second.
RETRY_SECONDS = 10.0


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

    failed_at: list[float] = []  # when saving the end last failed (monotonic)

    def on_due(now: float) -> None:
        if failed_at and service.clock.monotonic() - failed_at[0] < RETRY_SECONDS:
            return
        try:
            breaks.finish_if_due(service, now)
        except StoreError as error:
            if not failed_at:
                ctx.report_error(error.message.render(_))
            else:
                log.warning("the end of a break was not saved: %s", error.message.render())
            failed_at[:] = [service.clock.monotonic()]

    window = BreakWindow(lambda: breaks.current(service), service.clock.now, alone=ctx.alone,
                         on_due=on_due)
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
