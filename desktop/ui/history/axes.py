"""Axes that count things (calls, nudges, breaks) show whole numbers only.

pyqtgraph picks tick spacings from 1, 2 and 5 times a power of ten, so a chart whose
tallest bar is 1 got ticks at 0.2, 0.4 … and "1.5 calls" read as nonsense. A count axis
keeps only the spacings of one or more (rounded to whole numbers, which they already are
up to float error); with none left (a small range) it ticks every 1, and minor ticks
between whole numbers are gone with the spacings under one. Load and score axes stay real.
"""

from __future__ import annotations

import math

import pyqtgraph as pg


class CountAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    def tickSpacing(self, minVal: float, maxVal: float,
                    size: float) -> list[tuple[float, float]]:
        levels: list[tuple[float, float]] = []
        for spacing, offset in super().tickSpacing(minVal, maxVal, size) or []:
            whole = float(round(spacing))
            if whole < 1 or not math.isclose(spacing, whole, rel_tol=1e-9):
                continue
            if all(whole != seen for seen, _offset in levels):
                levels.append((whole, float(round(offset))))
        if not levels and maxVal != minVal:
            levels.append((1.0, 0.0))
        return levels

    def tickValues(self, minVal: float, maxVal: float,
                   size: float) -> list[tuple[float, list[float]]]:
        # Whole spacings from a whole offset give whole values but for float error.
        return [(spacing, [float(round(v)) for v in values])
                for spacing, values in super().tickValues(minVal, maxVal, size)]
