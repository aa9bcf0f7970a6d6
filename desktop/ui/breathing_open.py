"""Opening the guided breathing window: the plan asked for (settings fill the rest), the
desktop's reduce-motion preference, the shipped cue when sound is on, and a recorder that
stores the session as recovery."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.platform.motion import prefers_reduced_motion
from desktop.resources import resource_path
from desktop.ui.breathing_record import SessionRecorder
from desktop.ui.breathing_window import BreathingWindow, build_window
from desktop.ui.sound import make_cue
from desktop.ui.windows import WindowContext


def build(ctx: WindowContext, params: Mapping[str, Any]) -> BreathingWindow:
    """``params``: pattern, minutes (None: the settings'), nudge_id (the nudge accepted)."""
    service = ctx.service
    minutes = params.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
        raise ValueError(f"minutes: {minutes!r}")
    chosen = service.breathing_plan(params.get("pattern"), minutes)
    window = build_window(chosen, service.settings, service.clock.monotonic,
                          platform_reduced_motion=prefers_reduced_motion(),
                          cue_factory=lambda: make_cue(resource_path("sounds", "phase.wav")),
                          planner=service.breathing_plan)
    nudge_id = params.get("nudge_id")
    recorder = SessionRecorder(service, window, nudge_id if isinstance(nudge_id, int) else None,
                               on_error=ctx.report_error, on_saved=ctx.changed)
    # Kept by the window: a signal connection alone does not keep the recorder alive.
    window.setProperty("_recorder", recorder)
    return window
