"""What people type or paste is kept without control characters, text of nothing visible
counts as empty, only calling and chat links open, and stored text is shown in a terminal
with its control characters made visible."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core import contacts
from desktop.core.journal import text_problem
from desktop.core.phrases import PHRASE_MAX_CHARS, clean_phrase, phrase_problem
from desktop.core.text import clean_line, clean_lines, is_blank
from desktop.terminal import shown

CONTROLS = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}


@given(st.text())
def test_clean_lines_keeps_no_control_character_but_tab_and_line_feed(text: str) -> None:
    cleaned = clean_lines(text)
    assert not (set(cleaned) & (CONTROLS - {"\t", "\n"}))
    assert clean_lines(cleaned) == cleaned
    # Nothing but control characters is dropped: every other character keeps its order.
    assert cleaned.replace("\n", "") == "".join(
        ch for ch in text if ch not in CONTROLS or ch == "\t")


@given(st.text())
def test_clean_line_is_one_line_without_controls_or_outer_space(text: str) -> None:
    cleaned = clean_line(text)
    assert not (set(cleaned) & CONTROLS)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert clean_line(cleaned) == cleaned


def test_clean_lines_on_what_people_paste() -> None:
    assert clean_lines("a\r\nb\rc\x00d\x1b[31me\x07\tf\x85") == "a\nb\ncd[31me\tf"
    assert clean_lines("emoji 😀, e\u0301, שלום, مرحبا, 电话") == \
        "emoji 😀, e\u0301, שלום, مرحبا, 电话"


@pytest.mark.parametrize("text", ["", "   ", "\u200b", "\u200b \u200d\u2060", "\x00\x07",
                                  "\n\t\u3000", "\u202e", "\u00ad"])
def test_text_of_nothing_visible_is_blank(text: str) -> None:
    assert is_blank(text)
    assert text_problem(text) is not None
    assert phrase_problem(clean_phrase(text)) is not None
    assert contacts.problem(*contacts.clean(text, "", "")) is not None


@pytest.mark.parametrize("text", ["a", "😀", "e\u0301", "\u0301", "电", "٣"])
def test_any_visible_character_is_not_blank(text: str) -> None:
    assert not is_blank(text)
    assert text_problem(text) is None


@given(st.text())
def test_blank_means_no_visible_character(text: str) -> None:
    visible = [ch for ch in text if not ch.isspace()
               and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")]
    assert is_blank(text) == (not visible)


@pytest.mark.parametrize("reach", [
    "tel:+34600000000", "TEL:402", "sip:402@pbx.example", "mailto:ana@example.com",
    "https://eap.example/help", "msteams:/l/chat/0/0?users=ana@example.com",
    "slack://user?team=T1&id=U2", " callto:ana "])
def test_calling_and_chat_links_open(reach: str) -> None:
    assert contacts.openable_link(reach) == reach.strip()


@pytest.mark.parametrize("reach", [
    "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd",
    "file:///home/ana/run.desktop", "data:text/html,<script>x</script>", "vbscript:x",
    "smb://server/share", "ssh://host", "ftp://host/f", "x-unknown-handler:do",
    "ext. 402", "@ana", "+34 600 000 000", "tel:", "tel: 402", "Ana:402 ext"])
def test_anything_else_is_copied_not_opened(reach: str) -> None:
    assert contacts.openable_link(reach) is None


def test_contact_fields_have_bounds() -> None:
    assert contacts.problem("A" * contacts.NAME_MAX_CHARS, "r" * contacts.REACH_MAX_CHARS,
                            "n" * contacts.NOTE_MAX_CHARS) is None
    for fields in (("A" * (contacts.NAME_MAX_CHARS + 1), "", ""),
                   ("Ana", "r" * (contacts.REACH_MAX_CHARS + 1), ""),
                   ("Ana", "", "n" * (contacts.NOTE_MAX_CHARS + 1))):
        found = contacts.problem(*fields)
        assert found is not None and "at most" in found.render()
    assert contacts.clean("  Ana\x1b[2J\n Ruiz ", "tel:402\x00", "team\tlead") == \
        ("Ana[2J Ruiz", "tel:402", "team lead")


def test_a_phrase_has_a_bound() -> None:
    assert phrase_problem("x" * PHRASE_MAX_CHARS) is None
    found = phrase_problem("x" * (PHRASE_MAX_CHARS + 1))
    assert found is not None and str(PHRASE_MAX_CHARS + 1) in found.render()


def test_stored_text_is_shown_in_a_terminal_without_acting_on_it() -> None:
    assert shown("a\x1b[31mred\x07\x00\x7f\x9b") == "a^[[31mred^G^@^?\\x9b"
    assert shown("tab\tand\nline, 😀 e\u0301 电话") == "tab\tand\nline, 😀 e\u0301 电话"


@given(st.text())
def test_nothing_shown_can_drive_a_terminal(text: str) -> None:
    assert not (set(shown(text)) & (CONTROLS - {"\t", "\n"}))
