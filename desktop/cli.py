"""The ``breakwater`` command line.

With no command it starts the tray app. Commands go to the running tray app when there
is one (so state never diverges) and otherwise read and write the database directly,
so a desktop shortcut bound to ``breakwater tag difficult`` works either way.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from desktop import __version__, cli_desktop, terminal
from desktop.cli_open import open_window
from desktop.cli_parser import Parser
from desktop.cli_remote import (
    AnsweredLate,
    BadInput,
    CommandError,
    Direct,
    ask_app,
    dispatch,
    with_store,
)
from desktop.commands import settings as settings_command
from desktop.core.breathing import PATTERNS, SESSION_MINUTES
from desktop.core.model import NOTE_MAX_CHARS, Kind, Reason, clean_note
from desktop.i18n import _, ngettext, setup
from desktop.paths import database_path
from desktop.store.errors import StoreError
from desktop.wording import counts_text

# Exit statuses (README.md, "Command line"): 0 done; 1 failed (locked, full or damaged
# database, the running app did not answer); 2 bad input (nothing was done); 130
# interrupted; 141 the reader of our output went away (`| head`), as with SIGPIPE.
EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141
ERASE_TIMEOUT = 60.0  # erasing a five-year file rewrites it: seconds, not milliseconds

# Commands of later features, one module each under desktop/commands/: each has
# ``register(commands)``, which adds its sub-parser(s) with ``set_defaults(run=FUNCTION)``;
# FUNCTION(args, out, err) returns the exit status. Helpers for them are at the end.
FEATURE_COMMANDS: tuple[str, ...] = ("breaks", "checkin", "contacts", "phrases", "journal",
                                     "history")


def _note(text: str) -> str | None:
    try:
        return clean_note(text)
    except ValueError:
        raise argparse.ArgumentTypeError(ngettext(
            "a note is at most {limit} character; this one has {n}",
            "a note is at most {limit} characters; this one has {n}", NOTE_MAX_CHARS).format(
            limit=f"{NOTE_MAX_CHARS:,}", n=f"{len(text.strip()):,}")) from None


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="breakwater",
        description=_("Tag difficult interactions, watch your load, recover in time. "
                      "Without a command, starts the tray app."),
    )
    parser.add_argument("--version", action="version", version=f"breakwater {__version__}",
                        help=_("show the version and exit"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    tag = commands.add_parser("tag", help=_("record an interaction"),
                              description=_("Record a difficult or an ordinary interaction."))
    kinds = tag.add_subparsers(dest="kind", metavar="KIND", required=True)
    difficult = kinds.add_parser("difficult", help=_("a hard interaction"),
                                 description=_("Record a difficult interaction."))
    difficult.add_argument("--severity", type=int, choices=(1, 2, 3),
                           help=_("1 = mild, 2 = hard (default), 3 = very hard"))
    difficult.add_argument("--reason", choices=[r.value for r in Reason],
                           help=_("what made it hard"))
    difficult.add_argument("--note", metavar="TEXT", type=_note, help=_(
        "a short private note (at most {limit} characters)").format(
        limit=f"{NOTE_MAX_CHARS:,}"))
    kinds.add_parser("ordinary", help=_("an ordinary interaction (ends a streak)"),
                     description=_("Record an ordinary interaction; it ends a streak."))

    commands.add_parser("undo", help=_("undo the most recent tag"),
                        description=_("Undo the most recent tag. It is kept, marked undone."))

    status = commands.add_parser("status", help=_("show load, level, streak and today's counts"),
                                 description=_("Show load, level, streak and today's counts."))
    status.add_argument("--json", action="store_true", help=_("machine-readable output"))

    export = commands.add_parser("export", help=_("export all your data"),
                                 description=_("Export every table as CSV or JSON."))
    export.add_argument("--format", required=True, choices=("csv", "json"))
    export.add_argument("--out", metavar="PATH", type=Path,
                        help=_("file (json) or folder (csv); standard output when omitted"))

    settings_command.register(commands)

    breathe = commands.add_parser(
        "breathe", help=_("open the guided breathing window"),
        description=_("Open the guided breathing window: in the running tray app, or on its "
                      "own when none runs. Defaults come from your settings."))
    breathe.add_argument("--pattern", choices=list(PATTERNS),
                         help=_("cyclic-sigh (default), box, 4-7-8 or resonance"))
    breathe.add_argument("--minutes", type=int, choices=SESSION_MINUTES,
                         help=_("session length: 1, 3 or 5 minutes"))

    for name in FEATURE_COMMANDS:
        importlib.import_module(f"desktop.commands.{name}").register(commands)

    delete = commands.add_parser("delete-everything", help=_("erase all your Breakwater data"),
                                 description=_("Erase every tag, session, nudge and setting."))
    delete.add_argument("--yes", action="store_true", help=_("confirm without asking"))
    cli_desktop.add_parsers(commands)
    return parser


def _status_dict(snapshot_dict: dict[str, Any], running: bool,
                 calls: dict[str, Any] | None = None) -> dict[str, Any]:
    # Calls are watched only by the running tray app; without it nothing watches them.
    calls = calls or {}
    return {**snapshot_dict, "running": running, "in_call": bool(calls.get("in_call")),
            "calls": {"available": bool(calls.get("available")),
                      "source": calls.get("source") or None,
                      # Why not, in the app's own words (desktop/ui/call_text.py).
                      "off": calls.get("off") or None}}


def _level_name(level: str) -> str:
    return {"calm": _("calm"), "building": _("building"), "high": _("high")}.get(level, level)


def _status_line(status: dict[str, Any]) -> str:
    running = _("running") if status["running"] else _("not running")
    return _("Load {load:.1f} ({level}) · streak {streak} · today: {counts} · "
             "tray app {running}").format(
        load=status["load"], level=_level_name(status["level"]), streak=status["streak"],
        counts=counts_text(status["today"]["difficult"], status["today"]["ordinary"]),
        running=running)


def _print_tag(reply: dict[str, Any], out: TextIO) -> None:
    tag = reply["tag"]
    if tag["kind"] == "difficult":
        print(_("Recorded a difficult interaction (severity {severity}).").format(
            severity=tag["severity"]), file=out)
    else:
        print(_("Recorded an ordinary interaction."), file=out)
    print(_status_line(_status_dict(reply["status"], reply["running"])), file=out)


def _cmd_tag(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    payload: dict[str, Any] = {"cmd": "tag", "kind": args.kind}
    if args.kind == Kind.DIFFICULT.value:
        payload.update(severity=args.severity, reason=args.reason, note=args.note)
    try:
        reply = dispatch(payload, err)
    except AnsweredLate:
        print(_("Recorded by the running Breakwater app, which answered late."), file=out)
        return EXIT_OK
    _print_tag(reply, out)
    return EXIT_OK


def _cmd_undo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        reply = dispatch({"cmd": "undo"}, err)
    except AnsweredLate:
        print(_("Undone by the running Breakwater app, which answered late."), file=out)
        return EXIT_OK
    tag = reply.get("undone")
    if tag is None:
        print(_("Nothing to undo."), file=out)
    else:
        kind = _("difficult") if tag["kind"] == "difficult" else _("ordinary")
        print(_("Undid the {kind} interaction recorded at {time}.").format(
            kind=kind, time=tag["local_time"]), file=out)
    print(_status_line(_status_dict(reply["status"], reply["running"])), file=out)
    return EXIT_OK


def _cmd_status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.commands.breaks import left_line

    reply = dispatch({"cmd": "status"}, err, read_only_ok=True)
    status = _status_dict(reply["status"], reply["running"], reply.get("calls"))
    if args.json:
        json.dump(status, out)
        out.write("\n")
    else:
        print(_status_line(status), file=out)
        on_break = left_line(status.get("break"))
        if on_break is not None:
            print(on_break, file=out)
        if status["in_call"]:
            print(_("A call is live: nudges and notifications wait until it ends."), file=out)
        elif status["calls"]["off"]:
            print(status["calls"]["off"], file=out)
    return EXIT_OK


def _binary(out: TextIO) -> BinaryIO:
    """The byte stream under ``out``: exports are UTF-8 whatever the terminal's encoding."""
    out.flush()
    return out.buffer


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.store import export

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def run(direct: Direct) -> int:
        if args.format == "json":
            if args.out is None:
                export.export_json(direct.store, _binary(out), stamp)
            else:
                export.export_json_file(direct.store, args.out, stamp)
                print(_("Exported to {path}").format(path=args.out), file=err)
        elif args.out is None:
            export.export_csv_stream(direct.store, _binary(out))
        else:
            if args.out.exists() and not args.out.is_dir():
                print(_("breakwater: {path} is a file; CSV export needs a folder").format(
                    path=args.out), file=err)
                return EXIT_USAGE
            files = export.export_csv_dir(direct.store, args.out)
            print(ngettext("Exported {n} file to {path}", "Exported {n} files to {path}",
                           len(files)).format(n=len(files), path=args.out),
                  file=err)
        return EXIT_OK

    try:
        return with_store(run, err, read_only_ok=True)
    except BrokenPipeError:
        raise
    except OSError as error:
        print(_("breakwater: cannot write the export: {detail}").format(
            detail=error.strerror or error), file=err)
        return EXIT_FAILURE


