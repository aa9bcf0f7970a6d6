"""What a nudge says, apart from the card that shows it (``nudge_card``)."""

from __future__ import annotations

from desktop.core.load import Snapshot
from desktop.core.nudge import NudgeKind
from desktop.i18n import _, ngettext


def nudge_text(kind: NudgeKind, snap: Snapshot, break_minutes: int = 5) -> tuple[str, str]:
    """(title, body) for a nudge, in the user's language; a break offer offers
    ``break_minutes`` (the ``breaks.minutes`` setting)."""
    if kind is NudgeKind.BREATHE:
        if snap.streak >= 3:
            title = ngettext("{n} hard call in a row.", "{n} hard calls in a row.",
                             snap.streak).format(n=snap.streak)
        else:
            title = _("Load is building.")
        return title, _("One minute of breathing?")
    if kind is NudgeKind.BREAK:
        return _("Load is high."), ngettext(
            "A {n}-minute break away from the screen?",
            "A {n}-minute break away from the screen?", break_minutes).format(n=break_minutes)
    return _("That was a hard stretch."), _("A few lines in your journal?")


def primary_label(kind: NudgeKind) -> str:
    return {NudgeKind.BREATHE: _("Breathe now"), NudgeKind.BREAK: _("Take a break"),
            NudgeKind.JOURNAL: _("Write")}[kind]
