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
from typing import Any, NoReturn, TextIO

from desktop import __version__, cli_desktop, ipc
from desktop.core.breathing import PATTERNS, SESSION_MINUTES
from desktop.core.model import Kind, Reason
from desktop.core.settings import OPTIONS, SettingError
from desktop.i18n import _, ngettext, setup
from desktop.paths import database_path, socket_path
from desktop.store.errors import StoreError
from desktop.wording import counts_text

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

# Commands of later features, one module each under desktop/commands/: each has
# ``register(commands)``, which adds its sub-parser(s) with ``set_defaults(run=FUNCTION)``;
# FUNCTION(args, out, err) returns the exit status. Helpers for them are at the end.
FEATURE_COMMANDS: tuple[str, ...] = ("checkin", "contacts", "phrases")


class _Parser(argparse.ArgumentParser):
    """Errors in one clear line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        hint = _("try '{prog} --help'").format(prog=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message} ({hint})\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="breakwater",
        description=_("Tag difficult interactions, watch your load, recover in time. "
                      "Without a command, starts the tray app."),
    )
    parser.add_argument("--version", action="version", version=f"breakwater {__version__}")
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
    difficult.add_argument("--note", metavar="TEXT", help=_("a short private note"))
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

    settings = commands.add_parser(
        "settings", help=_("open the settings window, or list, show or change settings"),
        description=_("Without an action, opens the settings window (in the running tray "
                      "app, or on its own). Otherwise lists, shows or changes settings."))
    settings.add_argument("action", nargs="?", choices=("list", "get", "set", "reset"))
    settings.add_argument("key", nargs="?")
    settings.add_argument("value", nargs="?")

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
                      "source": calls.get("source") or None}}


def _level_name(level: str) -> str:
    return {"calm": _("calm"), "building": _("building"), "high": _("high")}.get(level, level)


def _status_line(status: dict[str, Any]) -> str:
    running = _("running") if status["running"] else _("not running")
    return _("Load {load:.1f} ({level}) · streak {streak} · today: {counts} · "
             "tray app {running}").format(
        load=status["load"], level=_level_name(status["level"]), streak=status["streak"],
        counts=counts_text(status["today"]["difficult"], status["today"]["ordinary"]),
        running=running)


class _Direct:
    """Runs commands against the database when no tray app is running."""

    def __init__(self, err: TextIO) -> None:
        from desktop.platform.clock import SystemClock
        from desktop.service import Breakwater
        from desktop.store.db import open_database
        from desktop.store.repository import Store

        opened = open_database(database_path())
        for warning in opened.warnings:
            print(_("breakwater: warning: {text}").format(text=warning.render(_)), file=err)
        self.store = Store(opened.conn, opened.path)
        self.app = Breakwater.open(self.store, SystemClock())
        for warning in self.app.warnings:
            print(_("breakwater: warning: {text}").format(text=warning.render(_)), file=err)

    def handle(self, payload: dict[str, Any]) -> dict[str, Any]:
        from desktop.service import handle_request

        return handle_request(self.app, payload)


class CommandError(Exception):
    """A command failed; the message is a finished, translated sentence."""


def _dispatch_or_none(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The running app's reply, or None when no app runs."""
    try:
        return ipc.request(socket_path(), payload)
    except ipc.IpcError as error:
        raise CommandError(_("The running Breakwater app did not answer ({detail}). "
                            "The command may not have been carried out.").format(
            detail=error)) from None


def _dispatch(payload: dict[str, Any], err: TextIO) -> dict[str, Any]:
    reply = _dispatch_or_none(payload)
    running = reply is not None
    if reply is None:
        direct = _Direct(err)
        try:
            reply = direct.handle(payload)
        finally:
            direct.store.close()
    if not reply.get("ok"):
        raise CommandError(str(reply.get("error")))
    reply["running"] = running
    return reply


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
    reply = _dispatch(payload, err)
    _print_tag(reply, out)
    return EXIT_OK


