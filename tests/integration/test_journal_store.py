"""The journal against a real SQLite file: full-text search in English, Spanish and
Chinese, edits and deletes reflected in search, drafts, links, the index rebuilt after a
migration, export and erasure."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database, Migrations

from desktop.core.journal import Draft
from desktop.core.model import Kind, Reason
from desktop.store import export, versions
from desktop.store.journal import JournalStore
from desktop.store.schema import rebuild_journal_search
from tests.integration.journal_helpers import open_journal

T0 = 1_790_000_000.5




def add(journal: JournalStore, text: str, at: float = T0, **kw: object) -> int:
    return journal.add(text, at, 3600, **kw).id  # type: ignore[arg-type]


def found(journal: JournalStore, words: str) -> list[int]:
    return [e.id for e in journal.search(words, 50)]


# Three scripts ---------------------------------------------------------------------
def test_english_words_case_and_beginnings(journal: JournalStore) -> None:
    shouted = add(journal, "The customer SHOUTED at me for ten minutes.")
    refund = add(journal, "Another refund request; I stayed calm.", T0 + 60)
    assert found(journal, "shouted") == [shouted]
    assert found(journal, "Customer shouted") == [shouted]
    assert found(journal, "shou") == [shouted]  # search as you type: a beginning is enough
    assert found(journal, "calm refund") == [refund]  # every word, in any order
    assert found(journal, "calm shouted") == []
    assert found(journal, "minutes.") == [shouted]


def test_spanish_accents_are_ignored_both_ways(journal: JournalStore) -> None:
    hard = add(journal, "Hoy fue un día difícil: la clienta lloró.")
    same = add(journal, "Otro dia dificil, sin acentos.", T0 + 60)
    assert found(journal, "dificil") == [same, hard]  # newest first
    assert found(journal, "difícil") == [same, hard]
    assert found(journal, "DIFÍCIL") == [same, hard]
    assert found(journal, "lloro") == [hard]
    assert found(journal, "clienta llor") == [hard]
    # Decomposed accents (as some keyboards and macOS file names give them) and
    # full-width letters are the same words.
    assert found(journal, "dif\u0301icil") == [same, hard]
    assert found(journal, "ｄｉｆｉｃｉｌ") == [same, hard]


def test_chinese_is_found_inside_a_sentence_without_spaces(journal: JournalStore) -> None:
    call = add(journal, "今天的电话很难")
    other = add(journal, "明天休息，给朋友打电话。", T0 + 60)
    assert found(journal, "电话") == [other, call]
    assert found(journal, "今天的电话很难") == [call]
    assert found(journal, "话很") == [call]  # across what a person would call two words
    assert found(journal, "难") == [call]  # one character
    assert found(journal, "朋友") == [other]
    assert found(journal, "电难") == []  # both characters, but not side by side
    assert found(journal, "天气") == []
    assert found(journal, "电话 朋友") == [other]
    assert found(journal, "电话，") == [other, call]  # full-width punctuation is no word


def test_scripts_mixed_in_one_entry(journal: JournalStore) -> None:
    mixed = add(journal, "Call from 北京 about the refund — muy difícil")
    assert found(journal, "北京") == [mixed]
    assert found(journal, "北京 refund dificil") == [mixed]
    assert found(journal, "京") == [mixed]


@pytest.mark.parametrize("words", [
    '"', '""', '"dificil', "dificil\"", "*", "**", "-", "-dificil", "dificil-", "NEAR",
    "NEAR(a b)", "OR", "AND", "NOT", "a OR b", "a AND NOT b", "(", ")", "()", "^", "^a",
    ":", "body:dificil", "journal_search_fts:x", "'", "\\", "+", "{", "}", "[a]", "电话*",
    "\x00", "\u200b", "   ", "", "🙂", "a\nb", "%", "_", "a'b\"c",
])
def test_fts_syntax_in_user_input_never_raises(journal: JournalStore, words: str) -> None:
    add(journal, "dificil NEAR or and not a b")
    result = journal.search(words, 10)
    assert isinstance(result, list)
    assert journal.search_count(words) == len(result)


def test_fts_keywords_typed_by_a_person_are_plain_words(journal: JournalStore) -> None:
    either = add(journal, "Either this or that, not both")
    near = add(journal, "I was near tears", T0 + 60)
    assert found(journal, "OR") == [either]
    assert found(journal, "NOT") == [either]
    assert found(journal, "NEAR") == [near]
    assert found(journal, "-tears") == [near]
    assert found(journal, '"this or that"') == [either]


def test_any_text_typed_into_the_search_box_is_safe(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "b.sqlite3")
    add(journal, "Hoy fue un día difícil; 今天的电话很难; the customer shouted")

    @settings(max_examples=300, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(max_size=40))
    def search_anything(words: str) -> None:
        assert journal.search_count(words) == len(journal.search(words, 10))

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet=st.sampled_from('"*-^:()+ NEARORANDNOT电话dificíl'), max_size=20))
    def search_syntax(words: str) -> None:
        journal.search(words, 10)

    search_anything()
    search_syntax()
    journal.store.close()


def test_every_word_of_an_entry_finds_it(tmp_path: Path) -> None:
    """Whatever the text, searching for any piece of it (a whitespace-separated word)
    finds the entry."""
    journal = open_journal(tmp_path / "b.sqlite3")
    word = st.text(alphabet=st.characters(categories=("Ll", "Lu", "Lo", "Nd")), min_size=1,
                   max_size=8)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(word, min_size=1, max_size=6), st.data())
    def finds(words: list[str], data: st.DataObject) -> None:
        entry = journal.add(" ".join(words), T0, 0).id
        piece = data.draw(st.sampled_from(words))
        assert entry in found(journal, piece)
        journal.delete(entry)

    finds()
    journal.store.close()


# Edits and deletes ---------------------------------------------------------------
def test_an_edit_is_what_search_finds(journal: JournalStore) -> None:
    entry = add(journal, "The supervisor was not there")
    updated = journal.update(entry, "El supervisor llegó tarde; 经理来晚了", 4, T0 + 99)
    assert updated is not None and updated.mood == 4 and updated.updated == T0 + 99
    assert found(journal, "there") == []
    assert found(journal, "llego") == [entry]
    assert found(journal, "经理") == [entry]
    assert journal.update(999, "x", None, T0) is None


def test_a_delete_is_gone_from_search_and_an_undo_brings_it_back(journal: JournalStore
                                                                  ) -> None:
    journal.store.add_interaction(Kind.DIFFICULT, T0 - 60, 0, 3, Reason.ABUSIVE)
    entry = add(journal, "zebraquokka 电话很难", mood=2, links=[1], prompt="need-now")
    gone = journal.delete(entry)
    assert gone is not None and gone.links == (1,)
    assert found(journal, "zebraquokka") == found(journal, "电话") == []
    assert journal.get(entry) is None and journal.delete(entry) is None
    back = journal.restore(gone)
    assert back == gone  # same id, time, mood, question and links
    assert found(journal, "zebraquokka") == [entry]


def test_an_undo_after_the_id_was_reused_gets_a_new_id(journal: JournalStore) -> None:
    first = add(journal, "first")
    gone = journal.delete(first)
    assert gone is not None
    reused = add(journal, "second, written meanwhile")
    assert reused == first  # SQLite reuses the highest free rowid
    back = journal.restore(gone)
    assert back.id != first and back.text == "first"
    assert sorted(found(journal, "first")) == [back.id]


def test_deleted_words_leave_the_index_at_once(journal: JournalStore) -> None:
    entry = add(journal, "zebraquokka")
    add(journal, "something else to keep the index busy")
    journal.delete(entry)
    blocks = [bytes(b) for (b,) in journal.store.conn.execute(
        "SELECT block FROM journal_search_fts_data WHERE block IS NOT NULL")]
    assert blocks and not any(b"zebraquokka" in b for b in blocks)
    edited = add(journal, "walrusmarmot")
    journal.update(edited, "changed", None, T0)
    blocks = [bytes(b) for (b,) in journal.store.conn.execute(
        "SELECT block FROM journal_search_fts_data WHERE block IS NOT NULL")]
    assert not any(b"walrusmarmot" in b for b in blocks)


def test_newest_first_and_paging(journal: JournalStore) -> None:
    ids = [add(journal, f"entry {i}", T0 + i) for i in range(5)]
    assert [e.id for e in journal.entries(2)] == ids[::-1][:2]
    assert [e.id for e in journal.entries(2, 2)] == ids[::-1][2:4]
    assert [e.id for e in journal.search("entry", 2, 4)] == ids[:1]
    assert journal.count() == 5 and journal.search_count("entry") == 5


def test_the_database_refuses_what_the_app_would_refuse(journal: JournalStore) -> None:
    conn = journal.store.conn
    for text, mood in (("   ", None), ("x" * 100_001, None), ("fine", 6)):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO journal_entries (created_utc, utc_offset_min, text, "
                         "mood) VALUES ('2026-01-01T00:00:00.000000Z', 0, ?, ?)", (text, mood))


# Links ---------------------------------------------------------------------------
def test_links_and_the_calls_offered(journal: JournalStore) -> None:
    store = journal.store
    old = store.add_interaction(Kind.DIFFICULT, T0 - 7200, 0, 2).id
    store.add_interaction(Kind.ORDINARY, T0 - 3000, 0)
    undone = store.add_interaction(Kind.DIFFICULT, T0 - 2000, 0, 3).id
    store.undo(undone, T0 - 1900)
    recent = store.add_interaction(Kind.DIFFICULT, T0 - 600, 3600, 3, Reason.BOUNDARY).id
    offered = journal.difficult_since(T0 - 3600)
    assert [(c.interaction_id, c.severity, c.reason, c.offset_min) for c in offered] == [
        (recent, 3, "boundary", 60)]
    entry = journal.add("about both", T0, 0, links=[old, recent, 12345])
    assert entry.links == (old, recent)  # a call that does not exist is not linked
    assert [c.interaction_id for c in journal.interactions([recent, old])] == [recent, old]
    assert journal.last_created() == T0


def test_nudge_ids_that_do_not_exist_are_not_kept(journal: JournalStore) -> None:
    entry = journal.add("from a nudge", T0, 0, nudge_id=77)
    assert entry.nudge_id is None


# Drafts --------------------------------------------------------------------------
def test_one_draft_for_a_new_entry_kept_and_replaced(journal: JournalStore) -> None:
    assert journal.draft() is None
    assert journal.save_draft(Draft("first words", mood=3, prompt="did-well", links=(5, 2),
                                    started=T0), T0 + 1, 0)
    assert journal.save_draft(Draft("first words and more", mood=3, links=(2,),
                                    started=T0 + 50), T0 + 2, 0)
    draft = journal.draft()
    assert draft is not None
    assert (draft.text, draft.mood, draft.links, draft.entry_id) == (
        "first words and more", 3, (2,), None)
    assert draft.started == T0 and draft.saved == T0 + 2  # started once, saved each time
    assert journal.store.conn.execute("SELECT count(*) FROM journal_drafts").fetchone() == (1,)
    journal.add("first words and more", T0 + 3, 0, clear_draft=True)
    assert journal.draft() is None


def test_edit_drafts_belong_to_their_entry(journal: JournalStore) -> None:
    entry = add(journal, "original")
    assert journal.save_draft(Draft("changed", entry_id=entry, started=T0), T0, 0)
    assert journal.draft() is None  # not the new-entry draft
    assert journal.edited_entries() == {entry}
    assert journal.draft(entry) is not None
    journal.update(entry, "changed", None, T0 + 5)
    assert journal.draft(entry) is None  # saved: the draft is done with
    journal.save_draft(Draft("again", entry_id=entry, started=T0), T0, 0)
    journal.delete(entry)
    assert journal.draft(entry) is None
    assert not journal.save_draft(Draft("for a deleted entry", entry_id=entry), T0, 0)
    journal.discard_draft(entry)  # nothing to discard is fine


# Migrations ----------------------------------------------------------------------
def test_the_journal_arrives_on_a_file_from_before_it(tmp_path: Path) -> None:
    """A file made by an earlier Breakwater (no journal tables) gets them, and search
    works on the first entry written after the upgrade."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    old = Migrations(versions.MIGRATION_SET)
    from desktop.store import schema

    for migration in schema.migrations._migrations:
        if migration.name in ("m001_initial", "m002_app_state"):
            old(name=migration.name)(migration.fn)
    old.apply(Database(conn))
    conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity) "
                 "VALUES ('2026-01-01T09:00:00.000000Z', 0, 'difficult', 2)")
    conn.close()
    journal = open_journal(path)
    assert "m005_journal" in versions.applied(journal.store.conn)
    entry = add(journal, "después de la actualización, 更新以后", links=[1])
    assert found(journal, "despues") == found(journal, "更新") == [entry]
    journal.store.close()


