"""`breakwater checkin`: the weekly check-in, in a window or straight from answers."""

from __future__ import annotations

import argparse
import re
from typing import Any, TextIO

from desktop.core import checkin
from desktop.core.checkin import AnswersError, Trend
from desktop.i18n import _


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "checkin", help=_("the weekly check-in: six questions about work with customers"),
        description=_("Open the weekly check-in (in the running tray app, or on its own when "
                      "none runs), or record one straight away with --answers."))
    parser.add_argument(
        "--answers", metavar="A,B,C,D,E,F",
        help=_("six answers, each 0 (to a very low degree / never) to 4 (to a very high "
               "degree / always), or - for a question left unanswered; e.g. 4,3,-,2,1,0"))
    # "-,3,2,1,0,4" starts with "-": argparse would take it for an option and say
    # "expected one argument". Let this parser read such words as values, as it reads "-5".
    parser._negative_number_matcher = re.compile(r"^-[0-9,\s-]*$")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from desktop.cli import EXIT_OK, EXIT_USAGE, dispatch, open_window

    if args.answers is None:
        return open_window("checkin", {}, out)
    try:
        answers = checkin.parse(args.answers)
    except AnswersError as error:
        print(_("breakwater checkin: {why}").format(why=error.message.render(_)), file=err)
        return EXIT_USAGE
    reply = dispatch({"cmd": "checkin.record", "answers": list(answers), "source": "cli"}, err)
    from desktop.service.checkin_text import notes, score_sentence

    trend = Trend.from_dict(reply["trend"])
    print(_("Check-in recorded."), file=out)
    print(score_sentence(trend), file=out)
    for line in notes(trend):
        print(line, file=out)
    if trend.point_to_support:
        print(_("People you can reach: breakwater contacts list"), file=out)
    return EXIT_OK
