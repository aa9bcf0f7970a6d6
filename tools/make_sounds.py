"""Generate the soft phase-change cue shipped in resources/sounds/ (our own sound).

    python tools/make_sounds.py

A 0.35 s sine at 528 Hz with a slow attack and a long release, at a quarter of full
scale: noticeable with the eyes closed, never startling.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100
SECONDS = 0.35
FREQ = 528.0
PEAK = 0.25


def samples() -> list[int]:
    n = int(RATE * SECONDS)
    out = []
    for i in range(n):
        t = i / RATE
        attack = min(1.0, t / 0.04)
        release = math.exp(-4.5 * t / SECONDS)
        out.append(int(32767 * PEAK * attack * release * math.sin(2 * math.pi * FREQ * t)))
    return out


def main() -> int:
    path = Path(__file__).resolve().parents[1] / "resources" / "sounds" / "phase.wav"
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples()))
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
