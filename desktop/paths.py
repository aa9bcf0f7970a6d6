"""Where Breakwater keeps its files, and keeping them private (0700 dirs, 0600 files)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "breakwater"
DB_NAME = "breakwater.sqlite3"
SOCKET_NAME = "breakwater.sock"
LOG_NAME = "breakwater.log"
HOME_VARIABLE = "BREAKWATER_HOME"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    override = env.get(HOME_VARIABLE, "")
    if override:
        return Path(override).expanduser()
    if sys.platform in ("win32", "darwin"):
        import platformdirs

        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    # What platformdirs answers on Linux and the BSDs, without importing it: its Unix
    # module brings tempfile, shutil, random, bz2 and lzma (~1.2 MB in the idle tray).
    # tests/unit/test_paths.py keeps the two equal.
    return xdg_home("XDG_DATA_HOME", ".local/share", env) / APP_NAME


def xdg_home(variable: str, fallback: str, env: Mapping[str, str] | None = None,
             home: Path | None = None) -> Path:
    """``$XDG_DATA_HOME`` / ``$XDG_CONFIG_HOME``, or ``home/fallback`` when unset, empty
    or relative (the Base Directory Specification says to ignore a relative one)."""
    env = os.environ if env is None else env
    value = env.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return (Path.home() if home is None else home) / fallback


def database_path(env: Mapping[str, str] | None = None) -> Path:
    return data_dir(env) / DB_NAME


def socket_path(env: Mapping[str, str] | None = None) -> Path:
    return data_dir(env) / SOCKET_NAME


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make it readable by the user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)


def make_private(path: Path) -> None:
    if os.name == "posix" and path.exists():
        os.chmod(path, 0o600)


def open_private(path: Path, mode: str = "w") -> int:
    """Open a new file with mode 0600 from the start (never briefly world-readable)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(path, flags, 0o600)
    make_private(path)
    return fd


def scrub_data_folder(home: Path) -> None:
    """After an erase: empty the log (the running app keeps appending to it), remove the
    rotated log and every damaged database copy that was once moved aside."""
    log = home / LOG_NAME
    if log.is_file():
        os.truncate(log, 0)
    stem = Path(DB_NAME).stem
    for path in [*home.glob(f"{LOG_NAME}.*"), *home.glob(f"{stem}.damaged-*")]:
        if path.is_file():
            path.unlink()
