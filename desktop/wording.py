"""Sentences with counts that several surfaces share (tray tooltip, status window, the
command line). Every count goes through plural forms: Spanish says "1 difícil" but
"2 difíciles", and Chinese has one form for all."""

from __future__ import annotations

from desktop.i18n import _, ngettext


def counts_text(difficult: int, ordinary: int) -> str:
    """"5 difficult, 12 ordinary"."""
    return _("{difficult}, {ordinary}").format(
        difficult=ngettext("{n} difficult", "{n} difficult", difficult).format(n=difficult),
        ordinary=ngettext("{n} ordinary", "{n} ordinary", ordinary).format(n=ordinary))


def today_text(difficult: int, ordinary: int) -> str:
    """"Today: 5 difficult, 12 ordinary"."""
    return _("Today: {counts}").format(counts=counts_text(difficult, ordinary))
