"""The weekly check-in's scoring, parsing and trend, against values worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core import checkin
from desktop.core.checkin import AnswersError, Direction, Scale


def test_the_six_items_and_their_scales_are_the_published_ones() -> None:
    assert [item.number for item in checkin.ITEMS] == [1, 2, 3, 4, 5, 6]
    assert [item.scale for item in checkin.ITEMS] == [Scale.INTENSITY] * 4 + [Scale.FREQUENCY] * 2
    assert all("customers" in item.text for item in checkin.ITEMS)
    assert checkin.SCALE_WORDS[Scale.INTENSITY] == (
        "To a very low degree", "To a low degree", "Somewhat", "To a high degree",
        "To a very high degree")
    assert checkin.SCALE_WORDS[Scale.FREQUENCY] == (
        "Never or almost never", "Seldom", "Sometimes", "Often", "Always")
    assert checkin.POINTS == (0, 25, 50, 75, 100)


@pytest.mark.parametrize(("answers", "expected"), [
    # All answered: 100 + 75 + 50 + 25 + 0 + 100 = 350, / 6
    ((4, 3, 2, 1, 0, 4), 350 / 6),
    # Partly answered: 100 + 75 + 50 + 25 + 0 = 250, / 5 (the mean of the answered ones)
    ((4, 3, None, 2, 1, 0), 50.0),
    # Exactly three answered: 25 + 50 + 75 = 150, / 3
    ((1, None, 2, None, 3, None), 50.0),
    # Too few: two answered, no score
    ((4, None, None, None, None, 3), None),
    ((None, None, None, None, None, 0), None),
    # Extremes
    ((0, 0, 0, 0, 0, 0), 0.0),
    ((4, 4, 4, 4, 4, 4), 100.0),
    ((0, 4, 0, 4, 0, 4), 50.0),
    ((4, 4, 4, None, None, None), 100.0),
])
def test_score_by_hand(answers: tuple[int | None, ...], expected: float | None) -> None:
    got = checkin.score(answers)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@given(st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=6, max_size=6))
def test_score_is_the_mean_of_answered_points_or_none(answers: list[int | None]) -> None:
    given_points = [25 * a for a in answers if a is not None]
    got = checkin.score(answers)
    if len(given_points) < 3:
        assert got is None
    else:
        assert got is not None and 0 <= got <= 100
        assert got == pytest.approx(sum(given_points) / len(given_points))


def test_shown_scores_round_halves_up() -> None:
    assert [checkin.shown(v) for v in (62.5, 58.333, 37.5, 0.0, 100.0)] == [63, 58, 38, 0, 100]


@pytest.mark.parametrize(("text", "expected"), [
    ("4,3,-,2,1,0", (4, 3, None, 2, 1, 0)),
    ("0,0,0,0,0,0", (0, 0, 0, 0, 0, 0)),
    (" 4, 4 ,4,4,4,4 ", (4, 4, 4, 4, 4, 4)),
    ("-,-,-,-,-,2", (None, None, None, None, None, 2)),
])
def test_parse_good_answers(text: str, expected: tuple[int | None, ...]) -> None:
    assert checkin.parse(text) == expected


@pytest.mark.parametrize(("text", "why"), [
    ("", "no answers given"),
    ("   ", "no answers given"),
    ("4,3,2,1,0", "expected 6 answers, got 5"),
    ("4,3,2,1,0,0,1", "expected 6 answers, got 7"),
    ("4,3,2,1,0,0,", "expected 6 answers, got 7"),
    ("4,3,2,1,0,5", "answer 6 must be 0–4 or '-', not '5'"),
    ("a,3,2,1,0,4", "answer 1 must be 0–4 or '-', not 'a'"),
    ("4,3,,1,0,4", "answer 3 must be 0–4 or '-', not ''"),
    ("4,-1,2,1,0,4", "answer 2 must be 0–4 or '-', not '-1'"),
    ("4,3.0,2,1,0,4", "answer 2 must be 0–4 or '-', not '3.0'"),
    ("4;3;2;1;0;4", "expected 6 answers, got 1"),
    ("-,-,-,-,-,-", "no question was answered"),
])
def test_parse_refuses_malformed_answers(text: str, why: str) -> None:
    with pytest.raises(AnswersError) as caught:
        checkin.parse(text)
    assert caught.value.message.render() == why


def test_check_refuses_values_out_of_range() -> None:
    for bad in ([0, 1, 2, 3, 4], [0, 1, 2, 3, 4, 5], [True, 1, 2, 3, 4, 0]):
        with pytest.raises(AnswersError):
            checkin.check(bad)


def test_weeks_are_iso_weeks_in_local_time() -> None:
    # 2026-01-04 23:30 UTC is a Sunday (week 1) in UTC, but Monday (week 2) in UTC+1.
    at = 1_767_569_400.0
    assert checkin.week_of(at, 0) == "2026-W01"
    assert checkin.week_of(at, 3600) == "2026-W02"
    # Years with 53 weeks and the turn of the year.
    assert checkin.weeks_before("2021-W01", 2) == ["2020-W53", "2020-W52"]
    assert checkin.weeks_before("2026-W02", 3) == ["2026-W01", "2025-W52", "2025-W51"]


def test_trend_compares_with_the_last_four_scored_weeks() -> None:
    scores = {"2026-W47": 50.0, "2026-W46": 40.0, "2026-W44": 45.0, "2026-W42": 30.0,
              "2026-W40": 90.0}
    trend = checkin.trend("2026-W48", 58.0, 6, scores)
    assert [w for w, _s in trend.earlier] == [f"2026-W{n}" for n in range(47, 39, -1)]
    assert dict(trend.earlier)["2026-W45"] is None  # a week without a check-in
    assert trend.compared == 4  # W40's 90 is the fifth scored week: not compared
    assert trend.average == pytest.approx((50 + 40 + 45 + 30) / 4)
    assert trend.direction is Direction.HIGHER
    assert trend.high and trend.point_to_support
    assert trend.rising  # W46 40 < W47 50 < this week 58


@pytest.mark.parametrize(("now", "earlier", "direction"), [
    (40.0, {}, Direction.FIRST),
    (40.0, {"2026-W47": 50.0}, Direction.LOWER),
    (50.0, {"2026-W47": 50.0}, Direction.SIMILAR),
    (42.0, {"2026-W47": 40.0, "2026-W46": 50.0}, Direction.SIMILAR),  # average 45
    (48.0, {"2026-W47": 30.0, "2026-W46": 50.0}, Direction.A_BIT_HIGHER),  # average 40
    (32.0, {"2026-W47": 30.0, "2026-W46": 50.0}, Direction.A_BIT_LOWER),
])
def test_trend_direction(now: float, earlier: dict[str, float | None],
                         direction: Direction) -> None:
    assert checkin.trend("2026-W48", now, 6, earlier).direction is direction


def test_rising_means_three_weeks_in_a_row_each_higher() -> None:
    rising = checkin.trend("2026-W48", 45.0, 6, {"2026-W47": 40.0, "2026-W46": 30.0})
    assert rising.rising and not rising.high and rising.point_to_support
    flat = checkin.trend("2026-W48", 45.0, 6, {"2026-W47": 45.0, "2026-W46": 30.0})
    assert not flat.rising and not flat.point_to_support
    gap = checkin.trend("2026-W48", 45.0, 6, {"2026-W47": 40.0, "2026-W45": 30.0})
    assert not gap.rising  # a missed week breaks the run
    unscored = checkin.trend("2026-W48", None, 2, {"2026-W47": 40.0, "2026-W46": 30.0})
    assert not unscored.rising and not unscored.high and unscored.compared == 0


def test_high_starts_at_fifty() -> None:
    assert checkin.trend("2026-W48", 50.0, 6, {}).high
    assert not checkin.trend("2026-W48", 49.9, 6, {}).high


def test_trend_round_trips_through_a_dict() -> None:
    trend = checkin.trend("2026-W48", 58.0, 6, {"2026-W47": 50.0, "2026-W46": None})
    assert checkin.Trend.from_dict(trend.as_dict()) == trend
