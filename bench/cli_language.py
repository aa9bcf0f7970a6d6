"""What following ``ui.language`` costs every command: the read-only peek at the file.

    .venv/bin/python bench/cli_language.py [--runs 30]

Times (1) the peek alone in a warm process, (2) ``breakwater --version`` in Spanish chosen
by the stored setting against Spanish chosen by LANGUAGE with no file, alternating, and
(3) a whole ``breakwater status --json`` (no tray app running). Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.store.peek import stored_language  # noqa: E402


def run(env: dict[str, str], *args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "desktop", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        empty = Path(tmp) / "empty"
        env = {**os.environ, "BREAKWATER_HOME": str(home)}
        subprocess.run([sys.executable, "-m", "desktop", "settings", "set", "ui.language",
                        "es"], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        db = home / "breakwater.sqlite3"
        peeks = []
        for _ in range(args.runs * 10):
            t0 = time.perf_counter()
            assert stored_language(db) == "es"
            peeks.append((time.perf_counter() - t0) * 1000)
        # Both load the Spanish catalogue, one because LANGUAGE says so, one because the
        # file does: the difference is the peek (and whatever else a file costs).
        spanish = {**env, "LANGUAGE": "es"}
        order = ["stored", "system"] * args.runs
        times: dict[str, list[float]] = {"stored": [], "system": []}
        for which in order:
            chosen = spanish if which == "stored" else {**spanish, "BREAKWATER_HOME": str(empty)}
            times[which].append(run(chosen, "--version"))
        status = [run(env, "status", "--json") for _ in range(args.runs)]
    print(f"peek at ui.language, warm process: median {statistics.median(peeks):.3f} ms, "
          f"max {max(peeks):.3f} ms over {len(peeks)}")
    print(f"breakwater --version in Spanish, median of {args.runs}: from the stored setting "
          f"{statistics.median(times['stored']):.1f} ms, from LANGUAGE with no file "
          f"{statistics.median(times['system']):.1f} ms")
    print(f"breakwater status --json (direct, language stored): median "
          f"{statistics.median(status):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
