"""Key combinations as settings store them: ``"<ctrl>+<alt>+h"``.

Pure text rules shared by the settings registry (what may be stored), the hotkey
backends (what to grab) and the settings window (what the person pressed)."""

from __future__ import annotations

import re

# Modifier spellings in the stored form, and how a person writes them.
MODIFIERS = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "cmd": "Super", "super": "Super"}
# Shift alone would take a capital letter away from every program: one of these must be held.
HOLDING = frozenset({"ctrl", "alt", "cmd", "super"})
ORDER = ("ctrl", "alt", "shift", "super", "cmd")

_COMBO = re.compile(r"^(<(ctrl|alt|shift|cmd|super)>\+)+([a-z0-9]|<f([1-9]|1[0-2])>)$")


def split_combo(combo: str) -> tuple[list[str], str]:
    """``"<ctrl>+<alt>+h"`` → (["ctrl", "alt"], "h"); ``"<ctrl>+<f5>"`` → (["ctrl"], "f5")."""
    parts = [p.strip("<>") for p in combo.split("+")]
    if len(parts) < 2 or any(not p for p in parts):
        raise ValueError(combo)
    *mods, key = parts
    if any(m not in MODIFIERS for m in mods):
        raise ValueError(combo)
    return mods, key


def valid_combo(combo: str) -> bool:
    """A letter, a digit or F1–F12 with Ctrl, Alt or Super held (Shift may join them),
    each modifier once."""
    if not _COMBO.match(combo):
        return False
    mods, _key = split_combo(combo)
    return len(set(mods)) == len(mods) and bool(HOLDING & set(mods))


def make_combo(mods: set[str], key: str) -> str:
    """The stored form of a combination, modifiers in one fixed order: the same keys
    always give the same text, so two actions cannot share a key by spelling it twice."""
    ordered = [m for m in ORDER if m in mods]
    tail = f"<{key}>" if len(key) > 1 else key
    return "+".join([f"<{m}>" for m in ordered] + [tail])


_SPELLINGS = {"control": "ctrl"}
_KEY = re.compile(r"^([a-z0-9]|f([1-9]|1[0-2]))$")


def normalize_combo(text: str) -> str:
    """The stored form of a combination however a person wrote it: ``<alt>+<ctrl>+h``,
    ``Ctrl+Alt+H`` and ``ctrl + alt + h`` are all ``<ctrl>+<alt>+h``, so the value
    shown, stored and compared is always the same text. Text that is not a combination
    comes back as it was, for validation to refuse."""
    parts = [part.strip().removeprefix("<").removesuffix(">").strip().lower()
             for part in text.split("+")]
    if len(parts) < 2:
        return text
    *mods, key = parts
    mods = [_SPELLINGS.get(mod, mod) for mod in mods]
    if (any(mod not in MODIFIERS for mod in mods) or len(set(mods)) != len(mods)
            or not _KEY.match(key)):
        return text
    return make_combo(set(mods), key)


def same_keys(first: str, second: str) -> bool:
    """Whether two stored combinations are the same keys: ``<cmd>`` and ``<super>`` are
    one key (the Windows or Command key) under two names."""
    def keys(combo: str) -> tuple[frozenset[str], str]:
        mods, key = split_combo(normalize_combo(combo))
        return frozenset("super" if mod == "cmd" else mod for mod in mods), key

    try:
        return keys(first) == keys(second)
    except ValueError:
        return first == second


def describe_combo(combo: str) -> str:
    """How a person writes the combination: ``Ctrl+Alt+H``."""
    try:
        mods, key = split_combo(combo)
    except ValueError:
        return combo
    return "+".join([MODIFIERS[m] for m in mods] + [key.upper()])
