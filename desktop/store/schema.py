"""Schema versions of the Breakwater database, applied with sqlite-utils ``Migrations``.

docs/schema.md describes every table for people opening the file in their own tools.
Never edit an applied migration; add a new one.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

from desktop.store import versions

migrations = Migrations(versions.MIGRATION_SET)

_REASONS = "'abusive','distressed','boundary','unresolved','other'"
# Case-folded, accents removed ("dificil" finds "difícil"); Chinese and emoji are made
# searchable by desktop/store/journal_text.index_form before the text reaches the tokenizer.
JOURNAL_TOKENIZER = "unicode61 remove_diacritics 2"


@migrations()
def m001_initial(db: Database) -> None:
    # Statement by statement: executescript() would COMMIT and break the migration's
    # transaction.
    for statement in f"""
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('difficult', 'ordinary')),
            severity INTEGER CHECK (
                (kind = 'difficult' AND severity BETWEEN 1 AND 3)
                OR (kind = 'ordinary' AND severity IS NULL)),
            reason TEXT CHECK (reason IS NULL OR (kind = 'difficult' AND reason IN ({_REASONS}))),
            note TEXT,
            source TEXT NOT NULL DEFAULT 'cli',
            undone_at_utc TEXT
        );
        CREATE INDEX interactions_at ON interactions (at_utc);
        CREATE INDEX interactions_kind_at ON interactions (kind, at_utc);

        CREATE TABLE breaks (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('break', 'idle')),
            started_utc TEXT NOT NULL,
            ended_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            planned_seconds INTEGER,
            outcome TEXT NOT NULL CHECK (outcome IN ('taken', 'shortened', 'skipped')),
            nudge_id INTEGER REFERENCES nudges(id)
        );
        CREATE INDEX breaks_started ON breaks (started_utc);

        CREATE TABLE breathing_sessions (
            id INTEGER PRIMARY KEY,
            started_utc TEXT NOT NULL,
            ended_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            pattern TEXT NOT NULL,
            planned_seconds REAL NOT NULL,
            actual_seconds REAL NOT NULL CHECK (actual_seconds >= 0),
            completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
            rating_before INTEGER CHECK (rating_before BETWEEN 0 AND 10),
            rating_after INTEGER CHECK (rating_after BETWEEN 0 AND 10),
            nudge_id INTEGER REFERENCES nudges(id)
        );
        CREATE INDEX breathing_started ON breathing_sessions (started_utc);

        CREATE TABLE nudges (
            id INTEGER PRIMARY KEY,
            shown_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('breathe', 'break', 'journal')),
            level TEXT NOT NULL CHECK (level IN ('calm', 'building', 'high')),
            load REAL NOT NULL,
            streak INTEGER NOT NULL,
            response TEXT CHECK (response IS NULL OR response IN
                ('accepted', 'snoozed', 'dismissed')),
            responded_utc TEXT,
            snooze_minutes REAL
        );
        CREATE INDEX nudges_shown ON nudges (shown_utc);

        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m002_app_state(db: Database) -> None:
    # What the running app remembers between runs that is not a setting: the nudge
    # policy's pause, snooze and cooldowns (JSON), so a restart neither forgets
    # "pause until tomorrow" nor repeats a nudge already answered.
    db.execute("CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations()
def m008_calls(db: Database) -> None:
    # When calls were live (from the microphone's use), to hold nudges and to chart calls
    # per hour. Only the span and which source saw it: no audio, names or numbers.
    # ended_utc starts equal to started_utc and moves forward while the call is live, so
    # a crash mid-call leaves a sensible end rather than an open row.
    db.execute("""
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            started_utc TEXT NOT NULL,
            ended_utc TEXT NOT NULL CHECK (ended_utc >= started_utc),
            utc_offset_min INTEGER NOT NULL,
            source TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX calls_started ON calls (started_utc)")


_SUPPORT_TABLES = """
        CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            week TEXT NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
            answered INTEGER NOT NULL CHECK (answered BETWEEN 1 AND 6),
            score REAL CHECK (score IS NULL OR (score BETWEEN 0 AND 100 AND answered >= 3)),
            source TEXT NOT NULL DEFAULT 'window'
        );
        CREATE INDEX checkins_week ON checkins (week);

        CREATE TABLE checkin_answers (
            checkin_id INTEGER NOT NULL REFERENCES checkins(id) ON DELETE CASCADE,
            item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 6),
            answer INTEGER CHECK (answer IS NULL OR answer BETWEEN 0 AND 4),
            points INTEGER CHECK ((answer IS NULL AND points IS NULL) OR points = answer * 25),
            PRIMARY KEY (checkin_id, item)
        );

        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            reach TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            added_utc TEXT NOT NULL
        );

        CREATE TABLE phrases (
            id INTEGER PRIMARY KEY,
            group_key TEXT NOT NULL
                CHECK (group_key IN ('calm', 'limit', 'redirect', 'handover', 'end')),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            replaces TEXT,
            hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
            added_utc TEXT NOT NULL,
            changed_utc TEXT NOT NULL
        );
        CREATE UNIQUE INDEX phrases_replaces ON phrases (replaces) WHERE replaces IS NOT NULL;

        CREATE TABLE hidden_default_phrases (
            key TEXT PRIMARY KEY,
            hidden_utc TEXT NOT NULL
        );
        """


@migrations()
def m007_support(db: Database) -> None:
    # The weekly check-in (a row per check-in, a row per item), the people the user keeps
    # to reach, and the user's own phrase cards (the defaults live in the code so they
    # follow the language; only the user's wording and what they hid are stored).
    for statement in _SUPPORT_TABLES.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m003_identity(db: Database) -> None:
    # Mark the file as Breakwater's, so another program's SQLite file is never taken for
    # ours (and `file breakwater.sqlite3` can tell). Transactional like any header write.
    db.execute(f"PRAGMA application_id = {versions.APPLICATION_ID}")
    # Requests from the command line that the tray app carried out, or that the command
    # line gave up on: the first to record a request's id decides its outcome, so a
    # request the command line stopped waiting for is never carried out later.
    db.execute("""
        CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            at_utc TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('done', 'expired'))
        )""")
    # Every command reads the recoveries that end inside the load window: without these
    # it reads every break and breathing session ever recorded.
    db.execute("CREATE INDEX breaks_ended ON breaks (ended_utc)")
    db.execute("CREATE INDEX breathing_ended ON breathing_sessions (ended_utc)")


@migrations()
def m005_journal(db: Database) -> None:
    # Entries, the hard calls each is about, unsaved drafts, and the full-text index.
    # The index is over ``journal_search.body`` (the text in ``index_form``: Chinese
    # characters set apart, see desktop/store/journal_text.py), which the store writes
    # with each entry; sqlite-utils' triggers keep ``journal_search_fts`` in step with it.
    for statement in (
        """CREATE TABLE journal_entries (
            id INTEGER PRIMARY KEY,
            created_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            updated_utc TEXT,
            text TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 100000),
            mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
            prompt TEXT,
            nudge_id INTEGER REFERENCES nudges(id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT 'window'
        )""",
        """CREATE INDEX journal_entries_created ON journal_entries (created_utc)""",
        """CREATE TABLE journal_links (
            entry_id INTEGER NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
            interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
            PRIMARY KEY (entry_id, interaction_id)
        )""",
        """CREATE INDEX journal_links_interaction ON journal_links (interaction_id)""",
        """CREATE TABLE journal_drafts (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER REFERENCES journal_entries(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            mood INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
            prompt TEXT,
            links TEXT NOT NULL DEFAULT '[]',
            nudge_id INTEGER REFERENCES nudges(id) ON DELETE SET NULL,
            started_utc TEXT NOT NULL,
            saved_utc TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL
        )""",
        # One draft per entry being edited, and one (entry_id NULL) for a new entry.
        """CREATE UNIQUE INDEX journal_drafts_one_per_entry
            ON journal_drafts (ifnull(entry_id, 0))""",
        """CREATE TABLE journal_search (
            entry_id INTEGER PRIMARY KEY REFERENCES journal_entries(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        )""",
    ):
        db.execute(statement)
    rebuild_journal_search(db)


def rebuild_journal_search(db: Database) -> None:
    """(Re)create the journal's full-text index with its triggers and fill it from the
    entries. A later migration that changes ``journal_entries`` or ``index_form`` calls
    this at its end, so the index always matches the entries it describes."""
    from desktop.store.journal_text import index_form

    db.execute("DELETE FROM journal_search")
    for entry_id, text in db.execute("SELECT id, text FROM journal_entries").fetchall():
        db.execute("INSERT INTO journal_search (entry_id, body) VALUES (?, ?)",
                   (entry_id, index_form(text)))
    search = db.table("journal_search")
    search.enable_fts(["body"], tokenize=JOURNAL_TOKENIZER, create_triggers=True, replace=True)
    search.rebuild_fts()


def tables_made_by(names: set[str]) -> set[str]:
    """The tables (with sqlite-utils' record of them) that the migrations ``names`` make,
    found by applying them to an empty database in memory."""
    db = Database(memory=True, execute_plugins=False)
    try:
        made = Migrations(versions.MIGRATION_SET)
        for migration in migrations.pending(db):
            if migration.name in names:
                made(name=migration.name)(migration.fn)
        made.apply(db)
        return {name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    finally:
        db.close()


@migrations()
def m006_history_indexes(db: Database) -> None:
    # The History window's charts count rows by *local* date, weekday and hour
    # (docs/history.md). Each expression below is the one desktop/store/history.py
    # queries with, character for character, so SQLite can answer from the index alone
    # instead of computing dates for every row of a five-year file. Partial indexes skip
    # undone tags and skipped breaks, which no chart counts. No ANALYZE: statistics taken
    # while a file is new and small would mislead the planner once it has years in it;
    # tests check that each chart query uses its index without them.
    local = "printf('%+d minutes', utc_offset_min)"
    for statement in (
        # Calls per day/week/month, by kind and severity.
        "CREATE INDEX interactions_local_day ON interactions "
        f"(kind, severity, date(at_utc, {local})) WHERE undone_at_utc IS NULL",
        # The weekday × hour heatmap of difficult calls.
        "CREATE INDEX interactions_local_hour ON interactions "
        f"(strftime('%w', at_utc, {local}), strftime('%H', at_utc, {local}), "
        f"date(at_utc, {local})) WHERE kind = 'difficult' AND undone_at_utc IS NULL",
        # The longest streak: difficult and undone tags in recorded order.
        "CREATE INDEX interactions_streak ON interactions (id, undone_at_utc) "
        "WHERE kind = 'difficult' OR undone_at_utc IS NOT NULL",
        # Breaks per bar by origin. (Breaks ending inside a streak and breathing in the
        # half hour after a nudge use m003_identity's breaks_ended and breathing_ended.)
        "CREATE INDEX breaks_local_day ON breaks "
        f"(kind, date(started_utc, {local}), nudge_id) WHERE outcome != 'skipped'",
        # Nudges per bar by response, break nudges per bar, and high-load moments.
        f"CREATE INDEX nudges_local_response ON nudges (response, date(shown_utc, {local}))",
        f"CREATE INDEX nudges_local_kind ON nudges (kind, date(shown_utc, {local}))",
        "CREATE INDEX nudges_level_shown ON nudges (level, shown_utc)",
        # Calls (m008_calls) by local hour of the day.
        "CREATE INDEX calls_local_hour ON calls "
        f"(strftime('%H', started_utc, {local}), date(started_utc, {local}))",
    ):
        db.execute(statement)


@migrations()
def m004_breaks(db: Database) -> None:
    # Round 2 moved the default levels from building 2 / high 4 to 3 / 6. Stored values
    # keep their meaning, but a user who stored only levels.high_at at 3 or below (valid
    # beside the old building default of 2) would now have it refused as not above the
    # new default; keep the pair they had by storing the old building default with it.
    rows = dict(db.execute("SELECT key, value FROM settings WHERE key IN "
                           "('levels.building_at', 'levels.high_at')").fetchall())
    try:
        high = float(rows["levels.high_at"])
    except (KeyError, ValueError):
        return
    if "levels.building_at" not in rows and 2.0 < high <= 3.0:
        db.execute("INSERT INTO settings (key, value) VALUES ('levels.building_at', '2.0')")


@migrations()
def m009_journal_emoji(db: Database) -> None:
    # index_form now sets emoji and other symbols apart as words of their own (FTS5's
    # unicode61 read them as spaces, so "😡" found nothing): the index of entries written
    # before is rebuilt from journal_entries in the new form.
    rebuild_journal_search(db)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply pending migrations in one IMMEDIATE transaction.

    BEGIN IMMEDIATE serialises first-run migrations across processes started together;
    whoever waits re-checks and finds nothing left to do.
    """
    db = Database(conn, execute_plugins=False)
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
