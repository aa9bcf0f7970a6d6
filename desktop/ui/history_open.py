"""Opening the History window: ``params`` name the range ("today", "week", "month",
"year", "all") or give "from" and "to" dates (YYYY-MM-DD) for a custom one. The charts'
modules (and pyqtgraph) load only here, when History first opens."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.core.history import RangeKind, custom_problem
from desktop.i18n import _
from desktop.service.history import HistoryService
from desktop.ui.windows import WindowContext

PRESETS = ("today", "week", "month", "year", "all")


def parse_params(params: Mapping[str, Any]) -> tuple[RangeKind, date | None, date | None]:
    """The range asked for; ValueError (a sentence for the user) when it makes no sense."""
    first_text, last_text = params.get("from"), params.get("to")
    if first_text is not None or last_text is not None:
        if first_text is None or last_text is None:
            raise ValueError(_("Give both a first and a last day (--from and --to)."))
        try:
            first, last = date.fromisoformat(str(first_text)), date.fromisoformat(str(last_text))
        except ValueError:
            raise ValueError(_("Dates are written YYYY-MM-DD, for example 2026-11-02.")) \
                from None
        if last < first:
            raise ValueError(_("The last day ({last}) is before the first ({first}).").format(
                first=first.isoformat(), last=last.isoformat()))
        return RangeKind.CUSTOM, first, last
    name = params.get("range") or "week"
    if name not in PRESETS:
        raise ValueError(_("Unknown range {name!r}: choose today, week, month, year or all.")
                         .format(name=name))
    return RangeKind(name), None, None


def _range(ctx: WindowContext, params: Mapping[str, Any]
           ) -> tuple[RangeKind, date | None, date | None]:
    """``parse_params``, and a sentence when no day of the dates given can be shown (all
    after today, or all before 1970)."""
    kind, first, last = parse_params(params)
    if first is not None and last is not None:
        problem = custom_problem(first, last, HistoryService(ctx.service).today())
        if problem is not None:
            raise ValueError(problem.render(_))
    return kind, first, last


def check(ctx: WindowContext, params: Mapping[str, Any]) -> None:
    _range(ctx, params)


def build(ctx: WindowContext, params: Mapping[str, Any]) -> Any:
    kind, first, last = _range(ctx, params)
    from desktop.ui.history.window import HistoryWindow

    return HistoryWindow(HistoryService(ctx.service), kind, first, last)


def reopen(ctx: WindowContext, window: Any, params: Mapping[str, Any]) -> None:
    """History already open: show the range now asked for."""
    kind, first, last = _range(ctx, params)
    window.set_range(kind, first, last)
