"""Export every table as JSON or CSV: the user's data, in formats any tool reads."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from desktop import __version__
from desktop.paths import ensure_private_dir, open_private
from desktop.store.repository import Store

FORMATS = ("csv", "json")


def export_json(store: Store, out: TextIO, exported_at: str) -> None:
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in store.EXPORT_TABLES:
        columns, rows = store.table_rows(table)
        tables[table] = [dict(zip(columns, row, strict=True)) for row in rows]
    document = {"format": "breakwater-export", "version": 1, "app_version": __version__,
                "exported_at": exported_at, "tables": tables}
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _write_csv(out: TextIO, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)


def export_csv_stream(store: Store, out: TextIO) -> None:
    """All tables to one stream: each starts with a line ``# table: NAME`` then its CSV."""
    for i, table in enumerate(store.EXPORT_TABLES):
        if i:
            out.write("\n")
        out.write(f"# table: {table}\n")
        _write_csv(out, *store.table_rows(table))


def export_csv_dir(store: Store, directory: Path) -> list[Path]:
    """One ``NAME.csv`` per table inside ``directory`` (created private)."""
    ensure_private_dir(directory)
    written = []
    for table in store.EXPORT_TABLES:
        path = directory / f"{table}.csv"
        buffer = io.StringIO()
        _write_csv(buffer, *store.table_rows(table))
        _write_private(path, buffer.getvalue())
        written.append(path)
    return written


def export_json_file(store: Store, path: Path, exported_at: str) -> None:
    buffer = io.StringIO()
    export_json(store, buffer, exported_at)
    _write_private(path, buffer.getvalue())


def _write_private(path: Path, text: str) -> None:
    """Write via a private temporary file and rename, so a full disk leaves no half file."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = open_private(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
