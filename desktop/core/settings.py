"""One declared registry of every setting: key, type, default, range and a line of doc.

Values arrive from the settings table (JSON) or the command line (text). A bad value
never stops the app: ``Settings.load`` keeps the default and reports the key in a warning;
``Settings.with_text`` refuses it with a ``SettingError`` that says which key and why.
The checks of single text values live in desktop/core/setting_values.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from desktop.core.breaks import BREAK_MINUTES
from desktop.core.breathing import PATTERNS, SESSION_MINUTES
from desktop.core.combos import describe_combo, same_keys
from desktop.core.setting_values import (
    TIME_OF_DAY,
    WEEKDAYS,
    SettingError,
    check_apps,
    check_hotkey,
    check_time_of_day,
    check_time_range,
    check_weekday,
    from_text,
    in_time_range,
    normalize_hotkey,
    parse_time_range,
    wrong_type,
)
from desktop.core.text import N_, Message

# Pages of the settings window, in order: (group id, title).
GROUPS: tuple[tuple[str, str], ...] = (
    ("tagging", N_("Tagging")),
    ("nudges", N_("Nudges and hours")),
    ("breathing", N_("Breathing")),
    ("breaks", N_("Breaks")),
    ("journal", N_("Journal")),
    ("support", N_("Check-in and support")),
    ("calls", N_("Calls")),
    ("language", N_("Language")),
    ("privacy", N_("Privacy and data")),
)


# What a text option holds, for the settings window's editor ("" is plain text).
HOTKEY, TIME_RANGE = "hotkey", "time_range"


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    doc: str
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[Any], None] | None = None
    hint: str = ""
    group: str = "nudges"
    # The only values allowed, each with its label (N_ text; "{value}" is filled in;
    # "" shows the value itself). The settings window offers them in a list.
    choices: tuple[tuple[Any, str], ...] = ()
    kind: str = ""  # HOTKEY or TIME_RANGE for text with a form of its own
    # The one spelling a value is stored and shown in (``<alt>+<ctrl>+h`` → ``<ctrl>+…``).
    normalize: Callable[[Any], Any] | None = None

    @property
    def values(self) -> tuple[Any, ...]:
        return tuple(value for value, _label in self.choices)

    def validate(self, value: Any) -> Any:
        """Return ``value`` coerced to the option's type, or raise ``SettingError``."""
        ok_type = isinstance(value, self.type) and not (
            self.type is not bool and isinstance(value, bool)
        )
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value, ok_type = float(value), True
        if not ok_type:
            raise wrong_type(self.key, self.type, value)
        if self.type is float:
            value += 0.0  # "-0" is 0, not -0.0
        if self.normalize is not None:
            value = self.normalize(value)
        if self.minimum is not None and self.maximum is not None and not (
            self.minimum <= value <= self.maximum
        ):
            raise SettingError(
                self.key,
                Message(N_("{value!r} is outside {minimum:g}–{maximum:g}"),
                        {"value": value, "minimum": self.minimum, "maximum": self.maximum}),
            )
        try:
            if self.choices and value not in self.values:
                raise ValueError(value)
            if self.check is not None:
                self.check(value)
        except ValueError:
            raise SettingError(
                self.key,
                Message(N_("{value!r} is not valid ({hint})"),
                        {"value": value, "hint": self.hint}),
            ) from None
        return value

    def parse(self, text: str) -> Any:
        """Parse command-line text into a value of this option's type, then validate it."""
        return self.validate(from_text(self.key, self.type, text))


