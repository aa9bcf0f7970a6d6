"""The commands that fit Breakwater into the desktop: a menu entry and start at login.

Kept apart from ``desktop.cli`` (which only registers them) so neither file grows past
what one person reads at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TextIO

from desktop.i18n import _, ngettext

EXIT_OK, EXIT_FAILURE = 0, 1


def add_parsers(commands: Any) -> None:
    entry = commands.add_parser(
        "install-desktop-entry", help=_("add Breakwater to the applications menu"),
        description=_("Put Breakwater's menu entry and icons under $XDG_DATA_HOME "
                      "(~/.local/share), set to start this installation of breakwater."))
    entry.add_argument("--remove", action="store_true",
                       help=_("take the menu entry and icons away again"))
    autostart = commands.add_parser(
        "autostart", help=_("start Breakwater when you log in: on, off or status"),
        description=_("Start Breakwater when you log in (on), stop doing so (off), or show "
                      "whether it does (status, the default)."))
    autostart.add_argument("action", nargs="?", default="status", choices=("on", "off", "status"))


def _cmd_desktop_entry(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.platform import desktop_entry
    from desktop.platform.launcher import desktop_exec, launch_command

    if sys.platform in ("win32", "darwin"):
        print(_("breakwater: menu entries are for Linux desktops; on this system, start "
                "Breakwater from where it was installed."), file=err)
        return EXIT_FAILURE
    home = desktop_entry.data_home()
    try:
        if args.remove:
            removed = desktop_entry.remove(home)
            print(ngettext("Removed {n} file from {folder}.", "Removed {n} files from {folder}.",
                           len(removed)).format(n=len(removed), folder=home), file=out)
            return EXIT_OK
        command = launch_command()
        written = desktop_entry.install(command, home)
    except OSError as error:
        print(_("breakwater: cannot change the menu entry: {detail}").format(
            detail=f"{error.strerror or error} ({error.filename})" if error.filename
            else error), file=err)
        return EXIT_FAILURE
    print(_("Added Breakwater to the applications menu: {path}").format(path=written[-1]),
          file=out)
    print(_("It starts: {command}").format(command=desktop_exec(command)), file=out)
    return EXIT_OK


def _cmd_autostart(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.platform.autostart import create_autostart

    autostart = create_autostart()
    if not autostart.available:
        print(_("breakwater: starting at login is not possible here: {why}").format(
            why=autostart.where), file=err)
        return EXIT_FAILURE
    if args.action != "status":
        try:
            autostart.set_enabled(args.action == "on")
        except OSError as error:
            print(f"breakwater: {error}", file=err)
            return EXIT_FAILURE
    if autostart.enabled():
        print(_("Breakwater starts when you log in ({where}).").format(where=autostart.where),
              file=out)
    else:
        print(_("Breakwater does not start when you log in."), file=out)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "install-desktop-entry": _cmd_desktop_entry,
    "autostart": _cmd_autostart,
}
