"""Translations with gettext: English source strings, catalogues for es and zh_CN.

Call ``setup(language)`` once at start-up (the composition root or the CLI does); then
``_("text")`` translates. Strings defined before a language is known are marked with
``N_`` (desktop.core.text) and translated where they are shown.
"""

from __future__ import annotations

import gettext
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
    import locale  # only here: its alias tables are ~0.5 MB that would stay in the tray app

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
    _state["t"] = _catalogue(chosen)
    return chosen


def _catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of a shipped language (English has none). Opened by its path:
    ``gettext.translation()`` would expand the name through ``locale.normalize``, which
    imports ``locale`` for nothing, since ``normalise`` already gives the folder's name."""
    path = resource_path("translations", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with open(path, "rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        return gettext.NullTranslations()


def _(text: str) -> str:
    return _state["t"].gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state["t"].ngettext(singular, plural, n)


def language() -> str:
    """The catalogue in use: "en", "es" or "zh_CN"."""
    return _chosen[0]
