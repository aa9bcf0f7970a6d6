"""`breakwater contacts [list|add|remove]`: the people the user can reach; alone, the
window that lists and edits them (in the running tray app, or on its own)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from desktop.core.contacts import clean, problem
from desktop.i18n import _
from desktop.terminal import shown


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "contacts", help=_("open the people to reach, or list, add or remove them"),
        description=_("The people and services you can turn to after a hard call: your "
                      "team lead, a peer, your employee assistance programme. Without an "
                      "action, opens the window that lists them (in the running tray app, "
                      "or on its own)."))
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help=_("show your list"), description=_("Show your list."))
    add = actions.add_parser("add", help=_("add someone"), description=_("Add someone."))
    add.add_argument("name", help=_("their name, e.g. Ana"))
    add.add_argument("--reach", default="",
                     help=_("how to reach them: a phone number, an extension, a chat handle "
                            "or a link"))
    add.add_argument("--note", default="", help=_("who they are to you, e.g. team lead"))
    remove = actions.add_parser("remove", help=_("remove someone by number"),
                                description=_("Remove someone, by the number 'list' shows."))
    remove.add_argument("number", type=int)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_OK, EXIT_USAGE, dispatch, open_window
    from desktop.service.contacts import INVITATION

    if args.action is None:
        return open_window("contacts", {}, out)
    if args.action == "list":
        people = dispatch({"cmd": "contacts.list"}, err)["contacts"]
        if not people:
            print(_(INVITATION), file=out)
        for person in people:
            fields = [person["name"], person["note"], person["reach"]]
            print(f"{person['id']:>3}  " + shown(" · ".join(f for f in fields if f)), file=out)
        return EXIT_OK
    if args.action == "add":
        found = problem(*clean(args.name, args.reach, args.note))
        if found is not None:
            print(_("breakwater contacts: {problem}").format(problem=found.render(_)),
                  file=err)
            return EXIT_USAGE
        reply = dispatch({"cmd": "contacts.add", "name": args.name, "reach": args.reach,
                          "note": args.note}, err)
        print(_("Added {name} as number {id}.").format(name=shown(reply["contact"]["name"]),
                                                       id=reply["contact"]["id"]), file=out)
        return EXIT_OK
    people = dispatch({"cmd": "contacts.list"}, err)["contacts"]
    if all(person["id"] != args.number for person in people):
        print(_("breakwater contacts: there is no number {id} on your list (see "
                "'breakwater contacts list')").format(id=args.number), file=err)
        return EXIT_USAGE
    dispatch({"cmd": "contacts.remove", "id": args.number}, err)
    print(_("Removed number {id}.").format(id=args.number), file=out)
    return EXIT_OK
