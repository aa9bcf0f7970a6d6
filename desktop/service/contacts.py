"""People to reach: the list the user keeps, and how it is shown elsewhere."""

from __future__ import annotations

from typing import Any

from desktop.core.contacts import clean, problem
from desktop.core.text import N_
from desktop.i18n import _
from desktop.service import Breakwater, Handler
from desktop.store.contacts import Contact, ContactStore

# Shown wherever the list is empty.
INVITATION = N_("No one here yet. Add the people you can turn to after a hard call: your "
                "team lead, a peer, or your employee assistance programme.")
CARD_LIMIT = 2  # people named on the high-load card
# A person's line on the card and in the tray menu is cut here ("…"): a long link or note
# must not stretch the card beyond the screen; the window shows everything.
SHORT_LINE_CHARS = 60


def contacts(app: Breakwater) -> list[Contact]:
    return ContactStore(app.store).list()


def check(name: str, reach: str, note: str) -> None:
    """Raises ValueError (a sentence for the user) for an empty name or an overlong field."""
    found = problem(*clean(name, reach, note))
    if found is not None:
        raise ValueError(found.render(_))


def add(app: Breakwater, name: str, reach: str = "", note: str = "") -> Contact:
    """Raises ValueError (a sentence) for an empty name or an overlong field."""
    check(name, reach, note)
    return ContactStore(app.store).add(name, reach, note, app.clock.now())


def update(app: Breakwater, contact_id: int, name: str, reach: str, note: str) -> bool:
    check(name, reach, note)
    return ContactStore(app.store).update(contact_id, name, reach, note)


def remove(app: Breakwater, contact_id: int) -> bool:
    return ContactStore(app.store).remove(contact_id)


def line(contact: Contact) -> str:
    """"Ana, team lead, ext. 402": who, who they are to you, how to reach them."""
    return ", ".join(part for part in (contact.name, contact.note, contact.reach) if part)


def short_line(contact: Contact) -> str:
    """``line``, cut to SHORT_LINE_CHARS with "…" when longer."""
    text = line(contact)
    if len(text) <= SHORT_LINE_CHARS:
        return text
    return text[:SHORT_LINE_CHARS - 1].rstrip() + "…"


def card_lines(people: list[Contact]) -> list[str]:
    """For the high-load nudge card: "Talk to someone: Ana, team lead, ext. 402"."""
    lines = []
    for i, person in enumerate(people[:CARD_LIMIT]):
        template = _("Talk to someone: {who}") if i == 0 else _("or {who}")
        lines.append(template.format(who=short_line(person)))
    return lines


def as_dict(contact: Contact) -> dict[str, Any]:
    return {"id": contact.id, "name": contact.name, "reach": contact.reach,
            "note": contact.note}


def _list(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "contacts": [as_dict(c) for c in contacts(app)]}


def _text(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key) or ""
    if not isinstance(value, str):
        raise ValueError(_("invalid request"))
    return value


def _add(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    added = add(app, _text(payload, "name"), _text(payload, "reach"), _text(payload, "note"))
    return {"ok": True, "changed": True, "contact": as_dict(added)}


def _remove(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    contact_id = payload.get("id")
    if isinstance(contact_id, bool) or not isinstance(contact_id, int):
        raise ValueError(_("invalid request"))
    if not remove(app, contact_id):
        raise ValueError(_("There is no person number {id} on your list (see 'breakwater "
                           "contacts list').").format(id=contact_id))
    return {"ok": True, "changed": True}


REQUESTS: dict[str, Handler] = {"contacts.list": _list, "contacts.add": _add,
                                "contacts.remove": _remove}