# Each feature's options stay together, in its own section.
OPTIONS: tuple[Option, ...] = (
    Option("load.half_life_minutes", float, 30.0,
           N_("Minutes of ordinary work for load to fall by half."), 5, 240, group="nudges"),
    Option("load.default_severity", int, 2,
           N_("Severity given to a difficult tag when none is chosen (1–3)."), 1, 3,
           group="tagging"),
    Option("load.break_half_life_minutes", float, 5.0,
           N_("During a break, minutes for load to fall by half (5 means a 5-minute break "
              "halves load)."), 1, 60, group="breaks"),
    Option("load.breathing_half_life_minutes", float, 2.0,
           N_("During a breathing session, minutes for load to fall by half."), 0.5, 60,
           group="breathing"),
    Option("load.idle_break_minutes", float, 3.0,
           N_("Minutes away from the keyboard that count as a natural break."), 1, 60,
           group="breaks"),
    # Round 2 moved these from 2/4: one hard call alone is not yet "building"; two close
    # together are, and about three are "high" (docs/load-model.md). Values a user stored
    # keep their meaning: only defaults moved.
    Option("levels.building_at", float, 3.0,
           N_("Load at which the level becomes 'building'."), 0.5, 50),
    Option("levels.high_at", float, 6.0,
           N_("Load at which the level becomes 'high' (above 'building')."), 1, 100),
    Option("streak.building_at", int, 3,
           N_("Difficult tags in a row that lift the level to at least 'building'."), 1, 50),
    Option("streak.high_at", int, 5,
           N_("Difficult tags in a row that lift the level to 'high'."), 2, 100),
    Option("nudges.enabled", bool, True, N_("Offer breathing and breaks when load builds.")),
    Option("nudges.cooldown_minutes", float, 15.0,
           N_("Minimum minutes between two nudges of the same level."), 1, 480),
    Option("nudges.snooze_short_minutes", float, 10.0, N_("Length of a short snooze."), 1, 240),
    Option("nudges.snooze_long_minutes", float, 30.0, N_("Length of a long snooze."), 1, 480),
    Option("nudges.pause_hours", float, 1.0,
           N_("Hours that 'Pause nudges' lasts when not paused until tomorrow."), 0.25, 24),
    Option("nudges.working_hours", str, "",
           N_("Only nudge within these local hours, e.g. 09:00-17:30; empty for any time."),
           check=check_time_range, hint="HH:MM-HH:MM", kind=TIME_RANGE),
    Option("nudges.quiet_hours", str, "",
           N_("Never nudge within these local hours, e.g. 12:00-13:00; empty for none."),
           check=check_time_range, hint="HH:MM-HH:MM", kind=TIME_RANGE),
    Option("hotkeys.difficult", str, "<ctrl>+<alt>+h",
           N_("Global hotkey that tags a difficult interaction."),
           check=check_hotkey, hint="<ctrl>+<alt>+h", group="tagging", kind=HOTKEY,
           normalize=normalize_hotkey),
    Option("hotkeys.ordinary", str, "<ctrl>+<alt>+g",
           N_("Global hotkey that tags an ordinary interaction."),
           check=check_hotkey, hint="<ctrl>+<alt>+g", group="tagging", kind=HOTKEY,
           normalize=normalize_hotkey),
    Option("hotkeys.amend", str, "<ctrl>+<alt>+j",
           N_("Global hotkey that brings the last tag forward to change it from the keyboard: "
              "digits set how hard it was, letters the reason, Enter saves."),
           check=check_hotkey, hint="<ctrl>+<alt>+j", group="tagging", kind=HOTKEY,
           normalize=normalize_hotkey),
    Option("breathing.pattern", str, "cyclic-sigh",
           N_("Breathing pattern: cyclic-sigh, box, 4-7-8 or resonance."),
           hint="cyclic-sigh, box, 4-7-8, resonance", group="breathing",
           choices=tuple((key, pattern.name) for key, pattern in PATTERNS.items())),
    Option("breathing.minutes", int, 1, N_("Length of a breathing session: 1, 3 or 5 minutes."),
           hint="1, 3, 5", group="breathing",
           choices=tuple((m, N_("{value} min")) for m in SESSION_MINUTES)),
    Option("breathing.max_cycles_478", int, 4,
           N_("Most cycles of 4-7-8 breathing in one session (4 for beginners)."), 1, 20,
           group="breathing"),
    Option("breathing.reduced_motion", bool, False,
           N_("Show a filling bar instead of a growing circle."), group="breathing"),
    Option("breathing.sound", bool, False, N_("A soft sound at each change of phase."),
           group="breathing"),
    Option("breathing.ask_ratings", bool, True,
           N_("Ask how distressed you feel (0–10) before and after breathing."), group="breathing"),
    # Breaks ----------------------------------------------------------------------
    Option("breaks.minutes", int, 5,
           N_("Length of a break: 2, 5, 10 or 15 minutes (what a high-load nudge offers)."),
           hint="2, 5, 10, 15", group="breaks",
           choices=tuple((m, N_("{value} min")) for m in BREAK_MINUTES)),
    Option("breaks.sound", bool, False, N_("A soft sound when a break is over."),
           group="breaks"),
    # The nudge budget (docs/load-model.md): few enough nudges that nobody turns them off.
    Option("nudges.daily_cap", int, 6,
           N_("Most nudges in a day; after that only the tray icon's colour shows load. "
              "Two thirds of them are kept for high load: break offers, and journaling "
              "after a break taken."), 1, 50),
    Option("nudges.min_gap_minutes", float, 20.0,
           N_("Minimum minutes between any two nudges (a snooze you asked for may come "
              "sooner)."), 0, 240),
    # Journal ---------------------------------------------------------------------
    # Check-in and support --------------------------------------------------------
    Option("checkin.enabled", bool, True,
           N_("Offer the weekly check-in (six questions about your work with customers)."),
           group="support"),
    Option("checkin.day", str, "fri",
           N_("Day of the week the check-in is offered: mon, tue, wed, thu, fri, sat or sun."),
           check=check_weekday, hint="mon, tue, wed, thu, fri, sat, sun", group="support"),
    Option("checkin.time", str, "15:00",
           N_("Local time the check-in is offered, e.g. 15:00. It waits for your working "
              "hours when they are set."),
           check=check_time_of_day, hint="HH:MM", group="support"),
    # Calls -----------------------------------------------------------------------
    Option("calls.enabled", bool, True,
           N_("Hold nudges, notifications and sounds while another app records from the "
              "microphone (a call is live)."), group="calls"),
    Option("calls.wrapup_seconds", int, 10,
           N_("Seconds after a call ends before what was held is shown."), 0, 600,
           group="calls"),
    Option("calls.hold_limit_minutes", int, 120,
           N_("Stop holding after a call has lasted this long (a microphone left open "
              "all day should not silence every nudge)."), 10, 1440, group="calls"),
    Option("calls.apps", str, "",
           N_("Softphones, by program name and separated by commas, that count as a call "
              "whenever they record, even from a virtual or monitor source."),
           check=check_apps, hint="zoiper5, linphone", group="calls"),
    Option("calls.ask_after_call", bool, False,
           N_("After a call of over a minute that you did not tag, ask how it was."),
           group="calls"),
    Option("calls.ask_after_seconds", int, 20,
           N_("Seconds after such a call ends before asking (a tag before then means no "
              "question)."), 5, 600, group="calls"),
    # Language and privacy --------------------------------------------------------
    # Each language is named in itself, so whoever cannot read the current one finds theirs.
    Option("ui.language", str, "", N_("Language: en, es, zh_CN; empty follows the system."),
           hint="en, es, zh_CN", group="language",
           choices=(("", N_("The system's language")), ("en", "English"),
                    ("es", "Español"), ("zh_CN", "简体中文"))),
)

