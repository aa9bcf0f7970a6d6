"""The command that starts this same Breakwater again, for menu entries and autostart.

A pip user's ``breakwater`` lives in a venv or ``~/.local/bin`` that a desktop session's
PATH may not include, so entries name the running program by its absolute path.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

PROGRAM = "breakwater"


def launch_command(argv0: str | None = None, executable: str | None = None,
                   frozen: bool | None = None) -> list[str]:
    """Frozen bundle: its executable. The ``breakwater`` script: its absolute path.
    ``python -m desktop``: the same interpreter with ``-m desktop``."""
    executable = sys.executable if executable is None else executable
    if getattr(sys, "frozen", False) if frozen is None else frozen:
        return [os.path.abspath(executable)]
    argv0 = sys.argv[0] if argv0 is None else argv0
    if Path(argv0).stem == PROGRAM:
        if os.sep not in argv0 and not (os.altsep and os.altsep in argv0):
            argv0 = shutil.which(argv0) or argv0  # run by name from PATH
        return [os.path.abspath(argv0)]
    return [os.path.abspath(executable), "-m", "desktop"]


_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')


def desktop_exec(command: list[str]) -> str:
    """``command`` as a desktop entry's ``Exec=`` value (Desktop Entry Specification,
    "The Exec key"): arguments with reserved characters are double-quoted with ``"`$\\``
    escaped inside; ``%`` is doubled; then the string-value escape doubles backslashes."""
    words = []
    for arg in command:
        if arg == "" or any(c in _RESERVED for c in arg):
            inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{inner}"'
        words.append(arg.replace("%", "%%"))
    return " ".join(words).replace("\\", "\\\\")
