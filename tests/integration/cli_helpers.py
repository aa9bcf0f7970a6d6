"""Run the real ``breakwater`` command in a subprocess with a private BREAKWATER_HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BREAKWATER_")}
    env.update({"BREAKWATER_HOME": str(home), "LANGUAGE": "en", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update(extra)
    return env


def breakwater(home: Path, *args: str, timeout: float = 60, **extra: str
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=cli_env(home, **extra), capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def status(home: Path) -> dict[str, object]:
    """``breakwater status --json``, which must succeed."""
    result = breakwater(home, "status", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data
