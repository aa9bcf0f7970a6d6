"""Opening the settings window (`breakwater settings`, the tray menu's "Settings…")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.i18n import _
from desktop.ui.settings_window import SettingsWindow, pages
from desktop.ui.windows import WindowContext


def _page(params: Mapping[str, Any]) -> str | None:
    page = params.get("page")
    groups = [group for group, _title, _options in pages()]
    if page is not None and page not in groups:
        raise ValueError(_("There is no settings page called {page!r}; there are: {pages}.")
                         .format(page=page, pages=", ".join(groups)))
    return page


def check(ctx: WindowContext, params: Mapping[str, Any]) -> None:
    _page(params)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> SettingsWindow:
    """``params``: page (a group of desktop/core/settings.py GROUPS) to show first."""
    return SettingsWindow(ctx, _page(params))


def reopen(ctx: WindowContext, window: SettingsWindow, params: Mapping[str, Any]) -> None:
    page = _page(params)
    if page is not None:
        window.show_page(page)
