"""What the tray tooltip says about calls: watched or not (and why not), and while a call
is live, that messages wait. It never claims to watch when no source works."""

from __future__ import annotations

from desktop.i18n import _, ngettext
from desktop.platform.calls import CallState

SOURCE_NAMES = {"pulseaudio": "PulseAudio", "pipewire": "PipeWire", "windows": "Windows",
                "coreaudio": "Core Audio"}


def calls_line(enabled: bool, state: CallState, live: bool, quiet: bool, held: int,
               hold_limit_minutes: int = 0) -> str:
    if not enabled:
        return _("Calls: not watched (turned off in settings)")
    if live and not quiet:
        return ngettext("In a call for over {n} minute: nudges are shown again",
                        "In a call for over {n} minutes: nudges are shown again",
                        hold_limit_minutes).format(n=hold_limit_minutes)
    if live:
        if held:
            return ngettext("In a call: {n} message waits until it ends",
                            "In a call: {n} messages wait until it ends", held).format(n=held)
        return _("In a call: nudges and notifications wait until it ends")
    if not state.available or state.source is None:
        return _("Calls: not watched (no microphone information on this system)")
    name = SOURCE_NAMES.get(state.source, state.source)
    return _("Calls: watched ({source})").format(source=name)
