"""`breakwater settings [list|get|set|reset]`: the settings window, or the settings
themselves from a terminal (the keys come from desktop/core/settings.py OPTIONS)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from desktop.cli_remote import Direct, tell_app_to_reload, with_store
from desktop.core.settings import OPTIONS, SettingError
from desktop.i18n import _


def register(commands: Any) -> None:
    settings = commands.add_parser(
        "settings", help=_("open the settings window, or list, show or change settings"),
        description=_("Without an action, opens the settings window (in the running tray "
                      "app, or on its own). Otherwise lists, shows or changes settings."))
    actions = settings.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help=_("every setting, its value and what it does"))
    get = actions.add_parser("get", help=_("show one setting's value"))
    get.add_argument("key", metavar="KEY")
    put = actions.add_parser("set", help=_("change a setting"))
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE")
    reset = actions.add_parser("reset", help=_("put a setting back to its default"))
    reset.add_argument("key", metavar="KEY")
    settings.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_OK, EXIT_USAGE, open_window

    if args.action is None:
        return open_window("settings", {}, out)
    action = args.action

    def shown(value: object) -> str:  # as JSON, in the text's own letters (not \u00e9)
        return json.dumps(value, ensure_ascii=False)

    def run(direct: Direct) -> int:
        app = direct.app
        if action == "list":
            for option in OPTIONS:
                print(f"{option.key} = {shown(app.settings[option.key])}"
                      f"    # {_(option.doc)}", file=out)
        elif action == "get":
            print(shown(app.settings[args.key]), file=out)
        elif action == "set":
            value = app.set_setting(args.key, args.value)
            print(f"{args.key} = {shown(value)}", file=out)
        else:
            app.reset_setting(args.key)
            print(f"{args.key} = {shown(app.settings[args.key])}", file=out)
        if action in ("set", "reset"):
            tell_app_to_reload(err)
            from desktop.core.weekly import offer_note

            # Said when the change concerns it: the check-in outside working hours.
            note = offer_note(app.settings) if args.key.startswith("checkin.") or args.key in (
                "nudges.working_hours", "nudges.quiet_hours") else None
            if note is not None:
                print(_("breakwater settings: note: {text}").format(text=note.render(_)),
                      file=err)
        return EXIT_OK

    try:
        return with_store(run, err, read_only_ok=action in ("list", "get"))
    except SettingError as error:
        print(_("breakwater settings: {key}: {why}").format(
            key=error.key, why=error.message.render(_)), file=err)
        return EXIT_USAGE
