"""Words the journal windows show for times, moods and hard calls, translated when shown
(nothing translated is kept at module level, so a change of language takes effect)."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.journal import MOOD_LABELS, PROMPT_TEXT, LinkCandidate
from desktop.core.model import Reason
from desktop.i18n import _


def _local(at: float, offset_seconds: int) -> datetime:
    return datetime.fromtimestamp(at + offset_seconds, UTC)


def when_text(at: float, offset_min: int, now: float, now_offset: int) -> str:
    """"Today 14:32", "Yesterday 09:05" or "2026-03-01 16:40", in the entry's local time."""
    moment = _local(at, offset_min * 60)
    day = (_local(now, now_offset).date() - moment.date()).days
    clock = moment.strftime("%H:%M")
    if day == 0:
        return _("Today {time}").format(time=clock)
    if day == 1:
        return _("Yesterday {time}").format(time=clock)
    return moment.strftime("%Y-%m-%d ") + clock


def mood_text(mood: int) -> str:
    return _("{n} · {label}").format(n=mood, label=_(MOOD_LABELS[mood]))


def prompt_text(key: str | None) -> str:
    return _(PROMPT_TEXT[key]) if key in PROMPT_TEXT else ""


def reason_text(reason: str | None) -> str:
    from desktop.ui.toast import REASON_LABELS

    try:
        return _(REASON_LABELS[Reason(reason)]) if reason else _("no reason given")
    except ValueError:
        return reason or ""


def link_text(call: LinkCandidate, now: float, now_offset: int) -> str:
    return _("{when} · {reason} · severity {n} of 3").format(
        when=when_text(call.at, call.offset_min, now, now_offset),
        reason=reason_text(call.reason), n=call.severity)
