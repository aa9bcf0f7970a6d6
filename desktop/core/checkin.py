"""The weekly check-in: the client-related scale of the Copenhagen Burnout Inventory.

Kristensen, Borritz, Villadsen & Christensen (2005), "The Copenhagen Burnout Inventory: a
new tool for the assessment of burnout", Work & Stress 19(3):192–207; free to use (National
Research Centre for the Working Environment, Denmark). "Clients" is worded "customers".

Items 1–4 are answered on an intensity scale, items 5–6 on a frequency scale; either way
the answer's index (0 = "to a very low degree" / "never or almost never" … 4 = "to a very
high degree" / "always") scores 0, 25, 50, 75 or 100. No item is reversed. The score is the
mean of the answered items, and there is no score when fewer than three are answered. No
clinical cut-off exists; 50 or more is commonly read as high. The app reflects these
numbers back; it never diagnoses.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.text import N_, Message


class Scale(enum.Enum):
    INTENSITY = "intensity"
    FREQUENCY = "frequency"


# Answer words by index, lowest first (the key shown in the window is index + 1).
SCALE_WORDS: dict[Scale, tuple[str, ...]] = {
    Scale.INTENSITY: (N_("To a very low degree"), N_("To a low degree"), N_("Somewhat"),
                      N_("To a high degree"), N_("To a very high degree")),
    Scale.FREQUENCY: (N_("Never or almost never"), N_("Seldom"), N_("Sometimes"),
                      N_("Often"), N_("Always")),
}


@dataclass(frozen=True)
class Item:
    number: int  # 1–6, as in the published scale
    text: str  # N_ marked
    scale: Scale


ITEMS: tuple[Item, ...] = (
    Item(1, N_("Do you find it hard to work with customers?"), Scale.INTENSITY),
    Item(2, N_("Do you find it frustrating to work with customers?"), Scale.INTENSITY),
    Item(3, N_("Does it drain your energy to work with customers?"), Scale.INTENSITY),
    Item(4, N_("Do you feel that you give more than you get back when you work with "
               "customers?"), Scale.INTENSITY),
    Item(5, N_("Are you tired of working with customers?"), Scale.FREQUENCY),
    Item(6, N_("Do you sometimes wonder how long you will be able to continue working with "
               "customers?"), Scale.FREQUENCY),
)
POINTS = (0, 25, 50, 75, 100)
MIN_ANSWERED = 3
HIGH_AT = 50.0  # commonly read as high; not a clinical cut-off
RISING_WEEKS = 3
TREND_WEEKS = 8  # earlier weeks shown beside this week's score
COMPARE_WEEKS = 4  # earlier scored weeks this week's score is compared with

Answers = tuple[int | None, ...]


class AnswersError(ValueError):
    """Answers that are not six values of 0–4 or "-"; the message says which."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
        self.message = message


def check(answers: Sequence[int | None]) -> Answers:
    """The answers as a tuple, or AnswersError: six entries, each 0–4 or None."""
    if len(answers) != len(ITEMS):
        raise AnswersError(Message(N_("expected {expected} answers, got {got}"),
                                   {"expected": len(ITEMS), "got": len(answers)}))
    for i, answer in enumerate(answers, 1):
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= 4:
            raise AnswersError(Message(N_("answer {item} must be 0–4 or '-', not {value!r}"),
                                       {"item": i, "value": answer}))
    if all(a is None for a in answers):
        raise AnswersError(Message(N_("no question was answered")))
    return tuple(answers)


def parse(text: str) -> Answers:
    """``"4,3,-,2,1,0"`` → (4, 3, None, 2, 1, 0). Raises AnswersError on anything else."""
    if not text.strip():
        raise AnswersError(Message(N_("no answers given")))
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != len(ITEMS):
        raise AnswersError(Message(N_("expected {expected} answers, got {got}"),
                                   {"expected": len(ITEMS), "got": len(parts)}))
    values: list[int | None] = []
    for i, part in enumerate(parts, 1):
        if part == "-":
            values.append(None)
        elif len(part) == 1 and part in "01234":
            values.append(int(part))
        else:
            raise AnswersError(Message(N_("answer {item} must be 0–4 or '-', not {value!r}"),
                                       {"item": i, "value": part}))
    return check(values)


