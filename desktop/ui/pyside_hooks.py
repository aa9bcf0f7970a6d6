"""PySide6 behaviour that costs the idle tray app memory and that Breakwater never uses.

Once PySide6 is loaded, its import hook reads the whole source of every module imported
after it (``inspect.getsource``) to see whether the text mentions "PySide6": that decides
how the module takes part in ``from __feature__ import snake_case, true_property``. The
lines stay in ``linecache`` for the life of the process: about 4.5 MB of the idle app,
more than any of our own modules. Breakwater uses no ``__feature__`` switch, so the scan
is skipped. Should a module ever use one, PySide6 scans every module that is not yet
marked at that moment, and the switch works as before.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _leave_unmarked(module: ModuleType) -> None:
    """An unmarked module keeps the feature set in force (none: Breakwater uses none)."""


def skip_source_scan() -> bool:
    """Stop reading every later module's source (call once PySide6 is imported). False
    when this PySide6 has no such hook (nothing to skip)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "feature_imported", None)):
        return False
    feature.feature_imported = _leave_unmarked  # type: ignore[attr-defined]
    return True
