"""Opening the weekly check-in: answers are stored through the service, then the window
shows this week beside the eight before and, when it is high or rising, who to reach."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import _
from desktop.service import checkin, contacts
from desktop.store.errors import StoreError
from desktop.ui.checkin_window import CheckinWindow
from desktop.ui.windows import WindowContext


def build(ctx: WindowContext, params: Mapping[str, Any]) -> CheckinWindow:
    service = ctx.service
    window = CheckinWindow(already_this_week=checkin.checked_in_this_week(service))

    def submitted(answers: tuple[int | None, ...]) -> None:
        try:
            recorded = checkin.record(service, answers, "window")
            people = [contacts.short_line(c) for c in contacts.contacts(service)]
        except StoreError as error:
            ctx.report_error(error.message.render(_))
            return
        ctx.changed()
        window.show_result(recorded.trend, people)

    window.submitted.connect(submitted)
    window.open_contacts.connect(lambda: ctx.events.open_requested.emit("contacts"))
    return window
