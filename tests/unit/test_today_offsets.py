"""'Today' is the local date a tag was made on, by the clock it was made with: across a
daylight-saving change and travel, the tray, the command line and History count the same
tags for today (History counts days by each row's own offset too)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.load import local_day, tagged_today
from desktop.core.model import Interaction, Kind
from desktop.core.settings import Settings
from desktop.core.tracker import Tracker

H = 3600


def utc(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()  # type: ignore[misc]


def hard(i: int, at: float, offset: int) -> Interaction:
    return Interaction(i, at, Kind.DIFFICULT, 1, offset=offset)


def today_counts(tags: list[Interaction], now: float, offset: int) -> int:
    return Tracker(Settings(), tags).snapshot(now, offset).difficult_today


def test_a_tag_just_after_midnight_before_the_clocks_go_back_is_todays() -> None:
    # Berlin, Sunday 25 October 2026: 03:00 CEST (UTC+2) becomes 02:00 CET (UTC+1).
    early = hard(1, utc(2026, 10, 24, 22, 30), 2 * H)     # 00:30 CEST, 25 October
    before = hard(2, utc(2026, 10, 24, 21, 30), 2 * H)    # 23:30 CEST, 24 October
    now = utc(2026, 10, 25, 9, 0)                           # 10:00 CET
    assert today_counts([before, early], now, 1 * H) == 1


def test_a_tag_late_on_the_eve_of_the_clocks_going_forward_is_yesterdays() -> None:
    # Berlin, Sunday 29 March 2026: 02:00 CET (UTC+1) becomes 03:00 CEST (UTC+2).
    eve = hard(1, utc(2026, 3, 28, 22, 30), 1 * H)        # 23:30 CET, 28 March
    morning = hard(2, utc(2026, 3, 29, 6, 0), 2 * H)      # 08:00 CEST, 29 March
    now = utc(2026, 3, 29, 8, 0)                            # 10:00 CEST
    assert today_counts([eve, morning], now, 2 * H) == 1


def test_after_a_flight_west_the_mornings_tags_at_home_still_count_for_today() -> None:
    # Tagged at 07:00 in Tokyo (UTC+9), then flown to Honolulu (UTC-10), where it is now
    # the evening of the *previous* date: that morning's tag is not yet "today" there...
    tokyo = hard(1, utc(2026, 11, 24, 22, 0), 9 * H)      # 07:00 JST, 25 November
    now = utc(2026, 11, 25, 6, 0)                           # 20:00 HST, 24 November
    assert today_counts([tokyo], now, -10 * H) == 0
    # ...and a tag in Honolulu on the 25th with a 25 November tag from Tokyo both are.
    later = utc(2026, 11, 25, 20, 0)                        # 10:00 HST, 25 November
    hawaii = hard(2, utc(2026, 11, 25, 19, 0), -10 * H)
    assert today_counts([tokyo, hawaii], later, -10 * H) == 2


@given(at=st.floats(1.6e9, 2.0e9), now_delta=st.floats(0, 3 * 86400),
       own=st.integers(-12, 14), current=st.integers(-12, 14))
def test_a_tag_counts_for_today_iff_its_own_local_date_is_todays(
        at: float, now_delta: float, own: int, current: int) -> None:
    tag = hard(1, at, own * H)
    now = at + now_delta
    expected = local_day(at, own * H) == local_day(now, current * H)
    assert tagged_today(tag, now, current * H) is expected
    # The tracker keeps every such tag long enough to count it (its window reaches back).
    assert (today_counts([tag], now, current * H) == 1) is expected


def test_tags_that_only_count_for_today_add_nothing_to_load_or_streak() -> None:
    # The old window for load and streak is unchanged: a tag from the day before,
    # outside it, but held for today's count, weighs nothing now.
    now = utc(2026, 10, 25, 23, 0)
    old = hard(1, now - 22 * H, 2 * H)
    snap = Tracker(Settings(), [old]).snapshot(now, 1 * H)
    assert snap.streak == 0 and snap.load == 0.0
