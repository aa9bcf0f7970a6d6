"""What the check-in result says, for the window and the command line alike.

It reflects the numbers back in plain words and never diagnoses: "Your answers this week
average 58 out of 100, higher than your last 4 weeks." — never "you are burnt out".
"""

from __future__ import annotations

from desktop.core.checkin import MIN_ANSWERED, Direction, Trend, shown
from desktop.i18n import _, ngettext


def score_sentence(trend: Trend) -> str:
    if trend.score is None:
        return ngettext(
            "You answered {n} question. A score needs at least {min} answers; what you "
            "answered is kept.",
            "You answered {n} questions. A score needs at least {min} answers; what you "
            "answered is kept.", trend.answered).format(n=trend.answered, min=MIN_ANSWERED)
    score, n = shown(trend.score), trend.compared
    if trend.direction is Direction.FIRST:
        return _("Your answers this week average {score} out of 100. Next week's check-in "
                 "will show how this moves.").format(score=score)
    template = {
        Direction.HIGHER: ngettext(
            "Your answers this week average {score} out of 100, higher than last week.",
            "Your answers this week average {score} out of 100, higher than your last "
            "{n} weeks.", n),
        Direction.LOWER: ngettext(
            "Your answers this week average {score} out of 100, lower than last week.",
            "Your answers this week average {score} out of 100, lower than your last "
            "{n} weeks.", n),
        Direction.SIMILAR: ngettext(
            "Your answers this week average {score} out of 100, about the same as last week.",
            "Your answers this week average {score} out of 100, about the same as your last "
            "{n} weeks.", n),
        Direction.A_BIT_HIGHER: ngettext(
            "Your answers this week average {score} out of 100, a little above last week.",
            "Your answers this week average {score} out of 100, a little above the average "
            "of your last {n} weeks.", n),
        Direction.A_BIT_LOWER: ngettext(
            "Your answers this week average {score} out of 100, a little below last week.",
            "Your answers this week average {score} out of 100, a little below the average "
            "of your last {n} weeks.", n),
    }[trend.direction]
    return template.format(score=score, n=n)


def notes(trend: Trend) -> list[str]:
    """What else is worth saying: a high score, a rise three weeks running."""
    lines = []
    if trend.rising:
        lines.append(_("Your answers have gone up three weeks in a row."))
    if trend.high:
        lines.append(_("Many people read 50 or more as high. It can help to talk to "
                       "someone you trust about how work with customers feels."))
    elif trend.rising:
        lines.append(_("It can help to talk to someone you trust before it builds further."))
    return lines


def not_a_diagnosis() -> str:
    return _("These questions come from the Copenhagen Burnout Inventory. They show how "
             "work with customers has felt; they are not a diagnosis.")
