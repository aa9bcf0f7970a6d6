"""Phrase cards: short words for hard moments on a call or in a chat, one click to copy.

The defaults are our own words, marked with ``N_`` so they follow the user's language;
each language's catalogue writes them natively rather than word for word. A default has a
stable key, so the user can hide it or replace it with their own wording (kept in the
database) and that choice survives a change of language.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.text import N_, Message, clean_lines, is_blank

# Groups in the order shown: (key, title).
GROUPS: tuple[tuple[str, str], ...] = (
    ("calm", N_("Calming an upset customer")),
    ("limit", N_("Setting a limit with an abusive customer")),
    ("redirect", N_("Redirecting the conversation")),
    ("handover", N_("Handing over to a supervisor")),
    ("end", N_("Ending a call that has become abusive")),
)
GROUP_KEYS = tuple(key for key, _title in GROUPS)

# After a difficult tag with one of these reasons, the toast offers the phrases, opened
# at the group that fits.
GROUP_FOR_REASON = {"abusive": "limit", "boundary": "redirect"}


@dataclass(frozen=True)
class DefaultPhrase:
    key: str  # stable: "<group>-<n>"
    group: str
    text: str  # N_ marked; translate when shown


def _defaults(group: str, *texts: str) -> tuple[DefaultPhrase, ...]:
    return tuple(DefaultPhrase(f"{group}-{n}", group, text) for n, text in enumerate(texts, 1))


DEFAULTS: tuple[DefaultPhrase, ...] = (
    *_defaults(
        "calm",
        N_("I can hear how frustrating this has been. Let's sort it out together."),
        N_("Thank you for explaining it so clearly. Here is what I can do right now."),
        N_("You're right to expect better. Let me see what I can fix today."),
        N_("Take your time. I'm here and I'm listening."),
    ),
    *_defaults(
        "limit",
        N_("I want to help you, and I can do that when we speak to each other with respect."),
        N_("I can't continue if the language stays like this. Can we get back to the "
           "problem?"),
        N_("Please don't speak to me like that. I'm here to solve this with you."),
        N_("I understand you're angry. Insults won't get this fixed any faster."),
    ),
    *_defaults(
        "redirect",
        N_("Let's come back to the part I can change for you today."),
        N_("That isn't something I can handle on this line, but I can help with your "
           "account."),
        N_("So I can help you quickly, could you give me your reference number?"),
        N_("I'd rather keep personal matters out of this. Let's focus on your request."),
    ),
    *_defaults(
        "handover",
        N_("I'd like a supervisor to look at this with you. May I put you on a short hold?"),
        N_("This needs someone who can decide more than I can. I'll pass on everything, so "
           "you won't have to repeat it."),
        N_("I'm transferring you to my supervisor now. They already have the details, so you "
           "won't have to start again."),
    ),
    *_defaults(
        "end",
        N_("I asked for respectful language and it hasn't changed, so I'm going to end this "
           "call now."),
        N_("I'm ending the call now. You're welcome to contact us again when you're ready to "
           "talk calmly."),
        N_("I won't continue this conversation while I'm being insulted. Goodbye."),
        N_("This call is ending because of abusive language. Your case stays open under the "
           "same reference."),
    ),
)
DEFAULTS_BY_KEY = {p.key: p for p in DEFAULTS}

# A phrase is a sentence or two to paste or read out; this bound keeps a pasted page out of
# the list (and out of the clipboard line that shows what was copied).
PHRASE_MAX_CHARS = 600


def clean_phrase(text: str) -> str:
    """A phrase as kept: its lines, without control characters or surrounding space."""
    return clean_lines(text).strip()


def phrase_problem(text: str) -> Message | None:
    """Why a (cleaned) phrase cannot be kept, or None when it can."""
    if is_blank(text):
        return Message(N_("A phrase cannot be empty."))
    if len(text) > PHRASE_MAX_CHARS:
        return Message(N_("A phrase can be at most {max} characters; this one has {n}."),
                       {"max": PHRASE_MAX_CHARS, "n": len(text)})
    return None
