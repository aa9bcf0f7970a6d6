"""The first-run welcome is shown once: when it was is kept in the app_state table."""

from __future__ import annotations

import json

from desktop.service import Breakwater
from desktop.store.timestamps import to_iso

WELCOME_KEY = "welcome_shown_utc"


def welcome_due(app: Breakwater) -> bool:
    return app.store.get_state(WELCOME_KEY) is None


def mark_welcome_shown(app: Breakwater) -> None:
    app.store.put_state(WELCOME_KEY, json.dumps(to_iso(app.clock.now())))
