"""`breakwater journal`: write, list and search journal entries from a terminal.

``journal`` alone opens the entry window (in the running app, or on its own).
``add``, ``list`` and ``search`` go to the running app when there is one, else to the file.
Bad input (empty text, a mood outside 1–5, text over the limit) is one line and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from desktop.core.journal import MOODS, mood_problem, text_problem
from desktop.i18n import _
from desktop.terminal import shown

DEFAULT_LIMIT = 20


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(
            text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more: {text}").format(text=text))
    return value


def register(commands: Any) -> None:
    journal = commands.add_parser(
        "journal", help=_("write, list or search your journal"),
        description=_("Write, list or search your journal. Without a subcommand, opens the "
                      "journal window: in the running tray app, or on its own when none runs."))
    journal.set_defaults(run=_open)
    actions = journal.add_subparsers(dest="journal_action", metavar="ACTION")

    add = actions.add_parser("add", help=_("add an entry"),
                             description=_("Add a journal entry."))
    add.add_argument("text", metavar="TEXT",
                     help=_("what you want to write down; - reads it from standard input"))
    add.add_argument("--mood", type=int, choices=MOODS,
                     help=_("how you feel: 1 = very low … 5 = very good"))
    add.set_defaults(run=_add)

    listing = actions.add_parser("list", help=_("show entries, newest first"),
                                 description=_("Show journal entries, newest first."))
    listing.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                         help=_("show at most N entries (default {n})").format(
                             n=DEFAULT_LIMIT))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(run=_list)

    search = actions.add_parser(
        "search", help=_("find entries containing words"),
        description=_("Find entries containing every word given (accents and case do not "
                      "matter; the last word may be a beginning), newest first."))
    search.add_argument("words", nargs="+", metavar="WORDS", help=_("words to look for"))
    search.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
                        help=_("show at most N entries (default {n})").format(
                            n=DEFAULT_LIMIT))
    search.add_argument("--json", action="store_true", help=_("machine-readable output"))
    search.set_defaults(run=_search)


def _open(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import open_window

    return open_window("journal", {}, out)


def _usage(err: TextIO, text: str) -> int:
    from desktop.cli import EXIT_USAGE

    print(_("breakwater journal: {problem}").format(problem=text), file=err)
    return EXIT_USAGE


def _add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_OK, dispatch

    text = args.text
    if text == "-":  # long entries, or ones written in an editor: `… | breakwater journal add -`
        text = sys.stdin.read().rstrip("\n")
    problem = text_problem(text) or mood_problem(args.mood)
    if problem is not None:
        return _usage(err, problem.render(_))
    reply = dispatch({"cmd": "journal.add", "text": text, "mood": args.mood}, err)
    entry = reply["entry"]
    print(_("Saved journal entry #{id} ({time}).").format(
        id=entry["id"], time=entry["local_time"]), file=out)
    return EXIT_OK


def _fetch(payload: dict[str, Any], limit: int, err: TextIO) -> list[dict[str, Any]]:
    """Every page up to ``limit`` entries (a reply holds a bounded number of bytes)."""
    from desktop.cli import dispatch

    entries: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None and len(entries) < limit:
        reply = dispatch({**payload, "limit": limit - len(entries), "offset": offset}, err)
        entries.extend(reply["entries"])
        offset = reply.get("next")
    return entries


def _show(entries: list[dict[str, Any]], as_json: bool, out: TextIO) -> None:
    if as_json:
        json.dump(entries, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for i, entry in enumerate(entries):
        if i:
            out.write("\n")
        head = f"#{entry['id']}  {entry['local_time']}"
        if entry["mood"] is not None:
            head += "  " + _("mood {mood}/5").format(mood=entry["mood"])
        print(head, file=out)
        for line in shown(entry["text"]).split("\n"):
            print(f"    {line}", file=out)


def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_OK

    entries = _fetch({"cmd": "journal.list"}, args.limit, err)
    if not entries and not args.json:
        print(_("No journal entries yet. Add one with: breakwater journal add \"…\""), file=out)
        return EXIT_OK
    _show(entries, args.json, out)
    return EXIT_OK


def _search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_OK

    words = " ".join(args.words)
    if not words.strip():
        return _usage(err, _("give at least one word to look for."))
    entries = _fetch({"cmd": "journal.search", "words": words}, args.limit, err)
    if not entries and not args.json:
        print(_("No entry contains all of: {words}").format(words=shown(words)), file=out)
        return EXIT_OK
    _show(entries, args.json, out)
    return EXIT_OK
