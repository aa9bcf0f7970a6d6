"""UTC timestamps as ISO-8601 text, which SQLite's date functions and people both read."""

from __future__ import annotations

from datetime import UTC, datetime


def to_iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_iso(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()


def offset_minutes(offset_seconds: int) -> int:
    return round(offset_seconds / 60)
