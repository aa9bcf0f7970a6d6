"""Words the journal windows show for times, moods, hard calls and entries, translated
when shown (nothing translated is kept at module level, so a change of language takes
effect)."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.core.journal import MOOD_LABELS, PROMPT_TEXT, Entry, LinkCandidate
from desktop.core.model import Reason
from desktop.i18n import _, ngettext

PREVIEW_CHARS = 90
SEARCH_SHOWN_CHARS = 40  # of the search words repeated above the results


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


def preview_text(entry: Entry, now: float, now_offset: int, unsaved: bool) -> str:
    """An entry in the list: when, its mood, whether an edit waits in a draft; then the
    start of its text on one line."""
    head = when_text(entry.created, entry.offset_min, now, now_offset)
    if entry.mood is not None:
        head += " · " + _("mood {mood}").format(mood=mood_text(entry.mood))
    if unsaved:
        head += " · " + _("unsaved changes")
    # The start only: splitting a 100,000-character entry whole, for each of 200 rows at
    # every key typed in the search box, made typing lag.
    first = " ".join(entry.text[:PREVIEW_CHARS * 4].split())
    if len(first) > PREVIEW_CHARS:
        first = first[:PREVIEW_CHARS].rstrip() + "…"
    return f"{head}\n{first}"


def about_text(entry: Entry, now: float, now_offset: int) -> str:
    """The line above an entry shown in full: when, mood, question, calls, last edit."""
    lines = [when_text(entry.created, entry.offset_min, now, now_offset)]
    if entry.mood is not None:
        lines.append(_("Mood: {mood}").format(mood=mood_text(entry.mood)))
    if entry.prompt:
        lines.append(_("Question: {prompt}").format(prompt=prompt_text(entry.prompt)))
    if entry.links:
        lines.append(ngettext("About {n} hard call", "About {n} hard calls",
                              len(entry.links)).format(n=len(entry.links)))
    if entry.updated is not None:
        lines.append(_("Edited {when}").format(
            when=when_text(entry.updated, now_offset // 60, now, now_offset)))
    return " · ".join(lines)


def count_text(total: int, words: str) -> str:
    words = " ".join(words.split())
    if len(words) > SEARCH_SHOWN_CHARS:  # a pasted paragraph must not widen the window
        words = words[:SEARCH_SHOWN_CHARS - 1].rstrip() + "…"
    if words:
        return ngettext("{n} entry contains “{words}”", "{n} entries contain “{words}”",
                        total).format(n=total, words=words)
    return ngettext("{n} entry", "{n} entries", total).format(n=total)


def nothing_text(words: str) -> str:
    """What the detail pane says when the list is empty."""
    return (_("Nothing matches. Try fewer or shorter words.") if words
            else _("No entries yet. Use “Write it down…” in the tray menu after a hard call."))
