"""Dates, numbers and names as the chosen language writes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale

from desktop.core.breathing import PATTERNS
from desktop.core.history import Bucket, Span
from desktop.i18n import _, language


def locale() -> QLocale:
    return QLocale({"es": "es_ES", "zh_CN": "zh_CN"}.get(language(), "en_GB"))


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def number(value: float, decimals: int = 0) -> str:
    return locale().toString(float(value), "f", decimals) if decimals else \
        locale().toString(round(value))


def percent(share: float) -> str:
    return _("{value}%").format(value=number(100 * share))


def day_text(day: date) -> str:
    """A whole date, for tables and tooltips: "Tue 3 Nov 2026"."""
    # Translators: a Qt date format for a full day (d day, MMM month, yyyy year, ddd weekday)
    return locale().toString(qdate(day), _("ddd d MMM yyyy"))


def short_day(day: date) -> str:
    """A day on an axis: "3 Nov"."""
    # Translators: a Qt date format for a day on a chart axis
    return locale().toString(qdate(day), _("d MMM"))


def short_day_in_year(day: date) -> str:
    """A day on an axis whose days run over more than one year: "3 Nov 2026"."""
    # Translators: a Qt date format for a day on a chart axis, with its year
    return locale().toString(qdate(day), _("d MMM yyyy"))


def tick_indexes(n: int, most: int) -> range:
    """Which of ``n`` positions get an axis label, at most ``most`` of them, evenly."""
    return range(0, n, max(1, -(-n // most)))


def day_ticks(days: Sequence[date], most: int) -> list[tuple[int, str]]:
    """Axis labels for positions holding ``days``: at most ``most``, each "3 Nov"; when
    the days run over more than one year, the first label and each one in a new year
    carry the year too ("25 Apr" alone is a different day in each of five years)."""
    indexes = tick_indexes(len(days), most)
    years = {days[i].year for i in indexes}
    out = []
    previous: int | None = None
    for i in indexes:
        day = days[i]
        with_year = len(years) > 1 and day.year != previous
        out.append((i, short_day_in_year(day) if with_year else short_day(day)))
        previous = day.year
    return out


def month_text(day: date) -> str:
    # Translators: a Qt date format for a month on a chart axis
    return locale().toString(qdate(day), _("MMM yyyy"))


def weekday_names() -> list[str]:
    """Monday first, short."""
    loc = locale()
    return [loc.dayName(n, QLocale.FormatType.ShortFormat) for n in range(1, 8)]


def hour_text(hour: int) -> str:
    return f"{hour:02d}:00"


def span_axis(span: Span, bucket: Bucket) -> str:
    if bucket is Bucket.MONTH:
        return month_text(span.first)
    return short_day(span.first)


def span_text(span: Span, bucket: Bucket) -> str:
    """A bar's span in words, for tooltips and tables."""
    last = date.fromordinal(span.end.toordinal() - 1)
    if bucket in (Bucket.DAY, Bucket.HOUR) or last == span.first:
        return day_text(span.first)
    return _("{first} to {last}").format(first=day_text(span.first), last=day_text(last))


def pattern_name(key: str) -> str:
    pattern = PATTERNS.get(key)
    return _(pattern.name) if pattern else key
