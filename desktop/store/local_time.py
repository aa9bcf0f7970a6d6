"""Local dates and hours of rows, in SQL, from each row's own ``utc_offset_min``.

These are the expressions the m006_history_indexes indexes were built on
(desktop/store/schema.py). SQLite uses an index on an expression only when a query spells
the same expression, so History's queries take them from here and tests check the plans.
"""

from __future__ import annotations

LOCAL_OFFSET = "printf('%+d minutes', utc_offset_min)"
TAG_DAY = f"date(at_utc, {LOCAL_OFFSET})"
TAG_WEEKDAY = f"strftime('%w', at_utc, {LOCAL_OFFSET})"  # 0 = Sunday
TAG_HOUR = f"strftime('%H', at_utc, {LOCAL_OFFSET})"
NUDGE_DAY = f"date(shown_utc, {LOCAL_OFFSET})"
BREAK_DAY = f"date(started_utc, {LOCAL_OFFSET})"
BREATH_DAY = f"date(started_utc, {LOCAL_OFFSET})"
CALL_DAY = f"date(started_utc, {LOCAL_OFFSET})"
CALL_HOUR = f"strftime('%H', started_utc, {LOCAL_OFFSET})"
