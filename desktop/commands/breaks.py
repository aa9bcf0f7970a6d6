"""`breakwater break [--minutes N]`: a break away from the screen, in the running tray
app or in a window on its own."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from desktop.core.breaks import BREAK_MINUTES
from desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "break", help=_("take a break away from the screen"),
        description=_("Start a break: a countdown and an idea of what to do away from the "
                      "screen, in the running tray app or in a window on its own. A break "
                      "already running is shown instead."))
    parser.add_argument("--minutes", type=int, choices=BREAK_MINUTES,
                        help=_("2, 5, 10 or 15 (default: the breaks.minutes setting)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import open_window

    return open_window("break", {"minutes": args.minutes}, out)
