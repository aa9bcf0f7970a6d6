"""Generate the soft cues shipped in resources/sounds/ (our own sounds).

    python tools/make_sounds.py

phase.wav (breathing, each change of phase): a 0.35 s sine at 528 Hz with a slow attack
and a long release, at a quarter of full scale: noticeable with the eyes closed, never
startling. break-over.wav (the end of a break): the same tone, then one a fifth higher
(792 Hz), so "the break is over" sounds like an ending rather than a phase.
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


def samples(freq: float = FREQ, seconds: float = SECONDS) -> list[int]:
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        t = i / RATE
        attack = min(1.0, t / 0.04)
        release = math.exp(-4.5 * t / seconds)
        out.append(int(32767 * PEAK * attack * release * math.sin(2 * math.pi * freq * t)))
    return out


def write(path: Path, data: list[int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", s) for s in data))
    print(path)


def main() -> int:
    folder = Path(__file__).resolve().parents[1] / "resources" / "sounds"
    write(folder / "phase.wav", samples())
    write(folder / "break-over.wav", samples() + samples(FREQ * 1.5, 0.6))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
