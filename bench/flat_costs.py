"""Do command costs stay flat as the file grows? An empty file beside a five-year one.

    .venv/bin/python bench/flat_costs.py [--runs 15] [--years 5] [--history DIR]

Times real `breakwater` processes (no tray app running) in the same run on both files:
`tag difficult` and `status` (median and 90th percentile of --runs each, interleaved so
both files see the same machine load), then `export` as JSON and CSV to a file and to
stdout (a pipe this script drains), with each export's peak resident memory. The
five-year file comes from bench/make_history.py (or --history DIR, which is copied so
the tags written here do not change it). Prints figures; asserts nothing.
Targets (issue 8): tag and status within 1.3x of the empty file; export to stdout as
fast as to a file; export peak memory under 100 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "breakwater.sqlite3"


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BREAKWATER_")}
    env.update(BREAKWATER_HOME=str(home), LANGUAGE="en", PYTHONDONTWRITEBYTECODE="1")
    return env


def run(home: Path, *args: str, drain: bool = False) -> tuple[float, int]:
    """Seconds of wall time and peak resident KiB of one `breakwater` process."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desktop", *args], env=env_for(home),
                            stdout=subprocess.PIPE if drain else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    if drain:
        assert proc.stdout is not None
        while proc.stdout.read(1 << 16):
            pass
        proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"breakwater {' '.join(args)} failed ({proc.returncode}) in {home}")
    return elapsed, int(usage.ru_maxrss)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--history", type=Path, help="a folder made by bench/make_history.py")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="breakwater-flat-") as tmp:
        empty, old = Path(tmp) / "empty", Path(tmp) / "history"
        empty.mkdir()
        run(empty, "status")  # a fresh, migrated file
        if args.history:
            old.mkdir()
            shutil.copy2(args.history / DB_NAME, old / DB_NAME)
        else:
            # In its own process: a child's peak memory (ru_maxrss) starts from what its
            # parent held when it was forked, so this script stays small.
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_history.py"), "--out",
                            str(old), "--years", str(args.years)], check=True,
                           stdout=subprocess.DEVNULL)
        size = (old / DB_NAME).stat().st_size / 1e6
        rows = subprocess.run(["sqlite3", str(old / DB_NAME), "SELECT count(*) FROM "
                               "interactions"], capture_output=True, text=True).stdout.strip()
        print(f"history file: {size:.1f} MB, {rows or '?'} interactions; runs: {args.runs}")

        for command in (("tag", "difficult"), ("status",)):
            times: dict[Path, list[float]] = {empty: [], old: []}
            for home in (empty, old):
                run(home, *command)  # warm the page cache and the import cache
            for _ in range(args.runs):
                for home in (empty, old):
                    times[home].append(run(home, *command)[0])
            e, o = statistics.median(times[empty]), statistics.median(times[old])
            print(f"{' '.join(command):14} empty {e * 1000:6.0f} ms (p90 "
                  f"{p90(times[empty]) * 1000:4.0f})   history {o * 1000:6.0f} ms (p90 "
                  f"{p90(times[old]) * 1000:4.0f})   ratio {o / e:.2f}")

        for fmt in ("json", "csv"):
            out = Path(tmp) / f"export-{fmt}"
            to_file, file_rss = run(old, "export", "--format", fmt, "--out",
                                    str(out if fmt == "csv" else out.with_suffix(".json")))
            to_pipe, pipe_rss = run(old, "export", "--format", fmt, drain=True)
            print(f"export {fmt:4}    to a file {to_file:5.2f} s, peak {file_rss / 1024:4.0f} MB"
                  f"   to stdout {to_pipe:5.2f} s, peak {pipe_rss / 1024:4.0f} MB"
                  f"   stdout/file {to_pipe / to_file:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
