"""Time away becomes a natural break that ends no later than the first sign of the person:
input, a tag, or the machine waking."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.model import Recovery, RecoveryKind
from desktop.core.presence import Presence

T0 = 1_790_035_200.0 + 10 * 3600
THRESHOLD = 180.0


def test_idle_past_the_threshold_is_away_and_input_ends_it() -> None:
    p = Presence()
    assert p.idle(T0, 60, THRESHOLD) is None and not p.away
    assert p.idle(T0 + 200, 260, THRESHOLD) is None  # idle since T0 - 60
    assert p.away and p.away_since == T0 - 60
    assert p.live(T0 + 300) == Recovery(T0 - 60, T0 + 300, RecoveryKind.IDLE)
    assert p.idle(T0 + 300, 360, THRESHOLD) is None
    # Back: the last look that found nobody was T0 + 300; they typed since.
    assert p.idle(T0 + 305, 0.5, THRESHOLD) == Recovery(T0 - 60, T0 + 300, RecoveryKind.IDLE)
    assert not p.away and p.live(T0 + 400) is None


def test_a_tag_ends_time_away_even_when_idle_time_lags() -> None:
    """Issue 10: tagged with the hotkey right after coming back, the idle counter still
    said 'away' and the break was stamped as ending after the first tags."""
    p = Presence()
    p.idle(T0, 240, THRESHOLD)
    p.idle(T0 + 5, 245, THRESHOLD)
    ended = p.present(T0 + 7.3, THRESHOLD)
    assert ended == Recovery(T0 - 240, T0 + 5, RecoveryKind.IDLE)
    # The lagging counter still says idle: time away cannot reach back over the tag.
    assert p.idle(T0 + 8, 248, THRESHOLD) is None and not p.away
    assert p.idle(T0 + 7.3 + 200, 448, THRESHOLD) is None
    assert p.away_since == T0 + 7.3


def test_the_threshold_and_too_short_to_count() -> None:
    p = Presence()
    assert p.idle(T0, 179, THRESHOLD) is None and not p.away
    p.idle(T0, 180, THRESHOLD)
    assert p.present(T0 + 1, THRESHOLD) == Recovery(T0 - 180, T0, RecoveryKind.IDLE)
    p.idle(T0, 200, THRESHOLD)
    assert p.present(T0 - 100, THRESHOLD) is None  # a clock set back: 100 s, too short


def test_asleep_is_away_and_waking_ends_it() -> None:
    p = Presence()
    p.sleeping(T0)
    assert p.away and p.idle(T0 + 1, 0, THRESHOLD) is None  # no looks while asleep
    assert p.present(T0 + 2, THRESHOLD) is None
    assert p.woke(T0 + 3600, THRESHOLD) == Recovery(T0, T0 + 3600, RecoveryKind.IDLE)
    assert not p.away and p.woke(T0 + 3700, THRESHOLD) is None


def test_away_then_asleep_is_one_span() -> None:
    p = Presence()
    p.idle(T0, 600, THRESHOLD)
    p.sleeping(T0 + 30)
    assert p.woke(T0 + 7200, THRESHOLD) == Recovery(T0 - 600, T0 + 7200, RecoveryKind.IDLE)


def test_a_short_sleep_is_no_break() -> None:
    p = Presence()
    p.sleeping(T0)
    assert p.woke(T0 + 60, THRESHOLD) is None


@given(st.lists(st.tuples(st.floats(0, 400), st.floats(0, 1000),
                          st.sampled_from(["idle", "tag", "sleep", "wake"])), max_size=40))
def test_a_break_never_ends_after_the_sign_that_ended_it(steps: list[tuple[float, float, str]]
                                                        ) -> None:
    p = Presence()
    now = T0
    for gap, idle, what in steps:
        now += gap
        if what == "idle":
            ended = p.idle(now, idle, THRESHOLD)
            sign = now - idle
        elif what == "tag":
            ended, sign = p.present(now, THRESHOLD), now
        elif what == "sleep":
            p.sleeping(now)
            continue
        else:
            ended, sign = p.woke(now, THRESHOLD), now
        if ended is not None:
            assert ended.end <= max(sign, ended.start)
            assert ended.end - ended.start >= THRESHOLD
