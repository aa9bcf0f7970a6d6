"""The user's data as a whole: export it, erase it. Shared by the settings window; the
command line's ``export`` and ``delete-everything`` write through the same store calls."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from desktop.service import Breakwater
from desktop.store import export

FORMATS = export.FORMATS


def export_data(app: Breakwater, fmt: str, path: Path) -> list[Path]:
    """Every table to ``path``: one JSON file, or a folder of CSV files (created private).
    Returns the files written; raises OSError or StoreError when that fails."""
    if fmt == "json":
        stamp = datetime.fromtimestamp(app.clock.now(), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        export.export_json_file(app.store, path, stamp)
        return [path]
    if fmt == "csv":
        return export.export_csv_dir(app.store, path)
    raise ValueError(fmt)


def delete_everything(app: Breakwater) -> None:
    """Erase every tag, session, nudge, setting and remembered state; the running app then
    computes from an empty file with default settings."""
    app.store.delete_everything()
    app.reload_settings()
