"""Emoji and other symbols in the journal are found by search, against a real SQLite file:
alone, inside words, as whole skin-tone and joined sequences; a file from before
m009_journal_emoji finds them once upgraded; `breakwater journal search 😡` as a real
process; and any word of any entry finds it."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database, Migrations

from desktop.store import versions
from desktop.store.journal import JournalStore
from desktop.store.journal_text import _SPACELESS, match_query
from tests.integration.cli_helpers import breakwater
from tests.integration.journal_helpers import open_journal

T0 = 1_790_000_000.5
WOMAN_TECHNOLOGIST = "\U0001f469\u200d\U0001f4bb"  # woman, zero-width joiner, laptop
MAN_TECHNOLOGIST = "\U0001f468\u200d\U0001f4bb"
THUMB_MEDIUM = "\U0001f44d\U0001f3fd"  # thumbs up, medium skin tone
THUMB_DARK = "\U0001f44d\U0001f3ff"
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
WALES = "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"




def add(journal: JournalStore, text: str, at: float = T0) -> int:
    return journal.add(text, at, 3600).id


def found(journal: JournalStore, words: str) -> list[int]:
    ids = [e.id for e in journal.search(words, 50)]
    assert journal.search_count(words) == len(ids)
    return ids


def test_an_emoji_alone_finds_its_entries(journal: JournalStore) -> None:
    angry = add(journal, "rough call 😡")
    calm = add(journal, "a calm one 🙂", T0 + 60)
    both = add(journal, "😡 then 🙂", T0 + 120)
    assert found(journal, "😡") == [both, angry]
    assert found(journal, "🙂") == [both, calm]
    assert found(journal, "😡 call") == [angry]  # with a word: both must occur
    assert found(journal, "😡🙂") == []  # side by side, as typed: nowhere
    assert found(journal, "🤯") == []


def test_an_emoji_inside_a_word_or_between_words(journal: JournalStore) -> None:
    inside = add(journal, "rough😡call with a refund")
    cjk = add(journal, "今天😡电话", T0 + 60)
    assert found(journal, "😡") == [cjk, inside]
    assert found(journal, "rough😡call") == [inside]
    assert found(journal, "rough") == [inside] and found(journal, "call") == [inside]
    assert found(journal, "😡电话") == [cjk] and found(journal, "今天😡") == [cjk]
    assert found(journal, "rough😡") == [inside]


def test_pictographs_and_other_symbols(journal: JournalStore) -> None:
    done = add(journal, "follow-up sent ✔ customer happy ★★★")
    heart = add(journal, "thanks from the team ❤️", T0 + 60)  # emoji presentation (VS16)
    plain_heart = add(journal, "❤ plain heart", T0 + 120)  # text presentation
    copyright_ = add(journal, "read out the ©2026 notice, 25°C in here", T0 + 180)
    assert found(journal, "✔") == [done]
    assert found(journal, "★") == [done] and found(journal, "★★★") == [done]
    assert found(journal, "★★★★") == []
    # A heart typed with or without its emoji variation selector finds both.
    assert found(journal, "❤") == [plain_heart, heart]
    assert found(journal, "❤️") == [plain_heart, heart]
    assert found(journal, "©") == [copyright_] and found(journal, "°C") == [copyright_]
    assert found(journal, "customer") == [done]  # words around symbols still words


def test_joined_and_skin_tone_sequences_are_found_whole(journal: JournalStore) -> None:
    woman = add(journal, f"the {WOMAN_TECHNOLOGIST} on the line knew her stuff")
    man = add(journal, f"{MAN_TECHNOLOGIST} helped", T0 + 60)
    medium = add(journal, f"team said {THUMB_MEDIUM}", T0 + 120)
    dark = add(journal, f"{THUMB_DARK} from my lead", T0 + 180)
    scotland = add(journal, f"call from {SCOTLAND}", T0 + 240)
    wales = add(journal, f"call from {WALES}", T0 + 300)
    assert found(journal, WOMAN_TECHNOLOGIST) == [woman]
    assert found(journal, MAN_TECHNOLOGIST) == [man]
    assert found(journal, "\U0001f4bb") == [man, woman]  # the laptop in both
    # The joined emoji is not the same as its parts typed apart.
    apart = add(journal, "\U0001f469 \U0001f4bb", T0 + 360)
    assert found(journal, WOMAN_TECHNOLOGIST) == [woman]
    assert found(journal, "\U0001f469") == [apart, woman]
    assert found(journal, THUMB_MEDIUM) == [medium]
    assert found(journal, THUMB_DARK) == [dark]
    assert found(journal, "\U0001f44d") == [dark, medium]  # any skin tone
    assert found(journal, SCOTLAND) == [scotland] and found(journal, WALES) == [wales]
    assert found(journal, "1\ufe0f\u20e3") == []
    keycap = add(journal, "pressed 1\ufe0f\u20e3 for billing", T0 + 420)
    assert found(journal, "1\ufe0f\u20e3") == [keycap] and found(journal, "1\u20e3") == [keycap]


def test_private_use_characters_typed_by_a_person_are_not_mistaken_for_emoji(
        journal: JournalStore) -> None:
    # U+1F621 (😡) becomes the private-use pair U+F0001 U+10F621 in the index; a person's
    # own private-use characters are encoded too, so the two never meet.
    own = add(journal, "\U000f0001\U0010f621 \U000f0001")
    angry = add(journal, "😡", T0 + 60)
    assert found(journal, "😡") == [angry]
    assert found(journal, "\U000f0001\U0010f621") == [own]
    assert found(journal, "\U000f0001") == [own]


def test_the_existing_scripts_are_unchanged(journal: JournalStore) -> None:
    mixed = add(journal, "Hoy fue un día difícil 😡 今天的电话很难")
    assert found(journal, "dificil") == found(journal, "DIFÍCIL") == [mixed]
    assert found(journal, "电话") == found(journal, "话很") == [mixed]
    assert found(journal, "电难") == []
    assert found(journal, "dificil 😡 电话") == [mixed]


# A file from before m009_journal_emoji ---------------------------------------------
def _index_form_before_m009(text: str) -> str:
    """How m005_journal..m008 indexed an entry: NFKC, Chinese set apart, symbols as they
    are (which unicode61 reads as spaces)."""
    return _SPACELESS.sub(r" \1 ", unicodedata.normalize("NFKC", text.replace("\x00", " ")))


def test_a_file_from_before_the_emoji_index_finds_emoji_once_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    old = Migrations(versions.MIGRATION_SET)
    from desktop.store import schema

    for migration in schema.migrations._migrations:
        if migration.name != "m009_journal_emoji":
            old(name=migration.name)(migration.fn)
    old.apply(Database(conn))
    texts = ["rough call 😡", f"{THUMB_MEDIUM} from the team", "今天😡电话 difícil"]
    for number, text in enumerate(texts, start=1):
        conn.execute("INSERT INTO journal_entries (id, created_utc, utc_offset_min, text) "
                     "VALUES (?, ?, 0, ?)", (number, f"2026-01-0{number}T09:00:00.000000Z",
                                             text))
        conn.execute("INSERT INTO journal_search (entry_id, body) VALUES (?, ?)",
                     (number, _index_form_before_m009(text)))

    def matches(words: str) -> list[int]:
        query = match_query(words)
        assert query is not None
        return [r for (r,) in conn.execute(
            "SELECT rowid FROM journal_search_fts WHERE journal_search_fts MATCH ? "
            "ORDER BY rowid", (query,))]

    assert matches("😡") == [] and matches(THUMB_MEDIUM) == []  # the old index: nothing
    assert matches("difícil") == [3]
    conn.close()

    journal = open_journal(path)
    assert "m009_journal_emoji" in versions.applied(journal.store.conn)
    assert found(journal, "😡") == [3, 1]
    assert found(journal, THUMB_MEDIUM) == [2]
    assert found(journal, "电话") == [3] and found(journal, "dificil") == [3]
    # The triggers came back with the index: a new entry and an edit are tracked.
    later = add(journal, "another 😡", T0)
    assert found(journal, "😡") == [later, 3, 1]
    journal.update(1, "rough call, calm now", None, T0)
    assert found(journal, "😡") == [later, 3]
    assert journal.store.conn.execute(
        "INSERT INTO journal_search_fts (journal_search_fts, rank) "
        "VALUES ('integrity-check', 1)").rowcount == 1
    journal.store.close()


# The command line ----------------------------------------------------------------------
def test_breakwater_journal_search_finds_an_emoji(breakwater_home: Path) -> None:
    for text in ("rough call 😡", "an easy one", f"{THUMB_MEDIUM} from my lead"):
        result = breakwater(breakwater_home, "journal", "add", text)
        assert result.returncode == 0, result.stderr
    result = breakwater(breakwater_home, "journal", "search", "😡", "--json")
    assert result.returncode == 0, result.stderr
    assert [e["text"] for e in json.loads(result.stdout)] == ["rough call 😡"]
    shown = breakwater(breakwater_home, "journal", "search", THUMB_MEDIUM)
    assert shown.returncode == 0, shown.stderr
    assert f"{THUMB_MEDIUM} from my lead" in shown.stdout and "rough call" not in shown.stdout


# Any word of any entry ---------------------------------------------------------------
# Characters Python 3.11 (Unicode 14) calls letters but SQLite's unicode61 (built on older
# Unicode tables) reads as separators: New Tai Lue vowel signs and two Vedic signs, which
# were combining marks until Unicode 8. They follow a consonant in real text, so a word is
# never made of them alone; a "word" of nothing but them cannot be searched for.
SQLITE_SEPARATORS = {*map(chr, range(0x19B0, 0x19C1)), "\u19c8", "\u19c9", "\u1cf2", "\u1cf3"}


def test_any_word_of_an_entry_finds_it(tmp_path: Path) -> None:
    """Whatever the text (any Unicode but surrogates), searching for any of its
    whitespace-separated words that can be searched for at all (holding a letter, a digit
    or a symbol; every word with a symbol can) finds the entry. Words of only punctuation
    search for nothing by design (match_query returns None)."""
    journal = open_journal(tmp_path / "b.sqlite3")
    # No control characters: the service drops them before the store (clean_lines), and
    # SQLite's length() stops at a NUL, so the store's CHECK refuses "\x000" outright.
    text = st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"),
                                          exclude_characters=SQLITE_SEPARATORS),
                   min_size=1, max_size=60)
    emoji = st.sampled_from(["😡", THUMB_MEDIUM, WOMAN_TECHNOLOGIST, SCOTLAND, "❤️", "✔",
                             "★", "1\ufe0f\u20e3", "电话", "difícil", " ", "\n"])
    mixed = st.lists(st.one_of(text, emoji), min_size=1, max_size=6).map("".join)

    @settings(max_examples=400, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(mixed, st.data())
    def finds(entry_text: str, data: st.DataObject) -> None:
        pieces = entry_text.split()
        # A word with an emoji or other symbol in it can always be searched for.
        assert all(match_query(w) is not None for w in pieces
                   if any(unicodedata.category(ch) == "So" for ch in w))
        words = [w for w in pieces if match_query(w) is not None]
        assume(words)
        entry = journal.add(entry_text, T0, 0).id
        try:
            word = data.draw(st.sampled_from(words))
            assert entry in found(journal, word), (entry_text, word)
        finally:
            journal.delete(entry)

    finds()
    journal.store.close()
