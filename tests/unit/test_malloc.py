"""The allocator settings for a program that stays resident all day (glibc only)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.platform import malloc

ROOT = Path(__file__).resolve().parents[2]
GLIBC = sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION") is not None

PROBE = """
from desktop.platform.malloc import give_back_free_memory, share_one_arena

def resident_kb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 // 1024

shared = share_one_arena()
blocks = [bytearray(100_000) for _ in range(400)]  # 40 MB on the heap, below mmap's size
keep = blocks[-1]  # the top of the heap stays in use: glibc cannot shrink it by itself
del blocks
before = resident_kb()
given = give_back_free_memory()
print(shared, given, before - resident_kb())
"""


@pytest.mark.skipif(not GLIBC, reason="glibc's allocator only")
def test_one_arena_and_free_pages_handed_back() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    shared, given, released_kb = result.stdout.split()
    assert shared == "True" and given == "True"
    assert int(released_kb) > 20_000  # most of the 40 MB freed went back to the system


def test_elsewhere_nothing_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert malloc.share_one_arena() is False
    assert malloc.give_back_free_memory() is False
