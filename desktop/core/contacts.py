"""People to reach, as plain rules: what an entry may hold, and which "how to reach them"
a click may open.

No Qt, no SQLite: the store, the window and the command line share these.
"""

from __future__ import annotations

import re

from desktop.core.text import N_, Message, clean_line, is_blank

# A person's name, how to reach them and a note are each one line; these bounds keep the
# high-load card and the tray menu readable and a pasted page out of them.
NAME_MAX_CHARS = 100
REACH_MAX_CHARS = 300
NOTE_MAX_CHARS = 200

# What a click on "how to reach" may hand to the desktop to open: calling and chat apps.
# Anything else (an extension, a handle, and every scheme that runs or reads something on
# this machine: file:, javascript:, data:, smb:, a program's own handler...) is copied.
OPENABLE_SCHEMES = frozenset({
    "tel", "callto", "sip", "sips", "mailto", "https", "http",
    "msteams", "slack", "skype", "zoommtg", "zoomus", "whatsapp", "tg", "xmpp", "im",
})
_LINK = re.compile(r"([a-z][a-z0-9+.-]*):\S+", re.IGNORECASE)


def clean(name: str, reach: str, note: str) -> tuple[str, str, str]:
    """The three fields as kept: one line each, no control characters."""
    return clean_line(name), clean_line(reach), clean_line(note)


def problem(name: str, reach: str, note: str) -> Message | None:
    """Why these (cleaned) fields cannot be kept, or None when they can."""
    if is_blank(name):
        return Message(N_("A person to reach needs a name."))
    for text, limit, template in (
            (name, NAME_MAX_CHARS, N_("A name can be at most {max} characters; this one has "
                                      "{n}.")),
            (reach, REACH_MAX_CHARS, N_("How to reach them can be at most {max} characters; "
                                        "this has {n}.")),
            (note, NOTE_MAX_CHARS, N_("A note can be at most {max} characters; this one has "
                                      "{n}."))):
        if len(text) > limit:
            return Message(template, {"n": len(text), "max": limit})
    return None


def openable_link(reach: str) -> str | None:
    """``reach`` when a click should open it (a link of a calling or chat scheme), else
    None: it is copied instead."""
    text = reach.strip()
    match = _LINK.fullmatch(text)
    if match is None or match.group(1).lower() not in OPENABLE_SCHEMES:
        return None
    return text
