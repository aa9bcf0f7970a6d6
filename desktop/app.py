"""The composition root: builds every part of the tray app and wires them together.

Nothing else constructs collaborators; everything below receives what it needs through its
constructor, so tests can hand in fakes.
"""

from __future__ import annotations

import logging
import os
import signal
import socket  # socketpair only: wakes the Qt loop on SIGTERM (no network)
import sys
import time
from pathlib import Path
from typing import Any

from desktop import ipc
from desktop.i18n import _, setup
from desktop.paths import (
    LOG_NAME,
    data_dir,
    database_path,
    ensure_private_dir,
    socket_path,
)

log = logging.getLogger("desktop")


LOG_LIMIT_BYTES = 512_000
RELEASE_AFTER_START_MS = 5000


def _configure_logging(home: Path) -> None:
    # Kept under the limit while the app runs (desktop/logfile.py), not with
    # logging.handlers, whose import costs the idle app 2.5 MB.
    from desktop.logfile import RotatingLog

    logging.raiseExceptions = False  # a log line lost to a full disk is no traceback
    try:
        handler = RotatingLog(home / LOG_NAME, LOG_LIMIT_BYTES)
    except OSError:
        return  # the app works without its log
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _hand_over(sock: Path) -> int:
    """Another tray app holds the lock: ask it to show itself and step aside."""
    for _attempt in range(20):
        try:
            reply = ipc.request(sock, {"cmd": "show"}, timeout=2.0)
        except ipc.IpcError:
            reply = None
        if reply is not None:
            print(_("Breakwater is already running; it shows its status now."))
            return 0
        time.sleep(0.25)  # the first instance may still be starting its socket
    print(_("Breakwater is already running."))
    return 0


QUITTING = "breakwater_quitting"


def _leave(app: Any) -> None:
    """End the app now. Not QApplication.quit(): that first asks every window to close,
    and one may refuse (a running break's window only hides), so Quit and SIGTERM did
    nothing while a break ran; and before exec() it does nothing at all. The windows are
    closed afterwards, in order, by whoever called exec()."""
    app.setProperty(QUITTING, True)
    app.exit(0)


def _quit_on_signals(app: object) -> None:
    """Let SIGTERM/SIGINT end the Qt loop cleanly (the socket and lock are released)."""
    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtWidgets import QApplication, QDialog

    assert isinstance(app, QApplication)
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        reader.recv(64)
        # A dialog runs an event loop of its own (the failure dialog at start-up, a
        # question) that quit() does not end: close it first, as if Esc were pressed.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        _leave(app)

    notifier.activated.connect(on_signal)
    app.setProperty("_signal_pipe", (reader, writer, notifier))


def _wait_for_tray(seconds: float) -> bool:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    deadline = QDeadlineTimer(int(seconds * 1000))
    while not QSystemTrayIcon.isSystemTrayAvailable():
        if deadline.hasExpired():
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    return True


