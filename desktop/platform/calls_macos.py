"""Calls on macOS: is the default input device running in any process?

CoreAudio answers with ``kAudioDevicePropertyDeviceIsRunningSomewhere`` on the default
input device, and calls a listener when that changes or when the default input device
itself changes (a headset plugged in). The listeners only wake the worker thread, which
reads the answer again; nothing is polled. macOS does not say which app records, so
``calls.apps`` has nothing to add here.

Written and unit-tested against a fake audio system only: not yet run on macOS.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from desktop.platform.calls import UNAVAILABLE, CallState, OnChange, Publisher

log = logging.getLogger(__name__)

SOURCE = "coreaudio"
COREAUDIO = "/System/Library/Frameworks/CoreAudio.framework/CoreAudio"


def fourcc(code: str) -> int:
    """CoreAudio's four-character constants: ``fourcc("glob")`` == 0x676C6F62."""
    raw = code.encode("ascii")
    if len(raw) != 4:
        raise ValueError(code)
    return int.from_bytes(raw, "big")


SYSTEM_OBJECT = 1                                  # kAudioObjectSystemObject
NO_DEVICE = 0                                      # kAudioObjectUnknown
DEFAULT_INPUT = fourcc("dIn ")                     # kAudioHardwarePropertyDefaultInputDevice
RUNNING_SOMEWHERE = fourcc("gone")                 # kAudioDevicePropertyDeviceIsRunningSomewhere
SCOPE_GLOBAL = fourcc("glob")                      # kAudioObjectPropertyScopeGlobal
ELEMENT_MAIN = 0                                   # kAudioObjectPropertyElementMain


class AudioSystem(Protocol):
    def default_input(self) -> int:
        """The default input device's id; ``NO_DEVICE`` when there is none."""
        ...

    def running_somewhere(self, device: int) -> bool: ...

    def listen(self, device: int, woken: Callable[[], None]) -> None:
        """Call ``woken`` when ``device`` (or, for SYSTEM_OBJECT, the default input
        device) changes; from any thread."""
        ...

    def unlisten(self, device: int) -> None: ...

    def close(self) -> None: ...


class MacCallMonitor(Publisher):
    def __init__(self, system_factory: Callable[[], AudioSystem] | None = None) -> None:
        super().__init__()
        self._factory = system_factory or CoreAudioSystem
        self._stop = threading.Event()
        self._woken = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, on_change: OnChange) -> None:
        self._subscribe(on_change)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="calls-macos", daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._subscribe(lambda _state: None)
        self._woken.set()
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = None

    def _run(self) -> None:
        try:
            system = self._factory()
        except OSError as exc:
            log.warning("CoreAudio unavailable: %s", str(exc))
            self._publish(UNAVAILABLE)
            return
        device = NO_DEVICE
        try:
            system.listen(SYSTEM_OBJECT, self._woken.set)
            while not self._stop.is_set():
                self._woken.clear()
                current = system.default_input()
                if current != device:
                    if device != NO_DEVICE:
                        system.unlisten(device)
                    if current != NO_DEVICE:
                        system.listen(current, self._woken.set)
                    device = current
                running = device != NO_DEVICE and system.running_somewhere(device)
                self._publish(CallState(running, True, SOURCE))
                self._woken.wait()
        except OSError as exc:
            log.warning("CoreAudio stopped answering: %s", str(exc))
            if not self._stop.is_set():
                self._publish(UNAVAILABLE)
        finally:
            system.close()


class PropertyAddress(ctypes.Structure):
    _fields_ = [("mSelector", ctypes.c_uint32), ("mScope", ctypes.c_uint32),
                ("mElement", ctypes.c_uint32)]


ListenerProc = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_uint32, ctypes.c_uint32,
                                ctypes.POINTER(PropertyAddress), ctypes.c_void_p)


class CoreAudioSystem:  # pragma: no cover - macOS only
    """CoreAudio's C API through ctypes."""

    def __init__(self) -> None:
        self._lib: Any = ctypes.cdll.LoadLibrary(COREAUDIO)
        self._lib.AudioObjectGetPropertyData.restype = ctypes.c_int32
        self._lib.AudioObjectAddPropertyListener.restype = ctypes.c_int32
        self._lib.AudioObjectRemovePropertyListener.restype = ctypes.c_int32
        self._listeners: dict[int, tuple[PropertyAddress, Any]] = {}

    @staticmethod
    def _address(selector: int) -> PropertyAddress:
        return PropertyAddress(selector, SCOPE_GLOBAL, ELEMENT_MAIN)

    def _get_u32(self, obj: int, selector: int) -> int:
        value = ctypes.c_uint32(0)
        size = ctypes.c_uint32(ctypes.sizeof(value))
        address = self._address(selector)
        status = self._lib.AudioObjectGetPropertyData(
            ctypes.c_uint32(obj), ctypes.byref(address), ctypes.c_uint32(0), None,
            ctypes.byref(size), ctypes.byref(value))
        if status != 0:
            raise OSError(status, f"AudioObjectGetPropertyData({obj}) failed")
        return int(value.value)

    def default_input(self) -> int:
        return self._get_u32(SYSTEM_OBJECT, DEFAULT_INPUT)

    def running_somewhere(self, device: int) -> bool:
        return self._get_u32(device, RUNNING_SOMEWHERE) != 0

    def listen(self, device: int, woken: Callable[[], None]) -> None:
        selector = DEFAULT_INPUT if device == SYSTEM_OBJECT else RUNNING_SOMEWHERE

        def proc(_obj: int, _count: int, _addresses: Any, _data: Any) -> int:
            woken()
            return 0

        address = self._address(selector)
        callback = ListenerProc(proc)  # kept in _listeners: CoreAudio holds the pointer
        status = self._lib.AudioObjectAddPropertyListener(
            ctypes.c_uint32(device), ctypes.byref(address), callback, None)
        if status != 0:
            raise OSError(status, "AudioObjectAddPropertyListener failed")
        self._listeners[device] = (address, callback)

    def unlisten(self, device: int) -> None:
        address, callback = self._listeners.pop(device)
        self._lib.AudioObjectRemovePropertyListener(
            ctypes.c_uint32(device), ctypes.byref(address), callback, None)

    def close(self) -> None:
        for device in list(self._listeners):
            self.unlisten(device)
