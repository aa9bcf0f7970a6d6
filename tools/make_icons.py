"""Render the shipped icons from the same painter the tray uses.

    python tools/make_icons.py     # writes resources/icons/*.png

breakwater.png is the application and notification icon (the calm ring); the level
icons are there for desktop files and documentation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QGuiApplication  # noqa: E402

from desktop.core.load import Level  # noqa: E402
from desktop.ui.icons import paint_level  # noqa: E402


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    targets = {"breakwater.png": Level.CALM}
    targets.update({f"level-{level.value}.png": level for level in Level})
    for name, level in targets.items():
        if not paint_level(256, level).save(str(out / name)):
            print(f"could not write {out / name}", file=sys.stderr)
            return 1
        print(out / name)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
