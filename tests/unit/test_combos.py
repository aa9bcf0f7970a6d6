"""Key combinations as stored: one spelling per combination, and only ones that can be
grabbed without taking a plain or capital letter from every program."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.combos import describe_combo, make_combo, split_combo, valid_combo

KEYS = [*"abcdefghijklmnopqrstuvwxyz0123456789", *(f"f{n}" for n in range(1, 13))]
MODIFIERS = ["ctrl", "alt", "shift", "super"]


@given(st.sets(st.sampled_from(MODIFIERS), min_size=1), st.sampled_from(KEYS))
def test_a_made_combination_reads_back_and_is_valid_when_one_modifier_is_held(
        mods: set[str], key: str) -> None:
    combo = make_combo(mods, key)
    assert split_combo(combo) == ([m for m in MODIFIERS if m in mods], key)
    assert valid_combo(combo) == bool(mods - {"shift"})
    assert make_combo(set(reversed(sorted(mods))), key) == combo  # one spelling


def test_examples() -> None:
    assert make_combo({"alt", "ctrl"}, "h") == "<ctrl>+<alt>+h"
    assert make_combo({"alt"}, "f5") == "<alt>+<f5>"
    assert describe_combo("<ctrl>+<alt>+<f5>") == "Ctrl+Alt+F5"
    assert not valid_combo("<shift>+a")
    assert not valid_combo("<ctrl>+<ctrl>+a")
    assert not valid_combo("<ctrl>+<alt>+<f13>")
    assert not valid_combo("ctrl+h")
