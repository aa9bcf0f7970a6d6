"""Opening the guided breathing window: the plan asked for (settings fill the rest), the
desktop's reduce-motion preference, the shipped cue when sound is on, and a recorder that
stores the session as recovery."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.core.breathing import PATTERNS, SESSION_MINUTES
from desktop.i18n import _
from desktop.platform.motion import prefers_reduced_motion
from desktop.resources import resource_path
from desktop.ui.breathing_record import SessionRecorder
from desktop.ui.breathing_window import BreathingWindow, build_window
from desktop.ui.sound import make_cue
from desktop.ui.windows import WindowContext, nudge_param


def check(ctx: WindowContext, params: Mapping[str, Any]) -> None:
    pattern, minutes = params.get("pattern"), params.get("minutes")
    if pattern is not None and pattern not in PATTERNS:
        raise ValueError(_("There is no breathing pattern called {name!r}; there are: "
                           "{patterns}.").format(name=pattern, patterns=", ".join(PATTERNS)))
    if minutes is not None and (isinstance(minutes, bool) or minutes not in SESSION_MINUTES):
        raise ValueError(_("A breathing session lasts 1, 3 or 5 minutes, not {minutes!r}.")
                         .format(minutes=minutes))
    nudge_param(params)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> BreathingWindow:
    """``params``: pattern, minutes (None: the settings'), nudge_id (the nudge accepted)."""
    service = ctx.service
    check(ctx, params)
    chosen = service.breathing_plan(params.get("pattern"), params.get("minutes"))
    window = build_window(chosen, service.settings, service.clock.monotonic,
                          platform_reduced_motion=prefers_reduced_motion(),
                          cue_factory=lambda: make_cue(resource_path("sounds", "phase.wav")),
                          planner=service.breathing_plan)
    recorder = SessionRecorder(service, window, nudge_param(params),
                               on_error=ctx.report_error, on_saved=ctx.changed)
    # Kept by the window: a signal connection alone does not keep the recorder alive.
    window.setProperty("_recorder", recorder)
    return window
