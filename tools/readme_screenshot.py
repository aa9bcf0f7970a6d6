"""Take docs/screenshot.png (the README's picture) on a virtual desktop.

    .venv/bin/python tools/readme_screenshot.py [OUT.png]

Xvfb with a tray host (trayer) and a notification server (dunst), the real tray app on a
fresh data folder (first-run welcome already seen), then Ctrl+Alt+H pressed twice with a
little while between, as after two hard calls: the toast for the second tag, the nudge
card it brought ("Load is building"), and the tray icon in its building tint. The top
right of the screen is kept. Needs what scripts/setup-system test installs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.app_helpers import describe, running_app, welcome_seen  # noqa: E402
from tests.e2e.virtual_desktop import virtual_desktop, wait_until  # noqa: E402

BACKGROUND = "#5b6770"  # a plain desktop, the colour of the app's quiet text
CROP = "800x272+480+0"  # width x height + x + y, from the top-left of a 1280x800 screen


def paint_background(display_name: str, colour: str) -> None:
    """What `xsetroot -solid` does, with python-xlib (a dependency already)."""
    from Xlib.display import Display

    display = Display(display_name)
    screen = display.screen()
    pixel = screen.default_colormap.alloc_named_color(colour).pixel
    screen.root.change_attributes(background_pixel=pixel)
    screen.root.clear_area(0, 0, 0, 0)
    display.sync()
    display.close()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        home = work / "home"
        welcome_seen(home)
        with virtual_desktop(work / "logs") as desk:
            paint_background(desk.display, BACKGROUND)
            with running_app(desk, home):
                for presses in (1, 2):
                    desk.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
                    wait_until(lambda n=presses: describe(home)["toast"] and str(
                        n * 2.0) in str(describe(home)["tooltip"]), what=f"tag {presses}")
                wait_until(lambda: describe(home)["nudge"], what="the nudge card")
                shot = work / "screen.png"
                desk.run("import", "-window", "root", str(shot))
                done = subprocess.run(["convert", str(shot), "-crop", CROP, "+repage",
                                       "-strip", str(out)], capture_output=True, text=True)
                if done.returncode:
                    print(done.stderr, file=sys.stderr)
                    return 1
                for line in desk.notifications().splitlines():
                    if "member=Notify" in line:  # a nudge is one card, never also this
                        print("a desktop notification was shown too", file=sys.stderr)
                        return 1
    print(out)
    return 0


if __name__ == "__main__":
    if shutil.which("import") is None or shutil.which("convert") is None:
        sys.exit("needs import and convert (imagemagick; scripts/setup-system test)")
    sys.exit(main())