OPTIONS_BY_KEY: Mapping[str, Option] = {o.key: o for o in OPTIONS}

# Pairs that must stay ordered: (lower key, higher key).
_ORDERED = (("levels.building_at", "levels.high_at"), ("streak.building_at", "streak.high_at"))
# Pairs that must differ (one key cannot do two things); "" (off) may repeat.
# Every two hotkey options, so an action added to the registry is covered too.
_DISTINCT = tuple(combinations([o.key for o in OPTIONS if o.kind == HOTKEY], 2))


def _conflict(first: str, second: str, values: Mapping[str, Any]) -> bool:
    a, b = values[first], values[second]
    if (first, second) in _ORDERED:
        return bool(a >= b)
    return a != "" and b != "" and same_keys(a, b)


def _relation_error(key: str, first: str, second: str,
                    values: Mapping[str, Any]) -> SettingError:
    """The error for ``key`` in a broken pair, naming the other key and its value."""
    other = second if key == first else first
    params = {"other": other, "value": values[other]}
    if (first, second) not in _ORDERED:
        params["value"] = describe_combo(values[other])  # as people write it: Ctrl+Alt+H
        return SettingError(key, Message(N_("{other} already uses {value}"), params))
    if key == first:
        return SettingError(key, Message(N_("must be less than {other} ({value})"), params))
    return SettingError(key, Message(N_("must be more than {other} ({value})"), params))


