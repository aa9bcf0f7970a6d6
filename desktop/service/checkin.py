"""The weekly check-in as a use case: record one, and see it beside the earlier weeks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core import checkin
from desktop.core.checkin import AnswersError, Trend
from desktop.i18n import _
from desktop.service import Breakwater, Handler
from desktop.store.checkins import CheckinStore

SOURCES = ("window", "cli")


@dataclass(frozen=True)
class Recorded:
    id: int
    trend: Trend


def record(app: Breakwater, answers: Sequence[int | None], source: str = "window") -> Recorded:
    """Store this week's check-in. Raises AnswersError (a ValueError) on bad answers."""
    given = checkin.check(answers)
    now, offset = app.now_and_offset()
    week = checkin.week_of(now, offset)
    score = checkin.score(given)
    row = CheckinStore(app.store).add(at=now, offset=offset, week=week, answers=given,
                                      score=score, source=source)
    return Recorded(row, trend_for(app, week, score, checkin.answered(given)))


def trend_for(app: Breakwater, week: str, score: float | None, answered: int) -> Trend:
    earlier = CheckinStore(app.store).week_scores(checkin.weeks_before(week, checkin.TREND_WEEKS))
    return checkin.trend(week, score, answered, earlier)


def this_week(app: Breakwater) -> str:
    now, offset = app.now_and_offset()
    return checkin.week_of(now, offset)


def checked_in_this_week(app: Breakwater) -> bool:
    return CheckinStore(app.store).latest_week() == this_week(app)


def _record_request(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    answers = payload.get("answers")
    source = payload.get("source", "cli")
    if not isinstance(answers, list) or source not in SOURCES:
        raise ValueError(_("invalid check-in request"))
    try:
        recorded = record(app, answers, source)
    except AnswersError as error:
        raise ValueError(error.message.render(_)) from None
    return {"ok": True, "changed": True, "id": recorded.id, "trend": recorded.trend.as_dict()}


REQUESTS: dict[str, Handler] = {"checkin.record": _record_request}
