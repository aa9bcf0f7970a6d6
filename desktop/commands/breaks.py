"""`breakwater break [--minutes N]`: a break away from the screen, in the running tray
app or in a window on its own."""

from __future__ import annotations

import argparse
import math
import time
from typing import Any, TextIO

from desktop.core.breaks import BREAK_MINUTES
from desktop.i18n import _, ngettext


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "break", help=_("take a break away from the screen"),
        description=_("Start a break: a countdown and an idea of what to do away from the "
                      "screen, in the running tray app or in a window on its own. A break "
                      "already running is shown instead."))
    parser.add_argument("--minutes", type=int, choices=BREAK_MINUTES,
                        help=_("2, 5, 10 or 15 (default: the breaks.minutes setting)"))
    parser.set_defaults(run=run)


def left_line(running: object, now: float | None = None) -> str | None:
    """"On a break: N minutes left" for ``status``'s ``break`` (None when none runs), as
    the tray says it."""
    from desktop.store.timestamps import from_iso

    if not isinstance(running, dict) or not isinstance(running.get("ends"), str):
        return None
    left = from_iso(running["ends"]) - (time.time() if now is None else now)
    minutes = max(1, math.ceil(left / 60))
    return ngettext("On a break: {n} minute left", "On a break: {n} minutes left",
                    minutes).format(n=minutes)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import dispatch, open_window

    # Asked twice, or for a length while one runs: say that the running break is what
    # is shown, rather than let "--minutes 10" seem to have started ten minutes.
    running = dispatch({"cmd": "status"}, err, read_only_ok=True)["status"].get("break")
    line = left_line(running)
    if line is not None:
        print(_("A break is already running; it is shown, not started again."), line,
              sep="\n", file=out)
    return open_window("break", {"minutes": args.minutes}, out)
