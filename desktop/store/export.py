"""Export every table as JSON or CSV: the user's data, in formats any tool reads.

Both formats stream: rows go from the cursor to the output in batches, so memory stays
flat however many years the file holds, and writing to a pipe costs what writing to a
file does. Output is UTF-8 whatever the terminal's encoding (it is a file format, and a
note in Chinese must survive a Latin-1 terminal). The tables are those in the file's own
schema (desktop.store.catalog), read in one transaction so they agree with each other.
"""

from __future__ import annotations

import codecs
import csv
import json
import json.encoder
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from desktop import __version__
from desktop.paths import ensure_private_dir, open_private
from desktop.store.repository import Store

FORMATS = ("csv", "json")
BATCH_ROWS = 2000


def _encoder() -> Callable[[Any], str]:
    """JSONEncoder.encode without its per-call set-up (a third of the export's time)."""
    plain = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the plain encoder, slower but the same text
        return plain.encode
    fast = make(None, plain.default, json.encoder.encode_basestring, None, ": ", ", ",
                False, False, True)
    return lambda value: "".join(fast(value, 0))


def export_json(store: Store, out: BinaryIO, exported_at: str) -> None:
    """One JSON document: {"format", "version", "app_version", "exported_at", "tables":
    {name: [row objects]}}, one row per line."""
    encode = _encoder()
    head = {"format": "breakwater-export", "version": 1, "app_version": __version__,
            "exported_at": exported_at}
    out.write((encode(head)[:-1] + ', "tables": {').encode("utf-8"))
    with store.reading():
        for i, table in enumerate(store.tables().exported):
            columns, rows = store.iter_rows(table)
            out.write(f'{"," if i else ""}\n{encode(table)}: ['.encode())
            batch: list[str] = []
            first = True
            for row in rows:
                batch.append(encode(dict(zip(columns, row, strict=True))))
                if len(batch) >= BATCH_ROWS:
                    out.write((("\n" if first else ",\n") + ",\n".join(batch)).encode("utf-8"))
                    batch, first = [], False
            if batch:
                out.write((("\n" if first else ",\n") + ",\n".join(batch)).encode("utf-8"))
            out.write(b"\n]")
    out.write(b"\n}}\n")


def export_csv_stream(store: Store, out: BinaryIO) -> None:
    """All tables to one stream: each starts with a line ``# table: NAME`` then its CSV."""
    with _text(out) as text, store.reading():
        for i, table in enumerate(store.tables().exported):
            if i:
                text.write("\n")
            text.write(f"# table: {table}\n")
            _write_csv(text, store, table)


def export_csv_dir(store: Store, directory: Path) -> list[Path]:
    """One ``NAME.csv`` per table inside ``directory`` (created private)."""
    ensure_private_dir(directory)
    written = []
    with store.reading():
        for table in store.tables().exported:
            path = directory / f"{table}.csv"
            with _private_file(path) as handle, _text(handle) as text:
                _write_csv(text, store, table)
            written.append(path)
    return written


def export_json_file(store: Store, path: Path, exported_at: str) -> None:
    with _private_file(path) as handle:
        export_json(store, handle, exported_at)


def _write_csv(out: TextIO, store: Store, table: str) -> None:
    columns, rows = store.iter_rows(table)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)


class _Utf8Text:
    """The text side of a binary stream, buffered in large pieces (no close of ``raw``)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._encode = codecs.getencoder("utf-8")
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= 1 << 16:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._parts:
            self._raw.write(self._encode("".join(self._parts))[0])
            self._parts, self._size = [], 0


@contextmanager
def _text(raw: BinaryIO) -> Iterator[Any]:
    text = _Utf8Text(raw)
    yield text
    text.flush()


@contextmanager
def _private_file(path: Path) -> Iterator[BinaryIO]:
    """A private temporary file renamed into place when complete, so a full disk or an
    interrupted export leaves no half file under the final name."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = open_private(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
