"""A plain X11 window that takes keyboard focus, standing in for the agent's softphone.

Usage: python focus_holder.py [TYPED]  (prints its window id in decimal, then runs until
killed; with TYPED, every character typed into it is appended to that file, so a test can
show that keys still reach it while another window is open)
"""

from __future__ import annotations

import sys

from Xlib import XK, X, display


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
    typed = open(sys.argv[1], "a", encoding="utf-8") if len(sys.argv) > 1 else None  # noqa: SIM115
    while True:
        event = d.next_event()
        if typed is not None and event.type == X.KeyPress:
            shifted = 1 if event.state & X.ShiftMask else 0
            text = XK.keysym_to_string(d.keycode_to_keysym(event.detail, shifted))
            if text:
                typed.write(text)
                typed.flush()


if __name__ == "__main__":
    sys.exit(main())