def _early_tray() -> Any | None:
    """The tray icon, up before the database, the hotkeys and the rest are loaded, so
    Breakwater appears as soon as any tray program could. It shows the app's own icon
    and "starting" until the controller takes it over a moment later with the real
    level. None when no tray appears within two seconds (the window is used instead)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from desktop.resources import resource_path

    if not _wait_for_tray(2.0):
        return None
    # The theme sizes a tray uses, each read only if asked for: not the 256 px
    # breakwater.png, whose decoded 256 KB the tray would keep until the level icon.
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128):
        icon.addFile(str(resource_path("icons", "hicolor", f"{size}x{size}", "apps",
                                       "breakwater.png")))
    tray = QSystemTrayIcon(icon)
    tray.setToolTip(_("Breakwater is starting…"))
    tray.show()
    QApplication.processEvents()  # send the dock request now
    return tray


def _open_service(full_check: bool = False, read_only_ok: bool = False
                  ) -> tuple[Any, list[str]] | None:
    """The database and the service over it, plus warnings to show; None (after telling
    the user in a dialog) when the database cannot be opened. ``full_check`` reads the
    whole file first (the tray app, once per start; not a window opened on its own).
    ``read_only_ok`` (a window on its own): a folder that cannot be written is opened
    read-only, as the command line does; a save then fails with the reason."""
    from desktop.platform.clock import SystemClock
    from desktop.service import Breakwater
    from desktop.store.db import open_database, open_read_only
    from desktop.store.errors import CorruptDatabase, ForeignDatabase, StoreError
    from desktop.store.repository import Store

    refused = None
    try:
        opened = open_database(database_path(), full_check=full_check)
    except StoreError as error:
        try:
            if not read_only_ok or isinstance(error, ForeignDatabase | CorruptDatabase):
                raise
            opened = open_read_only(database_path())
            refused = error.message
        except StoreError:
            _fail(error.message.render(_))
            return None
    service = Breakwater.open(Store(opened.conn, opened.path, read_only=refused),
                              SystemClock())
    setup(service.settings["ui.language"])
    return service, [w.render(_) for w in opened.warnings + service.warnings]


def _has_display() -> bool:
    """Whether a dialog can be shown (else the sentence goes to stderr only)."""
    from PySide6.QtGui import QGuiApplication

    from desktop.platform.display import display_problem

    if QGuiApplication.instance() is not None:
        return QGuiApplication.platformName() not in ("offscreen", "minimal")
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal"):
        return False
    return display_problem() is None


def _fail(text: str) -> int:
    """The app cannot run: one sentence on stderr and, with a display, in a dialog."""
    print(f"breakwater: {text}", file=sys.stderr)
    if _has_display():
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            QApplication(sys.argv[:1])
        QMessageBox.critical(None, "Breakwater", text)
    return 1


def run_app() -> int:
    from desktop.platform.malloc import share_one_arena

    share_one_arena()  # before Qt starts its threads: 0.4 MB less at idle
    from PySide6.QtWidgets import QApplication

    from desktop.ui.lean_qt import skip_source_scan

    skip_source_scan()  # before anything else is imported: 4.5 MB less at idle
    from desktop import instance, preflight, terminal
    from desktop.platform.display import display_problem

    terminal.tolerate_unencodable(sys.stdout, sys.stderr)
    # Before anything is created: without a session Qt would abort the process.
    problem = display_problem()
    if problem is not None:
        return _fail(problem)
    home = data_dir()
    problem = preflight.problem(home, socket_path())
    if problem is not None:
        return _fail(problem)
    try:
        ensure_private_dir(home)
        lock = instance.acquire(home / "breakwater.lock")
    except instance.AlreadyRunning:
        return _hand_over(socket_path())
    except OSError as error:
        return _fail(preflight.describe(error, home))

    _configure_logging(home)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Breakwater")
    app.setApplicationDisplayName("Breakwater")
    app.setQuitOnLastWindowClosed(False)
    _quit_on_signals(app)

    tray = _early_tray()
    opened = _open_service(full_check=True)
    if opened is None:
        lock.release()
        return 1
    service, warnings = opened
    code = _run_tray(app, service, warnings, tray)
    service.store.close()
    lock.release()
    return code


def run_window_alone(name: str, params: dict[str, Any]) -> int:
    """`breakwater breathe`, `journal`, `history`... when no tray app runs: the window on
    its own, reading and writing the same file; exit 1 when something could not be saved."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.lean_qt import skip_source_scan

    skip_source_scan()
    from desktop.platform.display import display_problem
    from desktop.ui.windows import WindowContext, WindowRegistry

    problem = display_problem()
    if problem is not None:  # Qt would abort the process
        print(f"breakwater: {problem}", file=sys.stderr)
        return 1
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Breakwater")
    _quit_on_signals(app)
    opened = _open_service(read_only_ok=True)
    if opened is None:
        return 1
    service, _warnings = opened
    registry: list[WindowRegistry] = []

    def tell(title: str, text: str) -> None:
        parent = next(iter(registry[0].open_windows()), None) if registry else None
        QMessageBox.warning(parent, title, text)

    ctx = WindowContext(service, alone=True, tell=tell)
    registry.append(WindowRegistry(ctx))
    _configure_logging(data_dir())

    def tell_failure(title: str, text: str) -> None:
        ctx.errors.append(text)  # exit status 1
        tell(title, text)

    from desktop.ui.unexpected import UnexpectedErrors

    unexpected = UnexpectedErrors(tell_failure, data_dir() / LOG_NAME)
    unexpected.install()
    applied = [service.settings["ui.language"]]

    def settings_changed() -> None:  # no tray app: only the language is live here
        if service.settings["ui.language"] != applied[0]:
            applied[0] = service.settings["ui.language"]
            setup(applied[0])
            registry[0].retranslate()

    ctx.events.settings_changed.connect(settings_changed)

    def open_other(other: str) -> None:
        try:
            registry[0].open(other, {})
        except ValueError as error:
            tell(_("Breakwater"), str(error))

    ctx.events.open_requested.connect(open_other)
    try:
        from desktop.ui.windows import CannotOpen

        try:
            registry[0].open(name, params)
        except CannotOpen as error:  # asked rightly, but it cannot open now
            print(f"breakwater: {error}", file=sys.stderr)
            return 1
        except ValueError as error:  # what was asked is wrong
            print(f"breakwater: {error}", file=sys.stderr)
            return 2
        if not app.property(QUITTING):
            app.exec()
    finally:
        # Windows still open (SIGTERM) keep what they hold (a journal draft) while the
        # database is still open. Tear Qt down while Python objects are alive: left to
        # interpreter exit, PySide6 6.12 can crash in garbage collection (none_dealloc).
        registry[0].close_all()
        service.store.close()
        unexpected.uninstall()
        app.shutdown()
    if ctx.errors:
        print(f"breakwater: {ctx.errors[-1]}", file=sys.stderr)
        return 1
    return 0


