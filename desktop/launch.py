"""The `breakwater` command's entry point.

Plain `breakwater` starts the tray app without building the argument parser (and
importing the command modules it needs), which brings the tray icon up ~30 ms sooner;
anything else goes to the command line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:
        from desktop.i18n import setup
        from desktop.paths import database_path
        from desktop.store.peek import stored_language

        # The chosen language from the first word ("starting…", "already running").
        setup(stored_language(database_path()))
        from desktop.app import run_app

        return run_app()
    from desktop.cli import main as cli_main

    return cli_main(args)