def _cmd_undo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reply = _dispatch({"cmd": "undo"}, err)
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
    reply = _dispatch({"cmd": "status"}, err)
    status = _status_dict(reply["status"], reply["running"], reply.get("calls"))
    if args.json:
        json.dump(status, out)
        out.write("\n")
    else:
        print(_status_line(status), file=out)
        if status["in_call"]:
            print(_("A call is live: nudges and notifications wait until it ends."), file=out)
    return EXIT_OK


def _with_store(action: Callable[[Any], int], err: TextIO) -> int:
    direct = _Direct(err)
    try:
        return action(direct)
    finally:
        direct.store.close()


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.store import export

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def run(direct: _Direct) -> int:
        if args.format == "json":
            if args.out is None:
                export.export_json(direct.store, out, stamp)
            else:
                export.export_json_file(direct.store, args.out, stamp)
                print(_("Exported to {path}").format(path=args.out), file=err)
        elif args.out is None:
            export.export_csv_stream(direct.store, out)
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
        return _with_store(run, err)
    except OSError as error:
        print(_("breakwater: cannot write the export: {detail}").format(
            detail=error.strerror or error), file=err)
        return EXIT_FAILURE


def _cmd_settings(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.action is None:
        return open_window("settings", {}, out)
    if args.action in ("get", "set", "reset") and not args.key:
        print(_("breakwater settings: {action} needs a KEY (see 'breakwater settings list')")
              .format(action=args.action), file=err)
        return EXIT_USAGE
    if args.action == "set" and args.value is None:
        print(_("breakwater settings: set needs a KEY and a VALUE"), file=err)
        return EXIT_USAGE

    def run(direct: _Direct) -> int:
        app = direct.app
        if args.action == "list":
            for option in OPTIONS:
                print(f"{option.key} = {json.dumps(app.settings[option.key])}"
                      f"    # {_(option.doc)}", file=out)
        elif args.action == "get":
            print(json.dumps(app.settings[args.key]), file=out)
        elif args.action == "set":
            value = app.set_setting(args.key, args.value)
            print(f"{args.key} = {json.dumps(value)}", file=out)
        else:
            app.reset_setting(args.key)
            print(f"{args.key} = {json.dumps(app.settings[args.key])}", file=out)
        if args.action in ("set", "reset"):
            ipc.request(socket_path(), {"cmd": "reload"})
        return EXIT_OK

    try:
        return _with_store(run, err)
    except SettingError as error:
        print(_("breakwater settings: {key}: {why}").format(
            key=error.key, why=error.message.render(_)), file=err)
        return EXIT_USAGE


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

    def run(direct: _Direct) -> int:
        direct.store.delete_everything()
        ipc.request(socket_path(), {"cmd": "reload"})
        print(_("All Breakwater data was erased."), file=out)
        return EXIT_OK

    return _with_store(run, err)


def open_window(name: str, params: dict[str, Any], out: TextIO) -> int:
    """Open window ``name`` in the running app, or on its own when none runs."""
    reply = _dispatch_or_none({"cmd": "open", "window": name, "params": params})
    if reply is not None:
        if not reply.get("ok"):
            raise CommandError(str(reply.get("error")))
        print(_("The window is open in the running Breakwater app."), file=out)
        return EXIT_OK
    from desktop.app import run_window_alone

    return run_window_alone(name, params)


def _cmd_breathe(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return open_window("breathe", {"pattern": args.pattern, "minutes": args.minutes}, out)


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "breathe": _cmd_breathe,
    "tag": _cmd_tag,
    "undo": _cmd_undo,
    "status": _cmd_status,
    "export": _cmd_export,
    "settings": _cmd_settings,
    "delete-everything": _cmd_delete,
    **cli_desktop.COMMANDS,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from desktop.store.peek import stored_language

    setup(stored_language(database_path()))  # the language chosen in Breakwater, else LANG
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop.app import run_app

        return run_app()
    try:
        run = getattr(args, "run", None) or COMMANDS[args.command]
        return int(run(args, out, err))
    except StoreError as error:
        print(f"breakwater: {error.message.render(_)}", file=err)
        return EXIT_FAILURE
    except CommandError as error:
        print(f"breakwater: {error}", file=err)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130


# For the command modules in desktop/commands/.
dispatch = _dispatch
dispatch_or_none = _dispatch_or_none
with_store = _with_store
