"""Run under a real X display (by tests/e2e/test_history.py): open History as the tray
app opens it, draw every tab and save each chart, in one language.

    python tests/e2e/history_shots.py LANG HOME OUT

Prints one line per saved file, then "done".
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    lang, home, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import setup
    from desktop.platform.clock import SystemClock
    from desktop.service import Breakwater
    from desktop.store.db import open_database
    from desktop.store.repository import Store
    from desktop.ui.history.window import PAGES, HistoryWindow
    from desktop.ui.windows import WindowContext, WindowRegistry

    setup(lang)
    app = QApplication(sys.argv[:1])
    opened = open_database(home / "breakwater.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), SystemClock())
    registry = WindowRegistry(WindowContext(service, alone=True, tell=lambda t, x: None))
    window = registry.open("history", {"range": "month"})
    assert isinstance(window, HistoryWindow)
    drawn: list[int] = []
    window.charts_drawn.connect(drawn.append)

    def wait_for(tab: int) -> None:
        for _ in range(500):
            if tab in drawn:
                break
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        for _ in range(5):
            app.processEvents()

    out.mkdir(parents=True, exist_ok=True)
    for tab, names in enumerate(PAGES):
        drawn.clear()
        window.tabs.setCurrentIndex(tab)
        if tab == 0:
            window.set_range(window.period.kind)  # draw again, now watched
        wait_for(tab)
        path = out / f"history-{lang}-tab{tab + 1}.png"
        window.grab().save(str(path))
        print(path, flush=True)
        for name in names:
            chart = window.chart(name)
            path = out / f"history-{lang}-{name}.png"
            chart.grab().save(str(path))
            print(path, flush=True)
    print("done", flush=True)
    registry.close_all()
    service.store.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
