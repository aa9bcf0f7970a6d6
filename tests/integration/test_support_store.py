"""Check-ins, people to reach and phrases in a real SQLite file: writes, reads, export and
erase, and an older file upgraded with its rows kept."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.core.clock import FakeClock
from desktop.core.phrases import DEFAULTS, GROUP_KEYS
from desktop.service import Breakwater, checkin, contacts, phrases
from desktop.store import export
from desktop.store.checkins import CheckinStore
from desktop.store.contacts import ContactStore
from desktop.store.db import open_database
from desktop.store.errors import StoreError
from desktop.store.phrases import PhraseStore
from desktop.store.repository import Store

T0 = 1_790_000_000.0  # Sunday 2026-09-20, 14:13 UTC
WEEK = 7 * 86_400.0


def open_store(path: Path) -> Store:
    opened = open_database(path)
    return Store(opened.conn, opened.path)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "b.sqlite3")
    yield s  # type: ignore[misc]
    s.close()


def test_a_check_in_is_stored_per_item_and_as_a_score(store: Store) -> None:
    checkins = CheckinStore(store)
    row = checkins.add(at=T0, offset=3600, week="2026-W38", answers=(4, 3, None, 2, 1, 0),
                       score=50.0, source="cli")
    got = checkins.get(row)
    assert got is not None
    assert (got.week, got.score, got.answers, got.at) == (
        "2026-W38", 50.0, (4, 3, None, 2, 1, 0), T0)
    rows = store.query("SELECT item, answer, points FROM checkin_answers ORDER BY item")
    assert rows == [(1, 4, 100), (2, 3, 75), (3, None, None), (4, 2, 50), (5, 1, 25),
                    (6, 0, 0)]
    assert store.query("SELECT answered, score, source, utc_offset_min FROM checkins") == [
        (5, 50.0, "cli", 60)]


def test_the_file_refuses_impossible_check_ins(store: Store) -> None:
    checkins = CheckinStore(store)
    with pytest.raises(StoreError):  # a score with only two answers
        checkins.add(at=T0, offset=0, week="2026-W38", answers=(4, 4, None, None, None, None),
                     score=100.0, source="cli")
    with pytest.raises(StoreError):
        checkins.add(at=T0, offset=0, week="week 38", answers=(1, 1, 1, 1, 1, 1),
                     score=25.0, source="cli")
    assert store.query("SELECT count(*) FROM checkins") == [(0,)]  # nothing half-written
    assert store.query("SELECT count(*) FROM checkin_answers") == [(0,)]


def test_the_latest_check_in_of_each_week_counts(store: Store) -> None:
    checkins = CheckinStore(store)
    for week, score in (("2026-W36", 30.0), ("2026-W37", 40.0), ("2026-W37", 45.0),
                        ("2026-W38", None)):
        answers = (1, 1, None, None, None, None) if score is None else (2, 2, 2, 2, 2, 2)
        checkins.add(at=T0, offset=0, week=week, answers=answers, score=score, source="cli")
    assert checkins.week_scores(["2026-W38", "2026-W37", "2026-W36", "2026-W35"]) == {
        "2026-W38": None, "2026-W37": 45.0, "2026-W36": 30.0}
    assert checkins.latest_week() == "2026-W38"


def test_recording_through_the_service_compares_with_earlier_weeks(store: Store) -> None:
    clock = FakeClock(T0, offset=7200)
    app = Breakwater.open(store, clock)
    first = checkin.record(app, (1, 1, 1, 1, 1, 1), "window")
    assert first.trend.score == 25.0 and first.trend.compared == 0
    clock.advance(WEEK)
    second = checkin.record(app, (3, 3, 2, 2, None, None), "window")
    assert second.trend.score == 62.5
    assert second.trend.compared == 1 and second.trend.high
    assert dict(second.trend.earlier)[first.trend.week] == 25.0
    assert checkin.checked_in_this_week(app)
    clock.advance(WEEK)
    assert not checkin.checked_in_this_week(app)


def test_contacts_add_list_update_remove(store: Store) -> None:
    people = ContactStore(store)
    assert people.list() == []
    ana = people.add("  Ana ", "ext. 402", "team lead", T0)
    eap = people.add("EAP", "tel:+34900123456", "free and confidential", T0)
    assert [(p.name, p.reach, p.note) for p in people.list()] == [
        ("Ana", "ext. 402", "team lead"), ("EAP", "tel:+34900123456", "free and confidential")]
    assert people.update(ana.id, "Ana G.", "ext. 403", "team lead")
    assert people.list()[0].reach == "ext. 403"
    with pytest.raises(ValueError):
        people.add("   ", "x", "y", T0)
    with pytest.raises(ValueError):
        people.update(eap.id, "", "", "")
    assert people.remove(ana.id)
    assert not people.remove(ana.id)
    assert [p.name for p in people.list()] == ["EAP"]


def test_card_lines_name_at_most_two_people(store: Store) -> None:
    app = Breakwater.open(store, FakeClock(T0))
    for name, reach, note in (("Ana", "ext. 402", "team lead"), ("Luis", "@luis", ""),
                              ("EAP", "0800 123", "")):
        contacts.add(app, name, reach, note)
    assert contacts.card_lines(contacts.contacts(app)) == [
        "Talk to someone: Ana, team lead, ext. 402", "or Luis, @luis"]
    with pytest.raises(ValueError, match="needs a name"):
        contacts.add(app, " ")


def test_phrases_add_reword_hide_and_show_again(store: Store) -> None:
    app = Breakwater.open(store, FakeClock(T0))
    cards = phrases.cards(app)
    assert len(cards) == len(DEFAULTS)
    assert [c.group for c in cards] == sorted((c.group for c in cards), key=GROUP_KEYS.index)
    first_limit = next(c for c in cards if c.group == "limit")
    # Reword a default: it keeps its place, now in the user's words.
    phrases.reword(app, first_limit, "Let's keep this respectful so I can help you.")
    reworded = next(c for c in phrases.cards(app) if c.default_key == first_limit.default_key)
    assert reworded.text == "Let's keep this respectful so I can help you."
    assert reworded.own_id is not None
    phrases.reword(app, reworded, "Let's keep it respectful, please.")
    assert store.query("SELECT text, replaces FROM phrases") == [
        ("Let's keep it respectful, please.", first_limit.default_key)]
    # Add one of the user's own; it comes after the defaults of its group.
    phrases.add(app, "limit", "I'm here to help, not to be shouted at.")
    limit = [c for c in phrases.cards(app) if c.group == "limit"]
    assert limit[-1].text == "I'm here to help, not to be shouted at." and limit[-1].own_id
    # Hide a default and one's own; show them again.
    calm = next(c for c in phrases.cards(app) if c.group == "calm")
    phrases.set_hidden(app, calm, True)
    phrases.set_hidden(app, limit[-1], True)
    hidden = {c.ident for c in phrases.cards(app) if c.hidden}
    assert hidden == {calm.ident, limit[-1].ident}
    assert PhraseStore(store).hidden_defaults() == {calm.default_key}
    for card in [c for c in phrases.cards(app) if c.hidden]:
        phrases.set_hidden(app, card, False)
    assert not any(c.hidden for c in phrases.cards(app))
    with pytest.raises(ValueError, match="cannot be empty"):
        phrases.add(app, "calm", "   ")
    with pytest.raises(ValueError):
        phrases.add(app, "nonsense", "text")


def test_defaults_follow_the_language(store: Store) -> None:
    app = Breakwater.open(store, FakeClock(T0))
    shouted = [c.text for c in phrases.cards(app, translate=str.upper)]
    assert shouted[0] == DEFAULTS[0].text.upper()
    phrases.reword(app, phrases.cards(app)[0], "My own words.")
    assert phrases.cards(app, translate=str.upper)[0].text == "My own words."


def test_export_and_delete_everything_cover_the_support_tables(store: Store) -> None:
    app = Breakwater.open(store, FakeClock(T0))
    checkin.record(app, (4, 3, None, 2, 1, 0), "cli")
    contacts.add(app, "Ana", "ext. 402", "team lead")
    phrases.add(app, "end", "I'm ending this call now.")
    phrases.set_hidden(app, phrases.cards(app)[0], True)
    import io

    buffer = io.BytesIO()  # exports are UTF-8 bytes, whatever the terminal
    export.export_json(store, buffer, "2026-09-20T00:00:00Z")
    tables = json.loads(buffer.getvalue().decode("utf-8"))["tables"]
    assert tables["checkins"][0]["score"] == 50.0
    assert len(tables["checkin_answers"]) == 6
    assert tables["contacts"][0]["name"] == "Ana"
    assert tables["phrases"][0]["text"] == "I'm ending this call now."
    assert tables["hidden_default_phrases"][0]["key"] == "calm-1"
    store.delete_everything()
    for table in ("checkins", "checkin_answers", "contacts", "phrases",
                  "hidden_default_phrases"):
        assert store.query(f"SELECT count(*) FROM {table}") == [(0,)], table


def test_an_older_file_is_upgraded_with_its_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    from sqlite_utils import Database, Migrations

    from desktop.store import schema, versions

    older = Migrations(versions.MIGRATION_SET)
    older()(schema.m001_initial)
    older()(schema.m002_app_state)  # the file as it was before the support tables
    conn = sqlite3.connect(path)
    older.apply(Database(conn))
    conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity) "
                 "VALUES ('2026-09-20T10:00:00.000000Z', 0, 'difficult', 2)")
    conn.commit()
    assert not versions.is_current(conn)
    conn.close()
    store = open_store(path)
    assert versions.is_current(store.conn)
    assert store.interaction_count() == 1
    ContactStore(store).add("Ana", "", "", T0)
    assert [p.name for p in ContactStore(store).list()] == ["Ana"]
    store.close()
