"""`breakwater phrases`: open the phrase cards."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from desktop.core.phrases import GROUP_KEYS
from desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "phrases", help=_("open the phrases for hard moments"),
        description=_("Open the phrase cards: click one, or press Enter, to copy it."))
    parser.add_argument("--group", choices=GROUP_KEYS,
                        help=_("open at this group: calm, limit, redirect, handover or end"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import open_window

    return open_window("phrases", {"group": args.group} if args.group else {}, out)
