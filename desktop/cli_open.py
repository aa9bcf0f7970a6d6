"""How a command opens a window: in the running tray app when there is one (so the same
window is brought forward rather than a second one started), else on its own.

Kept apart from ``desktop.cli`` (the parser and the commands that print) so neither file
grows past what one person reads at once; ``desktop.cli`` re-exports ``open_window`` for
the commands in desktop/commands/.
"""

from __future__ import annotations

from typing import Any, TextIO

from desktop.cli_remote import BadInput, CommandError, ask_app
from desktop.i18n import _


def open_window(name: str, params: dict[str, Any], out: TextIO) -> int:
    """Open window ``name`` in the running app, or on its own when none runs. Parameters
    the window refuses exit with status 2 either way (BadInput here; run_window_alone
    returns it), with the window's one sentence."""
    from desktop.cli import EXIT_OK

    reply = ask_app({"cmd": "open", "window": name, "params": params})
    if reply is not None:
        if not reply.get("ok"):
            raise (BadInput if reply.get("bad_input") else CommandError)(
                str(reply.get("error")))
        print(_("The window is open in the running Breakwater app."), file=out)
        return EXIT_OK
    from desktop.app import run_window_alone

    return run_window_alone(name, params)
