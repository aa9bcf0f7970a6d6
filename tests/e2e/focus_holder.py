"""A plain X11 window that takes keyboard focus, standing in for the agent's softphone.

Usage: python focus_holder.py  (prints its window id in decimal, then runs until killed)
"""

from __future__ import annotations

import sys

from Xlib import X, display


def main() -> int:
    d = display.Display()
    screen = d.screen()
    window = screen.root.create_window(
        10, 10, 400, 300, 1, screen.root_depth,
        background_pixel=screen.white_pixel,
        event_mask=X.ExposureMask | X.KeyPressMask | X.FocusChangeMask,
    )
    window.set_wm_name("softphone")
    window.map()
    d.sync()
    window.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    print(window.id, flush=True)
    while True:
        d.next_event()


if __name__ == "__main__":
    sys.exit(main())
