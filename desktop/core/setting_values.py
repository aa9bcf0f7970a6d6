"""What a single setting's value may be: the checks the registry in
desktop/core/settings.py names for its text options (time ranges, weekdays, hotkeys,
program lists), and the one validation error type. No list of keys lives here."""

from __future__ import annotations

import re
from typing import Any

from desktop.core.combos import normalize_combo, valid_combo
from desktop.core.text import N_, Message


class SettingError(ValueError):
    """A value that a setting cannot take. The only validation error type."""

    def __init__(self, key: str, message: Message) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


_TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


def parse_time_range(text: str) -> tuple[int, int] | None:
    """``"09:00-17:30"`` → (32400, 63000) seconds of the local day; ``""`` → None.

    A range may wrap past midnight (``"22:00-06:00"``). Start and end must differ.
    """
    if text == "":
        return None
    match = _TIME_RANGE.match(text)
    if not match:
        raise ValueError(text)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = h1 * 3600 + m1 * 60, h2 * 3600 + m2 * 60
    if start == end:
        raise ValueError(text)
    return start, end


def in_time_range(second_of_day: float, span: tuple[int, int]) -> bool:
    start, end = span
    if start < end:
        return start <= second_of_day < end
    return second_of_day >= start or second_of_day < end


def check_time_range(value: Any) -> None:
    parse_time_range(value)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME_OF_DAY = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def check_weekday(value: Any) -> None:
    if value not in WEEKDAYS:
        raise ValueError(value)


def check_time_of_day(value: Any) -> None:
    if not TIME_OF_DAY.match(value):
        raise ValueError(value)


def check_apps(value: Any) -> None:
    """Program names separated by commas; each part non-empty once trimmed."""
    if value == "":
        return
    parts = [part.strip() for part in value.split(",")]
    if any(not part or len(part) > 100 for part in parts):
        raise ValueError(value)


def check_hotkey(value: Any) -> None:
    if value != "" and not valid_combo(value):
        raise ValueError(value)


def normalize_hotkey(value: Any) -> Any:
    return normalize_combo(value) if isinstance(value, str) else value


def from_text(key: str, kind: type, text: str) -> Any:
    """Command-line text as a value of type ``kind`` (bool, int, float or str), not yet
    checked against the option's range; SettingError when it is not one."""
    try:
        if kind is bool:
            lowered = text.strip().lower()
            if lowered not in ("true", "false", "on", "off", "yes", "no", "1", "0"):
                raise ValueError(text)
            return lowered in ("true", "on", "yes", "1")
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
    except ValueError:
        raise wrong_type(key, kind, text) from None
    return text


def wrong_type(key: str, kind: type, value: Any) -> SettingError:
    """Said in words, not Python's type names ("expected float")."""
    expected = {
        bool: N_("expected on or off (or true/false, yes/no, 1/0), got {value!r}"),
        int: N_("expected a whole number, got {value!r}"),
        float: N_("expected a number, got {value!r}"),
    }.get(kind, N_("expected text, got {value!r}"))
    return SettingError(key, Message(expected, {"value": value}))
