"""The log file is kept under its limit while the app runs, stays 0600, and keeps what
it rotated out in ``.log.1`` (real files, a tiny limit)."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.logfile import RotatingLog, rotated

LIMIT = 400


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def logger(tmp_path: Path) -> Iterator[tuple[logging.Logger, RotatingLog, Path]]:
    path = tmp_path / "breakwater.log"
    handler = RotatingLog(path, LIMIT)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger(f"test-logfile-{id(handler)}")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    yield log, handler, path
    log.removeHandler(handler)
    handler.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_writing_past_the_limit_rotates_while_running(
        logger: tuple[logging.Logger, RotatingLog, Path]) -> None:
    log, _handler, path = logger
    assert mode(path) == 0o600  # private from the first moment
    lines = [f"line {n:03d} " + "x" * 40 for n in range(30)]  # ~1.5 kB: past it more than once
    for line in lines:
        log.info(line)
        assert path.stat().st_size <= LIMIT + 60  # never much past the limit
    old = rotated(path)
    assert old.exists() and mode(old) == 0o600 and mode(path) == 0o600
    kept = old.read_text(encoding="utf-8").splitlines() + path.read_text(
        encoding="utf-8").splitlines()
    assert kept == lines[-len(kept):]  # the newest lines, in order, nothing lost between
    assert len(kept) < len(lines)  # the oldest went with an earlier rotation
    assert old.stat().st_size > LIMIT  # it rotated only once past the limit


def test_a_log_already_past_the_limit_is_rotated_at_start(tmp_path: Path) -> None:
    path = tmp_path / "breakwater.log"
    path.write_text("old\n" * 200, encoding="utf-8")
    handler = RotatingLog(path, LIMIT)
    try:
        assert rotated(path).read_text(encoding="utf-8") == "old\n" * 200
        assert path.stat().st_size == 0
    finally:
        handler.close()


def test_a_file_rotated_by_another_process_is_not_moved_again(
        logger: tuple[logging.Logger, RotatingLog, Path]) -> None:
    """Two processes append to one log (the tray app, a window on its own): when the
    other has already rotated it, ours moves nothing over its ``.log.1``."""
    log, _handler, path = logger
    log.info("ours " + "y" * 100)
    os.replace(path, rotated(path))  # the other process rotated it
    path.write_text("theirs, new\n", encoding="utf-8")
    rotated_by_them = rotated(path).read_text(encoding="utf-8")
    for _ in range(4):
        log.info("ours " + "y" * 100)  # our stream still points at the moved file
    assert rotated(path).read_text(encoding="utf-8").startswith(rotated_by_them)
    assert path.read_text(encoding="utf-8").startswith("theirs, new\n")


IDLE_IMPORTS = """
import logging, sys
from pathlib import Path
from desktop.app import _configure_logging
_configure_logging(Path(sys.argv[1]))
logging.getLogger("desktop").info("hello")
print("logging.handlers" in sys.modules)
"""


def test_the_log_does_not_load_logging_handlers(tmp_path: Path) -> None:
    import subprocess

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", IDLE_IMPORTS, str(tmp_path)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False"]
    assert "hello" in (tmp_path / "breakwater.log").read_text(encoding="utf-8")
