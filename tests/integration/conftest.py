"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.journal import JournalStore
from tests.integration.journal_helpers import open_journal


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[JournalStore]:
    """A fresh journal in a real SQLite file."""
    j = open_journal(tmp_path / "b.sqlite3")
    yield j
    j.store.close()
