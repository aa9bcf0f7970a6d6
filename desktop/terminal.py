"""Talking to a terminal that may not be able to show what we have to say.

- Arguments that are not valid UTF-8 (Python keeps them as lone surrogates) are refused
  before anything is done: they could not be stored, and could not be shown back.
- When the terminal's encoding cannot show the chosen language (a Latin-1 or ASCII
  terminal with Chinese selected), the command answers in English and says why, once.
- Whatever still cannot be encoded (an ASCII terminal and a "·") is printed with a
  plain stand-in ("-", "...", or "?") rather than raising after a tag was committed.
- What people wrote (journal entries, names) is shown with control characters made
  visible ("\x1b" as "^["), so stored text can never move the cursor, recolour, retitle
  or ring the terminal (``shown``).
- A reader that stops early (``breakwater export ... | head -1``) ends the command
  quietly with exit status 141, as a program killed by SIGPIPE would.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from typing import TextIO

ERRORS = "breakwater-stand-in"
_STAND_INS = {"·": "-", "…": "...", "–": "-", "—": "-", "‘": "'", "’": "'", "“": '"',
              "”": '"', "×": "x", "→": "->", "≥": ">=", "≤": "<=", "\u00a0": " "}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    return "".join(_STAND_INS.get(ch, "?") for ch in bad), error.end


codecs.register_error(ERRORS, _stand_in)


def shown(text: str) -> str:
    """``text`` safe to print: each control character but tab and line feed in caret
    notation ("^[", "^@", "^?"), C1 controls as "\\x9b"."""
    return _CONTROL.sub(_caret, text)


def _caret(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"\\x{code:02x}"


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def tolerate_unencodable(*streams: TextIO) -> None:
    """Never raise UnicodeEncodeError when printing to these streams."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=ERRORS)


def undecodable_argument(args: Sequence[str]) -> int | None:
    """The 1-based position of the first argument that is not valid UTF-8 text."""
    for i, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return i
    return None


def can_show(samples: Sequence[str], *streams: TextIO) -> str | None:
    """None when every stream can encode every sample; else the encoding that cannot."""
    for stream in streams:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            for text in samples:
                text.encode(encoding)
        except UnicodeEncodeError:
            return str(encoding)
        except LookupError:
            continue
    return None


def silence_stdout() -> None:
    """After the reader of our output went away: send what is left nowhere, so that
    Python's final flush does not complain on the way out."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
