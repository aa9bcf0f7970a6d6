"""``python -m tests.integration.open_window_driver NAME PARAMS_JSON``: what a
``breakwater`` command that opens a window does (``desktop.cli.open_window`` under
``desktop.cli.run_command``: the running app over the socket, else the window on its own;
the same exit statuses and one-line errors), for any window and any parameters, including
ones the command-line parser would never let through."""

from __future__ import annotations

import argparse
import json
import sys

from desktop import cli
from desktop.i18n import setup


def main() -> int:
    name, params = sys.argv[1], json.loads(sys.argv[2])
    setup("en")
    return cli.run_command(lambda _args, out, _err: cli.open_window(name, params, out),
                           argparse.Namespace(), sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
