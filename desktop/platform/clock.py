"""The real clock: wall time in UTC epoch seconds and the local offset at an instant."""

from __future__ import annotations

import time


class SystemClock:
    def now(self) -> float:
        return time.time()

    def utc_offset(self, at: float) -> int:
        return int(time.localtime(at).tm_gmtoff)

    def monotonic(self) -> float:
        return time.monotonic()