def _check_relations(values: Mapping[str, Any], changed: str | None = None) -> None:
    """Raise for the first broken pair, naming ``changed`` when it is one of the pair
    (the key the user just set, not its partner)."""
    for first, second in (*_ORDERED, *_DISTINCT):
        if _conflict(first, second, values):
            key = changed if changed in (first, second) else second
            raise _relation_error(key, first, second, values)


def option(key: str) -> Option:
    try:
        return OPTIONS_BY_KEY[key]
    except KeyError:
        raise SettingError(key, Message(N_("there is no such setting"))) from None


class Settings:
    """Validated, immutable setting values. Unknown keys are ignored with a warning."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = {o.key: o.default for o in OPTIONS}
        if values:
            for key, value in values.items():
                self._values[key] = option(key).validate(value)
        _check_relations(self._values)

    @classmethod
    def load(cls, raw: Mapping[str, Any]) -> tuple[Settings, list[SettingError]]:
        """Build settings from stored values, keeping defaults for every bad one."""
        good: dict[str, Any] = {}
        warnings: list[SettingError] = []
        for key, value in raw.items():
            try:
                good[key] = option(key).validate(value)
            except SettingError as error:
                warnings.append(error)
        for first, second in (*_ORDERED, *_DISTINCT):
            candidate = {**{o.key: o.default for o in OPTIONS}, **good}
            if _conflict(first, second, candidate):
                for key in (first, second):
                    if key in good:
                        warnings.append(_relation_error(key, first, second, candidate))
                        del good[key]
        return cls(good), warnings

    def __getitem__(self, key: str) -> Any:
        return self._values[option(key).key]

    def items(self) -> Iterable[tuple[str, Any]]:
        return self._values.items()

    def changed(self) -> dict[str, Any]:
        """Only the values that differ from their defaults (what is worth storing)."""
        return {k: v for k, v in self._values.items() if v != OPTIONS_BY_KEY[k].default}

    def with_text(self, key: str, text: str) -> Settings:
        return self.with_value(key, option(key).parse(text))

    def with_value(self, key: str, value: Any) -> Settings:
        """These settings with ``key`` changed; a value that clashes with another
        setting is refused naming ``key``, the one being changed, and the other one."""
        values = dict(self._values)
        values[key] = option(key).validate(value)
        _check_relations(values, changed=key)
        return Settings(values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values == other._values

    def __hash__(self) -> int:
        return hash(json.dumps(self._values, sort_keys=True))

    # Typed views the core uses, in the units it computes in.
    @property
    def half_life(self) -> float:
        return float(self["load.half_life_minutes"]) * 60

    @property
    def break_half_life(self) -> float:
        return float(self["load.break_half_life_minutes"]) * 60

    @property
    def breathing_half_life(self) -> float:
        return float(self["load.breathing_half_life_minutes"]) * 60

    @property
    def idle_break(self) -> float:
        return float(self["load.idle_break_minutes"]) * 60

    @property
    def cooldown(self) -> float:
        return float(self["nudges.cooldown_minutes"]) * 60

    @property
    def min_gap(self) -> float:
        return float(self["nudges.min_gap_minutes"]) * 60

    @property
    def working_hours(self) -> tuple[int, int] | None:
        return parse_time_range(self["nudges.working_hours"])

    @property
    def wrapup(self) -> float:
        return float(self["calls.wrapup_seconds"])

    @property
    def call_hold_limit(self) -> float:
        return float(self["calls.hold_limit_minutes"]) * 60

    @property
    def quiet_hours(self) -> tuple[int, int] | None:
        return parse_time_range(self["nudges.quiet_hours"])


# Imported from here by the rest of the app (they were defined here first).
__all__ = ["GROUPS", "HOTKEY", "OPTIONS", "OPTIONS_BY_KEY", "TIME_OF_DAY", "TIME_RANGE",
           "WEEKDAYS", "Option", "SettingError", "Settings", "in_time_range", "option",
           "parse_time_range"]