def test_the_index_is_rebuilt_by_a_later_migration(tmp_path: Path) -> None:
    """A later migration that reshapes the search table (sqlite-utils ``transform``
    drops its triggers) or changes how text is indexed ends with
    ``rebuild_journal_search``: old entries are found again, and new edits are tracked."""
    path = tmp_path / "b.sqlite3"
    journal = open_journal(path)
    ids = [add(journal, text) for text in ("The customer shouted", "un día difícil",
                                             "今天的电话很难")]
    conn = journal.store.conn
    # What a careless later migration might do: rebuild the table, losing the triggers
    # and the index's contents.
    db = Database(conn)
    db["journal_search"].transform(types={"body": str})
    conn.execute("INSERT INTO journal_search_fts (journal_search_fts) VALUES ('delete-all')")
    assert found(journal, "shouted") == []
    later = Migrations(versions.MIGRATION_SET)

    @later()
    def m999_reshape_journal(db: Database) -> None:
        rebuild_journal_search(db)

    conn.execute("BEGIN IMMEDIATE")
    later.apply(db)
    conn.execute("COMMIT")
    assert found(journal, "shouted") == [ids[0]]
    assert found(journal, "dificil") == [ids[1]]
    assert found(journal, "电话") == [ids[2]]
    triggers = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"journal_search_ai", "journal_search_ad", "journal_search_au"} <= triggers
    journal.update(ids[0], "The customer apologised", None, T0)
    assert found(journal, "shouted") == [] and found(journal, "apologised") == [ids[0]]
    assert conn.execute("INSERT INTO journal_search_fts (journal_search_fts, rank) "
                        "VALUES ('integrity-check', 1)").rowcount == 1
    journal.store.close()


