"""What the user hears when a break ends: for one that ran its time, a single gentle
"Break over" through the one message path (which holds it during a call), and the soft
cue when ``breaks.sound`` is on. "I'm back" and a tag need no message: the user knows;
nor does an end noticed long after it came (the machine slept through it, or the app was
not running): "Break over" hours late would be about a moment long gone."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.breaks import Finished
from desktop.i18n import _
from desktop.resources import resource_path
from desktop.service import Breakwater
from desktop.ui.sound import make_cue

Cue = Callable[[], None]


class BreakEnd:
    def __init__(self, service: Breakwater, tell: Callable[[str, str], None] | None,
                 cue_factory: Callable[[], Cue | None] | None = None) -> None:
        self.service = service
        self.tell = tell
        self._cue_factory = cue_factory or (
            lambda: make_cue(resource_path("sounds", "break-over.wav")))
        self._cue: Cue | None = None

    def __call__(self, done: Finished, how: str) -> None:
        if how != "due":
            return
        if self.tell is not None:
            self.tell(_("Break over"), _("Welcome back. Take the next call when you are ready."))
        if self.service.settings["breaks.sound"]:
            if self._cue is None:
                self._cue = self._cue_factory()
            if self._cue is not None:
                self._cue()
