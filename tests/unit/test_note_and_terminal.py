"""A note's limits, and printing to a terminal that cannot show everything."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import terminal
from desktop.core.model import NOTE_MAX_CHARS, clean_note


@given(st.text(alphabet=" \t\n\r\u00a0\u2003\u3000", max_size=50))
def test_a_note_of_only_whitespace_is_no_note(blank: str) -> None:
    assert clean_note(blank) is None


@given(st.text(min_size=1, max_size=NOTE_MAX_CHARS + 50))
def test_a_note_is_kept_trimmed_up_to_the_limit_and_refused_beyond(text: str) -> None:
    trimmed = text.strip()
    if not trimmed:
        assert clean_note(text) is None
    elif len(trimmed) <= NOTE_MAX_CHARS:
        assert clean_note(text) == trimmed
    else:
        with pytest.raises(ValueError, match=str(NOTE_MAX_CHARS)):
            clean_note(text)


def test_the_limit_counts_characters_not_bytes() -> None:
    chinese = "难" * NOTE_MAX_CHARS  # 6,000 bytes of UTF-8, 2,000 characters
    assert clean_note(chinese) == chinese
    with pytest.raises(ValueError):
        clean_note(chinese + "难")


def test_what_a_terminal_cannot_encode_gets_a_plain_stand_in() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    terminal.tolerate_unencodable(out)
    out.write("Load 2.0 · streak 1 … “ok” 负荷\n")
    out.flush()
    assert raw.getvalue() == b'Load 2.0 - streak 1 ... "ok" ??\n'


def test_arguments_that_are_not_utf8_are_found() -> None:
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")  # as Python decodes such argv
    assert terminal.undecodable_argument(["tag", "difficult", "--note", bad]) == 4
    assert terminal.undecodable_argument(["tag", "difficult", "--note", "café 难"]) is None


def test_an_encoding_that_cannot_show_the_language_is_named() -> None:
    latin1 = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert terminal.can_show(["已记录"], utf8, latin1) == "latin-1"
    assert terminal.can_show(["Se registró"], utf8, latin1) is None