# Export and erasure ----------------------------------------------------------------
def test_export_has_entries_links_and_drafts_but_not_the_index(journal: JournalStore) -> None:
    store = journal.store
    store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    add(journal, "exported words 导出", mood=5, links=[1])
    journal.save_draft(Draft("half a thought", started=T0), T0, 0)
    out = __import__("io").BytesIO()  # export writes UTF-8 bytes, streaming
    export.export_json(store, out, "2026-01-01T00:00:00Z")
    tables = json.loads(out.getvalue().decode("utf-8"))["tables"]
    assert tables["journal_entries"][0]["text"] == "exported words 导出"
    assert tables["journal_entries"][0]["mood"] == 5
    assert tables["journal_links"] == [{"entry_id": 1, "interaction_id": 1}]
    assert tables["journal_drafts"][0]["text"] == "half a thought"
    assert not [name for name in tables if name.startswith("journal_search")]


def test_delete_everything_leaves_no_journal_words_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    journal = open_journal(path)
    for i in range(20):
        add(journal, f"zebraquokka number {i}, 斑马袋鼠 {i}")
    journal.save_draft(Draft("walrusmarmot draft", started=T0), T0, 0)
    journal.store.delete_everything()
    conn = journal.store.conn
    for table in ("journal_entries", "journal_links", "journal_drafts", "journal_search",
                  "journal_search_fts"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    assert found(journal, "zebraquokka") == []
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    journal.store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    for marker in ("zebraquokka", "walrusmarmot", "斑马袋鼠", "斑"):
        assert marker.encode() not in raw, marker
    again = open_journal(path)  # the index works after the erase
    entry = add(again, "fresh start")
    assert found(again, "fresh") == [entry]
    again.store.close()
