"""Calls on Windows: the microphone consent store.

Windows 10 (1903+) and 11 note, per app, when it last started and stopped using the
microphone, under ``HKCU\\…\\CapabilityAccessManager\\ConsentStore\\microphone``: one
subkey per packaged app, and one per program path (``\\`` written as ``#``) under
``NonPackaged``. While an app holds the microphone its ``LastUsedTimeStop`` is 0. The
worker reads the store, then sleeps until the registry says something under it changed
(``RegNotifyChangeKeyValue``); nothing is polled.

Written and unit-tested against a fake store only: not yet run on Windows.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.platform.calls import (
    UNAVAILABLE,
    CallState,
    OnChange,
    Publisher,
    Recorder,
    counts_as_call,
)

log = logging.getLogger(__name__)

CONSENT_KEY = (r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager"
               r"\ConsentStore\microphone")
RETRY_SECONDS = 30.0
SOURCE = "windows"


@dataclass(frozen=True)
class ConsentEntry:
    app: str    # a package family name, or a program's path with "#" for "\"
    start: int  # LastUsedTimeStart (a FILETIME); 0 when never used
    stop: int   # LastUsedTimeStop; 0 while the app holds the microphone

    @property
    def in_use(self) -> bool:
        return self.start > 0 and self.stop == 0


class ConsentStore(Protocol):
    def arm(self) -> None:
        """Ask to be woken at the next change (called before reading, so none is lost)."""
        ...

    def entries(self) -> list[ConsentEntry]: ...

    def wait(self) -> bool:
        """Block until the store changes (True) or ``wake()`` is called (False)."""
        ...

    def wake(self) -> None: ...

    def close(self) -> None: ...


def recorders(entries: Iterable[ConsentEntry], own_exe: str) -> list[Recorder]:
    """The apps holding the microphone now, less this program itself."""
    own = own_exe.replace("\\", "#").lower()
    return [Recorder(app=e.app) for e in entries if e.in_use and e.app.lower() != own]


class WindowsCallMonitor(Publisher):
    def __init__(self, apps: frozenset[str] = frozenset(),
                 store_factory: Callable[[], ConsentStore] | None = None,
                 own_exe: str = sys.executable, retry_seconds: float = RETRY_SECONDS) -> None:
        super().__init__()
        self._apps = apps
        self._factory = store_factory or RegistryConsentStore
        self._own_exe = own_exe
        self._retry = retry_seconds
        self._stop = threading.Event()
        self._store_lock = threading.Lock()
        self._store: ConsentStore | None = None
        self._thread: threading.Thread | None = None

    def start(self, on_change: OnChange) -> None:
        self._subscribe(on_change)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="calls-windows",
                                            daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._subscribe(lambda _state: None)
        with self._store_lock:
            if self._store is not None:
                self._store.wake()
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
            except OSError as exc:  # no such key (older Windows), or it went away
                log.warning("microphone consent store unavailable: %s", str(exc))
            if self._stop.is_set():
                break
            self._publish(UNAVAILABLE)
            self._stop.wait(self._retry)

    def _watch(self) -> None:
        store = self._factory()
        with self._store_lock:
            if self._stop.is_set():
                store.close()
                return
            self._store = store
        try:
            while not self._stop.is_set():
                store.arm()
                found = recorders(store.entries(), self._own_exe)
                self._publish(CallState(counts_as_call(found, -1, self._apps), True, SOURCE))
                if not store.wait():
                    return
        finally:
            with self._store_lock:
                self._store = None
            store.close()


REG_NOTIFY_CHANGE_NAME = 0x1
REG_NOTIFY_CHANGE_LAST_SET = 0x4
REG_NOTIFY_THREAD_AGNOSTIC = 0x10000000
INFINITE = 0xFFFFFFFF


class RegistryConsentStore:  # pragma: no cover - Windows only
    """The consent store through ``winreg``, with change events from advapi32."""

    def __init__(self) -> None:
        import ctypes
        import importlib
        from ctypes import wintypes

        self._winreg: Any = importlib.import_module("winreg")
        windll: Any = getattr(ctypes, "WinDLL")  # noqa: B009 - absent off Windows
        self._k32 = windll("kernel32", use_last_error=True)
        self._adv = windll("advapi32", use_last_error=True)
        self._k32.CreateEventW.restype = wintypes.HANDLE
        self._k32.CreateEventW.argtypes = [ctypes.c_void_p, wintypes.BOOL, wintypes.BOOL,
                                           wintypes.LPCWSTR]
        self._k32.SetEvent.argtypes = [wintypes.HANDLE]
        self._k32.CloseHandle.argtypes = [wintypes.HANDLE]
        self._k32.WaitForMultipleObjects.restype = wintypes.DWORD
        self._k32.WaitForMultipleObjects.argtypes = [
            wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE), wintypes.BOOL, wintypes.DWORD]
        self._adv.RegNotifyChangeKeyValue.restype = wintypes.LONG
        self._adv.RegNotifyChangeKeyValue.argtypes = [
            wintypes.HANDLE, wintypes.BOOL, wintypes.DWORD, wintypes.HANDLE, wintypes.BOOL]
        reg = self._winreg
        self._key = reg.OpenKey(reg.HKEY_CURRENT_USER, CONSENT_KEY, 0,
                                reg.KEY_READ | reg.KEY_NOTIFY)
        self._changed = self._k32.CreateEventW(None, False, False, None)  # auto-reset
        self._stopped = self._k32.CreateEventW(None, True, False, None)   # stays set
        self._handles = (wintypes.HANDLE * 2)(self._changed, self._stopped)

    def arm(self) -> None:
        flags = REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET | REG_NOTIFY_THREAD_AGNOSTIC
        code = self._adv.RegNotifyChangeKeyValue(self._key.handle, True, flags,
                                                 self._changed, True)
        if code != 0:
            raise OSError(code, "RegNotifyChangeKeyValue failed")

    def entries(self) -> list[ConsentEntry]:
        found = self._read_children(self._key)
        try:
            with self._winreg.OpenKey(self._key, "NonPackaged") as nonpackaged:
                found += self._read_children(nonpackaged)
        except OSError:
            pass  # no program outside the Store has asked for the microphone yet
        return found

    def _read_children(self, key: Any) -> list[ConsentEntry]:
        reg = self._winreg
        found: list[ConsentEntry] = []
        index = 0
        while True:
            try:
                name = reg.EnumKey(key, index)
            except OSError:
                return found
            index += 1
            if name == "NonPackaged":
                continue
            try:
                with reg.OpenKey(key, name) as sub:
                    start = int(reg.QueryValueEx(sub, "LastUsedTimeStart")[0])
                    stop = int(reg.QueryValueEx(sub, "LastUsedTimeStop")[0])
            except OSError:
                continue  # asked for consent, never used it
            found.append(ConsentEntry(name, start, stop))

    def wait(self) -> bool:
        return int(self._k32.WaitForMultipleObjects(2, self._handles, False, INFINITE)) == 0

    def wake(self) -> None:
        self._k32.SetEvent(self._stopped)

    def close(self) -> None:
        self._key.Close()
        self._k32.CloseHandle(self._changed)
        self._k32.CloseHandle(self._stopped)
