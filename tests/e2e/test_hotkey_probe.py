"""Asking the X server whether a combination could be grabbed, with both X11 backends:
taken by another client, free, or already ours."""

from __future__ import annotations

import pytest

from desktop.platform import xcb
from desktop.platform.x11_keys import X11Hotkeys
from tests.e2e.virtual_desktop import Desktop

pytestmark = pytest.mark.e2e

TAKEN, FREE = "<ctrl>+<alt>+t", "<ctrl>+<alt>+k"


@pytest.mark.parametrize("backend", ["xcb", "xlib"])
def test_probe_names_a_combination_another_client_holds(desktop: Desktop,
                                                        backend: str) -> None:
    if backend == "xcb" and not xcb.available():
        pytest.skip("libxcb cannot be loaded here")
    make = xcb.XcbHotkeys if backend == "xcb" else X11Hotkeys
    other = X11Hotkeys(desktop.display)  # another program: its own connection
    ours = make(desktop.display)
    try:
        assert other.start({TAKEN: lambda: None}) == []
        assert ours.probe(TAKEN) == "taken by another program"
        assert ours.probe(FREE) is None
        assert ours.probe("<ctrl>+<alt>+nosuchkey") == "this keyboard has no such key"
        assert ours.start({FREE: lambda: None}) == []
        assert ours.probe(FREE) is None  # held by us: free for us
        assert other.probe(FREE) == "taken by another program"
        other.stop()
        assert ours.probe(TAKEN) is None  # let go: free again
    finally:
        ours.stop()
        other.stop()