def _run_tray(app: object, service: object, warnings: list[str], tray: object) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from desktop.core.calls import CallGate
    from desktop.core.nudge import NudgePolicy
    from desktop.platform.calls import create_call_monitor
    from desktop.platform.hotkeys import create_hotkeys
    from desktop.platform.idle import create_idle_monitor
    from desktop.platform.malloc import give_back_free_memory
    from desktop.platform.notify import PlyerNotifier
    from desktop.platform.sleep import create_sleep_monitor
    from desktop.resources import resource_path
    from desktop.service import Breakwater
    from desktop.ui.controller import TrayController
    from desktop.ui.hold import HeldNotifier

    assert isinstance(app, QApplication) and isinstance(service, Breakwater)
    assert tray is None or isinstance(tray, QSystemTrayIcon)
    tray_available = tray is not None
    icon = resource_path("icons", "breakwater.png")
    holder: list[TrayController] = []
    desktop_notifier = PlyerNotifier(
        fallback=lambda title, text: holder[0].fallback_message.emit(title, text),
        icon_path=str(icon) if icon.exists() else None)
    # Never interrupt a live call: every notification waits while the gate is quiet.
    gate = CallGate(service.settings)
    notifier = HeldNotifier(desktop_notifier, lambda: gate.quiet(service.clock.now()))
    policy = NudgePolicy(service.settings, service.saved_nudge_state())
    controller = TrayController(service, policy, notifier,
                                create_hotkeys(), create_idle_monitor(), tray_available,
                                tray=tray, gate=gate, call_monitor=create_call_monitor,
                                sleep=create_sleep_monitor())
    holder.append(controller)
    from desktop.ui.unexpected import UnexpectedErrors

    unexpected = UnexpectedErrors(controller.tell, data_dir() / LOG_NAME)
    unexpected.install()
    controller.quit_requested.connect(lambda: _leave(app))
    controller.show()
    from desktop.ui.ipc_server import IpcServer
    from desktop.ui.ticker import Ticker

    server = IpcServer(socket_path(), controller.handle)
    if not server.listen():
        controller.tell(_("Breakwater"), _(
            "The command line cannot reach this app; commands will write the file directly."))
    ticker = Ticker(controller.tick)
    controller.poke = ticker.poke
    ticker.fire()
    controller.start_hotkeys()
    controller.start_watching()
    for text in warnings:
        controller.tell(_("Breakwater"), text)
    controller.welcome_if_first_run()
    # What start-up freed, the call detection worker's loading included, goes back to
    # the system once it is done; the app then idles for hours.
    QTimer.singleShot(RELEASE_AFTER_START_MS, give_back_free_memory)
    log.info("tray app started (tray available: %s)", tray_available)
    try:
        # A signal that came while starting (exit() does nothing before exec()).
        return 0 if app.property(QUITTING) else app.exec()
    finally:
        ticker.stop()
        server.close()
        controller.windows.close_all()
        controller.shutdown()  # a call still live is closed in the file now
        desktop_notifier.close()
        unexpected.uninstall()
