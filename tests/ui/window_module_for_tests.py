"""A window module as the registry expects one, for tests/ui/test_windows.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLabel

from desktop.ui.windows import WindowContext

built: list[dict[str, Any]] = []


def build(ctx: WindowContext, params: Mapping[str, Any]) -> QLabel:
    if params.get("bad"):
        raise ValueError("bad parameter")
    built.append(dict(params))
    label = QLabel(f"alone={ctx.alone}")
    label.setAccessibleName("test window")
    return label
