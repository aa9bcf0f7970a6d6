"""A notification body is never markup, on a real notification server: the notifier sends
a contact's name as typed through plyer and notify-send to dunst on a private session bus,
and what crosses the bus is escaped, so the server draws it as text."""

from __future__ import annotations

import pytest

from desktop.platform.notify import PlyerNotifier
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e


def test_a_notification_body_crosses_the_bus_escaped(desktop: Desktop,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in desktop.env.items():
        if key in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "PATH"):
            monkeypatch.setenv(key, value)
    fell_back: list[tuple[str, str]] = []
    notifier = PlyerNotifier(fallback=lambda t, m: fell_back.append((t, m)))
    notifier.notify("Talk to someone", 'Tom & <b>Jerry</b> <img src="http://x/y.png">')
    notifier.flush(timeout=15)
    notifier.close()
    assert fell_back == []
    wait_until(lambda: "Jerry" in desktop.notifications(), what="the notification")
    [call] = [c for c in desktop.notifications().split("member=Notify")[1:] if "Jerry" in c]
    assert "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt; &lt;img src=" in call
    assert "<b>" not in call and "<img" not in call
    assert 'string "Talk to someone"' in call
