"""Opening the list of people to reach: reads and writes through the service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import _
from desktop.service import contacts
from desktop.store.errors import StoreError
from desktop.ui.contacts_window import ContactsWindow
from desktop.ui.windows import WindowContext


def build(ctx: WindowContext, params: Mapping[str, Any]) -> ContactsWindow:
    service = ctx.service
    window = ContactsWindow()
    window.show_people(contacts.contacts(service))

    def save(contact_id: int | None, name: str, reach: str, note: str) -> None:
        try:
            if contact_id is None:
                contact_id = contacts.add(service, name, reach, note).id
                said = _("Added {name}.").format(name=name.strip())
            else:
                contacts.update(service, contact_id, name, reach, note)
                said = _("Saved.")
            window.show_people(contacts.contacts(service), select=contact_id)
        except ValueError as error:
            window.say(str(error))
            return
        except StoreError as error:
            ctx.report_error(error.message.render(_))
            return
        window.say(said)
        ctx.changed()

    def remove(contact_id: int) -> None:
        try:
            contacts.remove(service, contact_id)
            window.show_people(contacts.contacts(service))
        except StoreError as error:
            ctx.report_error(error.message.render(_))
            return
        window.say(_("Removed."))
        ctx.changed()

    window.save_requested.connect(save)
    window.remove_requested.connect(remove)
    return window
