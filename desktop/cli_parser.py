"""The ``breakwater`` parser's own words: an error in one line with exit status 2,
argparse's words (usage, options, its errors) in the user's language, and the closest
name offered for a mistyped command or choice.

Kept apart from ``desktop.cli`` (the commands) so neither grows past what one reads at once.
"""

from __future__ import annotations

import argparse
import difflib
from typing import Any, NoReturn

from desktop.core.text import N_
from desktop.i18n import _, ngettext

EXIT_USAGE = 2

# What argparse itself says to a user (Python 3.11-3.13 word it so), marked here so the
# catalogue carries them; argparse asks for them through its module's ``_``, pointed at
# ours by ``Parser``. A wording a later Python changes shows in English, never broken.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"), N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)


class Parser(argparse.ArgumentParser):
    """Errors in one clear line on stderr and exit status 2, in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Before argparse names its groups ("options") and the -h help, in __init__.
        setattr(argparse, "_", _)  # noqa: B010 - a module global, not an attribute we own
        setattr(argparse, "ngettext", ngettext)  # noqa: B010
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = _("try '{prog} --help'").format(prog=self.prog)
        self.exit(EXIT_USAGE, f"{self.prog}: {message} ({hint})\n")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A value outside the choices: the closest choice when one is near (a typo),
        rather than only the whole list."""
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        close = difflib.get_close_matches(str(value), names, n=1)
        if isinstance(action, argparse._SubParsersAction):
            text = (_("unknown command {name!r}; did you mean {close!r}?") if close else
                    _("unknown command {name!r}; the commands are: {names}"))
            raise argparse.ArgumentError(None, text.format(
                name=value, close=close[0] if close else "", names=", ".join(names)))
        if close:
            raise argparse.ArgumentError(action, _(
                "invalid choice: {value!r}; did you mean {close!r}?").format(
                value=value, close=close[0]))
        super()._check_value(action, value)
