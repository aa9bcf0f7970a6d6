"""Where the idle tray app's resident memory goes, beside a bare PySide6 tray icon.

    .venv/bin/python bench/idle_memory.py [--settle 10] [--history DIR]

Starts the bare tray (bench/bare_tray.py) and then Breakwater on one virtual desktop
(Xvfb + trayer), as bench/startup.py does, reads each one's /proc/PID/smaps after
--settle seconds, and prints the resident memory of each mapping where the two differ:
Python and C heap ([anon], [heap]) and each library, the libraries only Breakwater maps
at the end. --history DIR starts Breakwater on a copy of DIR/breakwater.sqlite3 (from
bench/make_history.py) instead of an empty file. An outside view only (the app is not
asked anything); for Python modules and objects use ``python -X importtime`` and
tracemalloc. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.app_helpers import welcome_seen  # noqa: E402
from tests.e2e.virtual_desktop import stop, virtual_desktop  # noqa: E402


def resident_by_mapping(pid: int) -> Counter[str]:
    """KiB resident per mapped file, anonymous memory as "[anon]" (smaps' Rss lines)."""
    found: Counter[str] = Counter()
    name = "[anon]"
    with open(f"/proc/{pid}/smaps") as handle:
        for line in handle:
            parts = line.split()
            if parts and "-" in parts[0] and not parts[0].endswith(":"):
                name = parts[5] if len(parts) > 5 else "[anon]"
            elif parts and parts[0] == "Rss:":
                found[name] += int(parts[1])
    return found


def measure(cmd: list[str], env: dict[str, str], settle: float) -> Counter[str]:
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        time.sleep(settle)
        if proc.poll() is not None:
            raise RuntimeError(f"{cmd} exited early")
        return resident_by_mapping(proc.pid)
    finally:
        stop(proc, group=False, timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settle", type=float, default=10.0)
    parser.add_argument("--history", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, virtual_desktop(Path(tmp) / "logs",
                                                                notifications=False) as desk:
        home = Path(tmp) / "home"
        home.mkdir()
        if args.history is not None:
            shutil.copy(args.history / "breakwater.sqlite3", home / "breakwater.sqlite3")
        welcome_seen(home)
        env = {**desk.env, "BREAKWATER_HOME": str(home)}
        bare = measure([sys.executable, str(ROOT / "bench" / "bare_tray.py")], env, args.settle)
        app = measure([sys.executable, "-m", "desktop"], env, args.settle)
    bare_mb, app_mb = sum(bare.values()) / 1000, sum(app.values()) / 1000
    print(f"resident after {args.settle:.0f} s: bare {bare_mb:.1f} MB, breakwater "
          f"{app_mb:.1f} MB, ratio {app_mb / bare_mb:.3f}")
    print("   more MB  breakwater MB  mapping (differences of 40 kB or more)")
    for name in sorted(set(bare) | set(app), key=lambda n: bare[n] - app[n]):
        more = app[name] - bare[name]
        if abs(more) >= 40:
            print(f"{more / 1000:+10.2f} {app[name] / 1000:14.2f}  {name}")
    only = sorted(Path(n).name for n in app if n not in bare and n.startswith("/"))
    print(f"mapped by breakwater only: {', '.join(only) or 'nothing'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
