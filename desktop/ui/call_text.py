"""What the app says about calls: watched or not (and why not), and while a call is live,
that messages wait. It never claims to watch when no source works.

``detection_off`` is the one sentence for "calls are not watched, and why": the tray
tooltip, the tray menu, the status window, the settings window's Calls page and
`breakwater status` all show this text, so the user meets the same words everywhere."""

from __future__ import annotations

from desktop.i18n import _, ngettext
from desktop.platform.calls import NO_SOUND_SERVER, CallState

SOURCE_NAMES = {"pulseaudio": "PulseAudio", "pipewire": "PipeWire", "windows": "Windows",
                "coreaudio": "Core Audio"}


def detection_off(enabled: bool, state: CallState) -> str | None:
    """Why calls are not watched now, in one sentence; None while they are."""
    if not enabled:
        return _("Calls: not watched (turned off in settings)")
    if state.available and state.source is not None:
        return None
    if state.problem == NO_SOUND_SERVER:
        return _("Call detection is off: no sound server (PulseAudio or PipeWire) is running")
    return _("Calls: not watched (no microphone information on this system)")


def calls_line(enabled: bool, state: CallState, live: bool, quiet: bool, held: int,
               hold_limit_minutes: int = 0) -> str:
    if not enabled:
        return detection_off(enabled, state) or ""
    if live and not quiet:
        return ngettext("In a call for over {n} minute: nudges are shown again",
                        "In a call for over {n} minutes: nudges are shown again",
                        hold_limit_minutes).format(n=hold_limit_minutes)
    if live:
        if held:
            return ngettext("In a call: {n} message waits until it ends",
                            "In a call: {n} messages wait until it ends", held).format(n=held)
        return _("In a call: nudges and notifications wait until it ends")
    off = detection_off(enabled, state)
    if off is not None:
        return off
    name = SOURCE_NAMES.get(state.source or "", state.source)
    return _("Calls: watched ({source})").format(source=name)