def points(answer: int) -> int:
    return POINTS[answer]


def answered(answers: Sequence[int | None]) -> int:
    return sum(a is not None for a in answers)


def score(answers: Sequence[int | None]) -> float | None:
    """Mean points of the answered items (0–100); None when fewer than three answered."""
    given = [POINTS[a] for a in answers if a is not None]
    if len(given) < MIN_ANSWERED:
        return None
    return sum(given) / len(given)


# Weeks ------------------------------------------------------------------------------
def week_of(at: float, offset: int) -> str:
    """The ISO week of instant ``at`` in local time, e.g. ``"2026-W48"``."""
    local = dt.datetime.fromtimestamp(at + offset, dt.UTC)
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(week: str) -> dt.date:
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


def weeks_before(week: str, count: int) -> list[str]:
    """The ``count`` ISO weeks before ``week``, most recent first."""
    monday = monday_of(week)
    out = []
    for back in range(1, count + 1):
        year, number, _day = (monday - dt.timedelta(weeks=back)).isocalendar()
        out.append(f"{year}-W{number:02d}")
    return out


class Direction(enum.Enum):
    FIRST = "first"  # nothing earlier to compare with
    HIGHER = "higher"  # above every compared week
    LOWER = "lower"  # below every compared week
    SIMILAR = "similar"  # within a few points of their average
    A_BIT_HIGHER = "a_bit_higher"  # above their average, not above all
    A_BIT_LOWER = "a_bit_lower"


SIMILAR_WITHIN = 5.0


@dataclass(frozen=True)
class Trend:
    """This week's score beside the earlier weeks', and what the result page says."""

    week: str
    score: float | None
    answered: int
    earlier: tuple[tuple[str, float | None], ...]  # TREND_WEEKS weeks, most recent first
    direction: Direction
    compared: int  # how many earlier scored weeks the direction compares with
    average: float | None  # their average
    high: bool
    rising: bool  # the score rose each week for RISING_WEEKS weeks, ending this week

    @property
    def point_to_support(self) -> bool:
        return self.high or self.rising

    def as_dict(self) -> dict[str, Any]:
        return {"week": self.week, "score": self.score, "answered": self.answered,
                "earlier": [list(pair) for pair in self.earlier],
                "direction": self.direction.value, "compared": self.compared,
                "average": self.average, "high": self.high, "rising": self.rising}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trend:
        return cls(week=str(data["week"]), score=data["score"], answered=int(data["answered"]),
                   earlier=tuple((str(w), s) for w, s in data["earlier"]),
                   direction=Direction(data["direction"]), compared=int(data["compared"]),
                   average=data["average"], high=bool(data["high"]),
                   rising=bool(data["rising"]))


def shown(value: float) -> int:
    """A score as shown to people: a whole number, halves rounded up (62.5 → 63)."""
    return int(value + 0.5)


def trend(week: str, score_now: float | None, answered_now: int,
          scores: dict[str, float | None]) -> Trend:
    """``scores``: the latest score of each earlier week that had a check-in."""
    earlier = tuple((w, scores.get(w)) for w in weeks_before(week, TREND_WEEKS))
    scored = [s for _w, s in earlier if s is not None][:COMPARE_WEEKS]
    direction, average = Direction.FIRST, None
    if score_now is not None and scored:
        average = sum(scored) / len(scored)
        if score_now > max(scored):
            direction = Direction.HIGHER
        elif score_now < min(scored):
            direction = Direction.LOWER
        elif abs(score_now - average) < SIMILAR_WITHIN:
            direction = Direction.SIMILAR
        elif score_now > average:
            direction = Direction.A_BIT_HIGHER
        else:
            direction = Direction.A_BIT_LOWER
    run = [score_now, *(s for _w, s in earlier[:RISING_WEEKS - 1])]
    known = [s for s in run if s is not None]
    rising = len(known) == RISING_WEEKS and all(a > b for a, b in itertools.pairwise(known))
    return Trend(week=week, score=score_now, answered=answered_now, earlier=earlier,
                 direction=direction, compared=len(scored) if score_now is not None else 0,
                 average=average, high=score_now is not None and score_now >= HIGH_AT,
                 rising=rising)