def _cmd_delete(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            print(_("breakwater: refusing to delete without --yes"), file=err)
            return EXIT_USAGE
        answer = input(_("Erase all Breakwater data in {path}? Type 'yes' to confirm: ")
                       .format(path=database_path()))
        if answer.strip().lower() != "yes":
            print(_("Nothing was deleted."), file=out)
            return EXIT_OK

    # With the tray app running, the app erases: its open connection would otherwise keep
    # old pages in the WAL, and its memory would still hold today's tags.
    try:
        reply = ask_app({"cmd": "erase"}, timeout=ERASE_TIMEOUT)
    except AnsweredLate:
        reply = {"ok": True}
    if reply is None:
        def run(direct: Direct) -> int:
            direct.app.delete_everything()
            return EXIT_OK

        with_store(run, err)
    elif not reply.get("ok"):
        raise CommandError(str(reply.get("error")))
    print(_("All Breakwater data was erased."), file=out)
    return EXIT_OK


def _cmd_breathe(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return open_window("breathe", {"pattern": args.pattern, "minutes": args.minutes}, out)


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "breathe": _cmd_breathe,
    "tag": _cmd_tag,
    "undo": _cmd_undo,
    "status": _cmd_status,
    "export": _cmd_export,
    "delete-everything": _cmd_delete,
    **cli_desktop.COMMANDS,
}


def _answer_in_a_language_the_terminal_shows(language: str, out: TextIO, err: TextIO
                                             ) -> None:
    if language == "en":
        return
    samples = [_("Recorded an ordinary interaction."), _("Nothing to undo.")]
    encoding = terminal.can_show(samples, out, err)
    if encoding is not None:
        setup("en")
        print(_("breakwater: this terminal's encoding ({encoding}) cannot show {language}; "
                "answering in English").format(encoding=encoding, language=language), file=err)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    terminal.tolerate_unencodable(out, err)
    args_list = sys.argv[1:] if argv is None else list(argv)
    from desktop.store.peek import stored_language

    # The language chosen in Breakwater, else the system's (LANGUAGE, LANG).
    _answer_in_a_language_the_terminal_shows(setup(stored_language(database_path())), out,
                                             err)
    bad = terminal.undecodable_argument(args_list)
    if bad is not None:
        print(_("breakwater: argument {n} is not valid UTF-8 text; nothing was done").format(
            n=bad), file=err)
        return EXIT_USAGE
    args = build_parser().parse_args(args_list)
    if args.command is None:
        from desktop.app import run_app

        return run_app()
    return run_command(getattr(args, "run", None) or COMMANDS[args.command], args, out, err)


def run_command(run: Callable[[argparse.Namespace, TextIO, TextIO], int],
                args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """A command's exit status, its failures said in one line on ``err``."""
    try:
        code = int(run(args, out, err))
        out.flush()  # a closed pipe shows here, not at exit as a traceback
        return code
    except BrokenPipeError:
        terminal.silence_stdout()
        return EXIT_PIPE
    except StoreError as error:
        print(f"breakwater: {error.message.render(_)}", file=err)
        return EXIT_FAILURE
    except BadInput as error:
        print(f"breakwater: {error}", file=err)
        return EXIT_USAGE
    except CommandError as error:
        print(f"breakwater: {error}", file=err)
        return EXIT_FAILURE
    except AnsweredLate:
        print(_("Done by the running Breakwater app, which answered late."), file=out)
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


# What the command modules in desktop/commands/ import from here besides the EXIT_*
# statuses (open_window lives in desktop.cli_open, the rest in desktop.cli_remote).
__all__ = ["CommandError", "dispatch", "open_window", "with_store"]
