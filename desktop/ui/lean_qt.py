"""Ways around PySide6 costs that the idle tray app would otherwise pay for nothing.

- Once PySide6 is loaded, its import hook reads the whole source of every module imported
  after it (``inspect.getsource``) to see whether the text mentions "PySide6": that
  decides how the module takes part in ``from __feature__ import snake_case``. The lines
  stay in ``linecache`` for the life of the process: about 4.5 MB of the idle app, more
  than any of our own modules. Breakwater uses no ``__feature__`` switch, so the scan is
  skipped. Should a module ever use one, PySide6 scans every module that is not yet
  marked at that moment, and the switch works as before.
- The first use of any ``Qt.*`` enum (even one returned by a call, such as
  ``timer.timerType()``) builds the whole ``Qt`` namespace, every enum in it: 1.2 MB that
  stays. The idle app's timers set their type through the ``timerType`` property instead.
"""

from __future__ import annotations

import sys
from types import ModuleType

from PySide6.QtCore import QTimer

# Qt::TimerType's values, for ``set_timer_type``.
PRECISE_TIMER = 0
COARSE_TIMER = 1
VERY_COARSE_TIMER = 2


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


def set_timer_type(timer: QTimer, kind: int) -> None:
    """``timer.setTimerType(...)`` without building the ``Qt`` namespace."""
    if not timer.setProperty("timerType", kind):
        raise ValueError(f"not a timer type: {kind}")
