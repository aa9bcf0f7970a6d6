"""Translations with gettext: English source strings, catalogues for es and zh_CN.

Call ``setup(language)`` once at start-up (the composition root or the CLI does); then
``_("text")`` translates. Strings defined before a language is known are marked with
``N_`` (desktop.core.text) and translated where they are shown.
"""

from __future__ import annotations

import gettext
import locale
import os

from desktop.resources import resource_path

DOMAIN = "breakwater"
LANGUAGES = ("en", "es", "zh_CN")

_state: dict[str, gettext.NullTranslations] = {"t": gettext.NullTranslations()}
_chosen = ["en"]  # the catalogue in use, for dates and numbers in the same language


def system_language() -> str:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return value.split(":")[0]
    loc = locale.getlocale()[0]
    return loc or "en"


def normalise(language: str) -> str:
    """Map "es_ES.UTF-8", "zh_CN", "zh-Hans" and friends onto a shipped catalogue name."""
    code = language.split(".")[0].split("@")[0].replace("-", "_")
    if code.lower().startswith("zh"):
        return "zh_CN"
    base = code.split("_")[0].lower()
    return base if base in LANGUAGES else "en"


def setup(language: str = "") -> str:
    """Activate ``language`` ("" follows the system). Returns the catalogue chosen."""
    chosen = normalise(language or system_language())
    _chosen[0] = chosen
    _state["t"] = gettext.translation(
        DOMAIN, localedir=str(resource_path("translations")), languages=[chosen], fallback=True
    )
    return chosen


def _(text: str) -> str:
    return _state["t"].gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state["t"].ngettext(singular, plural, n)


def language() -> str:
    """The catalogue in use: "en", "es" or "zh_CN"."""
    return _chosen[0]
