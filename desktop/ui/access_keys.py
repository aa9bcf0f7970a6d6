"""Letters that pick an item from the keyboard, taken from the item's own words.

Pure text, no Qt: the toast asks for one letter per reason in the language shown now, so
"Abusive" is A in English and "Abusivo" A in Spanish; where a label has no Latin letter
left (Chinese), the next free letter of the alphabet stands in."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from string import ascii_lowercase


def access_letters(labels: Sequence[tuple[Hashable, str]]) -> dict[Hashable, str]:
    """One different lower-case letter for each (key, label), in order: the label's first
    letter not already taken, else the first free one from a to z."""
    taken: set[str] = set()
    letters: dict[Hashable, str] = {}
    for key, label in labels:
        own = [c for c in label.lower() if c in ascii_lowercase]
        letter = next((c for c in [*own, *ascii_lowercase] if c not in taken), "")
        taken.add(letter)
        letters[key] = letter
    return letters
