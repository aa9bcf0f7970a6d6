"""The tray controller with fake platform parts, for the settings window, the welcome and
live-settings tests (a real SQLite file, a fake clock)."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.nudge import NudgePolicy
from desktop.platform.autostart import FakeAutostart
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.idle import FakeIdle
from desktop.platform.notify import FakeNotifier
from desktop.service import Breakwater
from desktop.store.repository import Store
from desktop.ui.controller import TrayController

T0 = 1_790_035_200.0 + 10 * 3600


@dataclass
class App:
    controller: TrayController
    clock: FakeClock
    notifier: FakeNotifier
    hotkeys: FakeHotkeys
    autostart: FakeAutostart
    store: Store

    @property
    def service(self) -> Breakwater:
        return self.controller.service


def start_app(store: Store, clock: FakeClock, qtbot: QtBot,
              refuse: set[str] | None = None) -> App:
    """The tray app as desktop/app.py builds it, on ``store``, with its hotkeys started."""
    service = Breakwater.open(store, clock)
    notifier, hotkeys, autostart = FakeNotifier(), FakeHotkeys(refuse), FakeAutostart()
    controller = TrayController(service, NudgePolicy(service.settings,
                                                     service.saved_nudge_state()),
                                notifier, hotkeys, FakeIdle(), tray_available=False)
    controller.windows.ctx.autostart = autostart
    controller.show()
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    controller.start_hotkeys()
    return App(controller, clock, notifier, hotkeys, autostart, store)
