"""Render the shipped icons with the painter of the level icon (desktop/ui/level_painter.py).

    python tools/make_icons.py     # writes resources/icons/*.png

breakwater.png is the application and notification icon (the calm ring); the level
icons are there for documentation. icons/tray/ holds what the tray shows: each level,
paused or not, at each of desktop.ui.icons.SIZES (the tray reads only the size it needs
instead of painting them all at start-up; a test keeps them equal to the painter's).
icons/hicolor/NxN/apps/breakwater.png are the same ring at each size a desktop's menu
or launcher asks for; `breakwater install-desktop-entry` copies them into the user's
icon theme.
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
from desktop.ui.icons import SIZES, icon_name  # noqa: E402
from desktop.ui.level_painter import paint_level  # noqa: E402

# The sizes desktops look for in the hicolor theme (the Icon Theme Specification's usual
# set up to 512 for high-density launchers).
THEME_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    targets = {out / "breakwater.png": (256, Level.CALM, False)}
    targets.update({out / f"level-{level.value}.png": (256, level, False) for level in Level})
    for size in THEME_SIZES:
        targets[out / "hicolor" / f"{size}x{size}" / "apps" / "breakwater.png"] = (
            size, Level.CALM, False)
    for level in Level:
        for paused in (False, True):
            for size in SIZES:
                targets[out / "tray" / icon_name(level, paused, size)] = (size, level, paused)
    for path, (size, level, paused) in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not paint_level(size, level, paused).save(str(path)):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(path)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
