"""``breakwater history``: the History window, in the running app or on its own."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any, TextIO

from desktop.i18n import _


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date like 2026-11-02").format(text=text)) from None


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "history", help=_("open the History window: your charts"),
        description=_("Open the History window (charts of your calls, load and recovery): "
                      "in the running tray app, or on its own when none runs."))
    parser.add_argument("--range", choices=("today", "week", "month", "year", "all"),
                        help=_("the period to show (default: week, the last 7 days)"))
    parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", type=_day,
                        help=_("first day of a period of your choosing (with --to)"))
    parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD", type=_day,
                        help=_("last day of a period of your choosing (with --from)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_USAGE, open_window

    if (args.first is None) != (args.last is None):
        print(_("breakwater history: give both --from and --to"), file=err)
        return EXIT_USAGE
    if args.range and args.first:
        print(_("breakwater history: choose --range or --from/--to, not both"), file=err)
        return EXIT_USAGE
    if args.first and args.last < args.first:
        print(_("breakwater history: --to is before --from"), file=err)
        return EXIT_USAGE
    params: dict[str, Any] = {"range": args.range} if args.range else {}
    if args.first:
        params.update({"from": args.first, "to": args.last})
    return open_window("history", params, out)
