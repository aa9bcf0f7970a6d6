"""Breaks and time away, as use cases shared by the tray app, a break window on its own and
the command line.

- A break window's break: ``start``, ``extend``, ``finish`` (I'm back, its end, or a tag),
  and ``skip`` when a break offer is dismissed. The running break is kept in the file, so
  ``breakwater status`` sees it and a restart carries on with it.
- Time away (idle, asleep) reported through ``Breakwater.presence`` becomes a natural
  break with ``natural``: one span with whatever break it overlaps, never two rows.
- While a break runs, or the person is away, that time counts as recovery at once
  (``live``), so load falls in the tray during the break.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.core.breaks import Finished, Outcome, RunningBreak, skipped
from desktop.core.model import Recovery
from desktop.store.breaks import BreakRows
from desktop.store.errors import StoreError
from desktop.store.timestamps import to_iso

if TYPE_CHECKING:
    from desktop.service import Breakwater

# How a break ended, for listeners: "back" (I'm back), "due" (its time was up), "late"
# (its time was up long before anyone looked: the machine slept through its end, or the
# app was not running then), "tag" (the person tagged a call: they are back at work).
BreakListener = Callable[[Finished, str], None]

# An end noticed later than this is "late": "Break over" said then would be about a
# moment long gone (after a night asleep, or a restart hours later).
LATE_SECONDS = 60.0


def current(app: Breakwater) -> RunningBreak | None:
    return RunningBreak.from_json(BreakRows(app.store).running())


def start(app: Breakwater, minutes: int | None = None,
          nudge_id: int | None = None) -> RunningBreak:
    """Start a break of ``minutes`` (the setting when None), or return the one already
    running. Raises ValueError for a length that is not offered."""
    running = current(app)
    now = app.clock.now()
    if running is not None and running.due(now):
        # Its time ran out while no app was there to end it (quit mid-break): it is
        # recorded now, and the break asked for starts rather than a "Break over".
        finish_if_due(app, now)
        running = current(app)
    if running is not None:
        return running
    rows = BreakRows(app.store)
    chosen = int(minutes if minutes is not None else app.settings["breaks.minutes"])
    run = RunningBreak.begin(now, chosen, nudge_id, idea=rows.count())
    if not rows.begin(run.to_json()):  # another process started one a moment ago
        return current(app) or run
    return run


def extend(app: Breakwater) -> RunningBreak | None:
    """"+2 min": the running break, longer; None when none runs any more."""
    running_text = BreakRows(app.store).running()
    run = RunningBreak.from_json(running_text)
    if run is None or running_text is None:
        return None
    longer = run.extended()
    return longer if BreakRows(app.store).replace(running_text, longer.to_json()) else None


def finish(app: Breakwater, at: float, how: str) -> Finished | None:
    """End the running break at ``at`` and record it; None when none was running (or
    another process finished it first). Listeners hear how it ended."""
    rows = BreakRows(app.store)
    text = rows.running()
    run = RunningBreak.from_json(text)
    if run is None or text is None:
        return None
    done = run.finish(at)
    if rows.finish(text, done, app.clock.utc_offset(done.started)) is None:
        return None
    app.reload()
    for listener in list(app.break_listeners):
        listener(done, how)
    return done


def finish_if_due(app: Breakwater, now: float) -> Finished | None:
    run = current(app)
    if run is None or not run.due(now):
        return None
    return finish(app, now, "due" if now - run.ends <= LATE_SECONDS else "late")


def skip(app: Breakwater, nudge_id: int | None, minutes: int | None = None) -> None:
    """The offered break was dismissed before it started: a ``skipped`` row."""
    now = app.clock.now()
    chosen = int(minutes if minutes is not None else app.settings["breaks.minutes"])
    BreakRows(app.store).add(skipped(now, chosen, nudge_id), app.clock.utc_offset(now))


def natural(app: Breakwater, rest: Recovery) -> bool:
    """Record time away. Inside a running break it is part of that break (which then
    lasts at least until the person came back); otherwise it joins the break or natural
    break it overlaps, else it is a new natural break. True when it was recorded as a
    break of its own (not part of a break window's)."""
    run_text = BreakRows(app.store).running()
    run = RunningBreak.from_json(run_text)
    if run is not None and run_text is not None and rest.end > run.started:
        if rest.end > run.ends:
            BreakRows(app.store).replace(run_text, run.rested(rest.end).to_json())
        before = min(rest.end, run.started) - rest.start
        if before < app.settings.idle_break:
            return False
        rest = Recovery(rest.start, run.started, rest.kind)
    try:
        _row, window = BreakRows(app.store).add_natural(rest.start, rest.end,
                                                        app.clock.utc_offset(rest.start))
    except StoreError:
        app.tracker.add_recovery(rest)  # counted even when not saved: the person did rest
        raise
    app.reload()
    return not window


def present(app: Breakwater, at: float) -> None:
    """A sign the person is here (a tag): time away ends, and so does a break."""
    ended = app.presence.present(at, app.settings.idle_break)
    if ended is not None:
        natural(app, ended)
    if current(app) is not None:
        finish(app, at, "tag")


def live(app: Breakwater, now: float) -> list[Recovery]:
    """Recovery still in progress: the running break and time away so far."""
    spans = []
    run = current(app)
    if run is not None:
        spans.append(run.live(now))
    away = app.presence.live(now)
    if away is not None:
        spans.append(away)
    return spans


def describe(app: Breakwater) -> dict[str, Any] | None:
    """``breakwater status --json``'s ``"break"``."""
    run = current(app)
    if run is None or run.due(app.clock.now()):
        return None  # over, even if not yet recorded (no app running since its end)
    return {"started": to_iso(run.started), "ends": to_iso(run.ends),
            "minutes": round(run.seconds / 60), "nudge_id": run.nudge_id}


__all__ = ["BreakListener", "Outcome", "RunningBreak", "current", "describe", "extend", "finish",
           "finish_if_due", "live", "natural", "present", "skip", "start"]
