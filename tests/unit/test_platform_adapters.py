"""The platform adapters' logic that needs no display: combination parsing, backend
selection, and a notifier that never raises."""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import threading
from pathlib import Path

import pytest

from desktop.platform import hotkeys as hk
from desktop.platform import idle
from desktop.platform.notify import FakeNotifier, PlyerNotifier
from desktop.platform.x11_keys import X11Hotkeys
from desktop.platform.xcb import XcbHotkeys
from desktop.platform.xdisplay import pinned_name


@pytest.mark.parametrize(("combo", "mods", "key", "shown"), [
    ("<ctrl>+<alt>+h", ["ctrl", "alt"], "h", "Ctrl+Alt+H"),
    ("<ctrl>+<shift>+<f5>", ["ctrl", "shift"], "f5", "Ctrl+Shift+F5"),
    ("<cmd>+g", ["cmd"], "g", "Super+G"),
])
def test_combinations_parse_and_read_as_people_write_them(
        combo: str, mods: list[str], key: str, shown: str) -> None:
    assert hk.split_combo(combo) == (mods, key)
    assert hk.describe_combo(combo) == shown


@pytest.mark.parametrize("bad", ["h", "<ctrl>+", "<hyper>+h", "+h", "<ctrl>++h"])
def test_malformed_combinations_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        hk.split_combo(bad)
    assert hk.describe_combo(bad) == bad  # shown as typed, never a crash


def test_help_names_the_command_to_bind() -> None:
    assert "breakwater tag difficult" in hk.shortcut_help("breakwater tag difficult")


def test_unavailable_backend_reports_every_binding_with_its_reason() -> None:
    backend = hk.UnavailableHotkeys("no keys here")
    problems = backend.start({"<ctrl>+<alt>+h": lambda: None, "<ctrl>+<alt>+g": lambda: None})
    assert problems == [hk.HotkeyProblem("<ctrl>+<alt>+h", "no keys here"),
                        hk.HotkeyProblem("<ctrl>+<alt>+g", "no keys here")]


def test_fake_backend_calls_bindings_and_refuses_what_it_is_told() -> None:
    pressed: list[str] = []
    backend = hk.FakeHotkeys(refuse={"<ctrl>+<alt>+g"})
    problems = backend.start({"<ctrl>+<alt>+h": lambda: pressed.append("h"),
                              "<ctrl>+<alt>+g": lambda: pressed.append("g")})
    assert [p.combo for p in problems] == ["<ctrl>+<alt>+g"]
    backend.press("<ctrl>+<alt>+h")
    assert pressed == ["h"]
    with pytest.raises(KeyError):
        backend.press("<ctrl>+<alt>+g")


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "linux", hk.UnavailableHotkeys),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", hk.UnavailableHotkeys),
    ({}, "linux", hk.UnavailableHotkeys),
    ({"DISPLAY": ":7"}, "linux", XcbHotkeys),
    ({}, "win32", hk.PynputHotkeys),
    ({}, "darwin", hk.PynputHotkeys),
])
def test_the_backend_fits_the_desktop(env: dict[str, str], platform: str,
                                      expected: type) -> None:
    assert isinstance(hk.create_hotkeys(env, platform), expected)


def test_wayland_says_why() -> None:
    backend = hk.create_hotkeys({"XDG_SESSION_TYPE": "wayland"}, "linux")
    problems = backend.start({"<ctrl>+<alt>+h": lambda: None})
    assert "Wayland" in problems[0].reason


# python-xlib leaks its socket when a connection fails; that is its warning, not ours.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("backend_class", [X11Hotkeys, XcbHotkeys])
def test_x11_backend_without_a_server_reports_instead_of_raising(backend_class: type) -> None:
    backend = backend_class(":4242")  # no such display
    problems = backend.start({"<ctrl>+<alt>+h": lambda: None})
    backend.stop()
    gc.collect()  # let python-xlib's leaked socket go while its warning is ignored
    assert [p.combo for p in problems] == ["<ctrl>+<alt>+h"]
    assert "X display" in problems[0].reason


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_idle_detection_is_honest_about_missing_sources() -> None:
    assert isinstance(idle.create_idle_monitor({}, "linux"), idle.UnavailableIdle)
    assert idle.create_idle_monitor({}, "linux").idle_seconds() is None
    assert isinstance(idle.create_idle_monitor({}, "win32"), idle.WindowsIdleMonitor)
    unreachable = idle.create_idle_monitor({"DISPLAY": ":4242"}, "linux")
    assert unreachable.idle_seconds() is None
    assert unreachable.available is False
    unreachable.close()
    gc.collect()


def test_failed_notification_goes_to_the_fallback_and_is_counted() -> None:
    shown: list[tuple[str, str]] = []

    def broken(**_kwargs: object) -> object:
        raise RuntimeError("no notification service")

    notifier = PlyerNotifier(fallback=lambda t, m: shown.append((t, m)), backend=broken)
    notifier.notify("Three hard calls", "One minute of breathing?")
    notifier.flush()
    notifier.close()
    assert shown == [("Three hard calls", "One minute of breathing?")]
    assert notifier.failures == 1


def test_notifications_are_sent_off_the_calling_thread() -> None:
    calls: list[tuple[dict[str, object], str]] = []

    def backend(**kwargs: object) -> object:
        calls.append((kwargs, threading.current_thread().name))
        return None

    notifier = PlyerNotifier(fallback=lambda t, m: pytest.fail("no fallback expected"),
                             backend=backend, app_name="Breakwater")
    notifier.notify("Title", "Body")
    notifier.flush()
    notifier.close()
    [(kwargs, thread)] = calls
    assert kwargs["title"] == "Title" and kwargs["message"] == "Body"
    assert kwargs["app_name"] == "Breakwater"
    assert "app_icon" not in kwargs  # plyer rejects app_icon=None
    assert thread != threading.current_thread().name
    assert notifier.failures == 0


@pytest.mark.parametrize(("platform", "sent"), [
    ("linux", "Tom &amp; &lt;b&gt;Ana&lt;/b&gt; &lt;img src=\"http://x/y.png\"&gt; a&amp;amp;b"),
    ("win32", 'Tom & <b>Ana</b> <img src="http://x/y.png"> a&amp;b'),
])
def test_a_notification_body_is_never_markup_on_linux(
        monkeypatch: pytest.MonkeyPatch, platform: str, sent: str) -> None:
    """Freedesktop notification servers may read the body as markup; Breakwater never
    means any, so on Linux the body is escaped (elsewhere it is plain text already). The
    fallback, which shows text itself, gets the words as they were."""
    monkeypatch.setattr("desktop.platform.notify.PLATFORM", platform)
    calls: list[dict[str, object]] = []
    shown: list[tuple[str, str]] = []

    def backend(**kwargs: object) -> object:
        calls.append(kwargs)
        raise RuntimeError("no notification service")

    notifier = PlyerNotifier(fallback=lambda t, m: shown.append((t, m)), backend=backend)
    words = 'Tom & <b>Ana</b> <img src="http://x/y.png"> a&amp;b'
    notifier.notify("Talk to <i>someone</i>", words)
    notifier.flush()
    notifier.close()
    assert calls[0]["message"] == sent
    assert calls[0]["title"] == "Talk to <i>someone</i>"  # the summary is plain text
    assert shown == [("Talk to <i>someone</i>", words)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="notify-send is Linux's")
def test_through_notify_send_notifications_expire_and_carry_the_icon(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Real plyer, with a stand-in notify-send that writes down its arguments."""
    pytest.importorskip("plyer")
    if importlib.util.find_spec("dbus") is not None:
        pytest.skip("dbus-python is installed, so plyer will not use notify-send")
    args_file = tmp_path / "args"
    tool = tmp_path / "notify-send"
    tool.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {args_file}\n')
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    notifier = PlyerNotifier(fallback=lambda t, m: pytest.fail(f"fell back: {t} {m}"),
                             icon_path="/icons/breakwater.png", timeout=7)
    notifier.notify("Load is building.", "One minute of breathing?")
    notifier.flush()
    notifier.close()
    args = args_file.read_text().splitlines()
    assert args[:2] == ["Load is building.", "One minute of breathing?"]
    assert args[args.index("-t") + 1] == "7000"  # plyer's own default, 0, never expires
    assert args[args.index("-i") + 1] == "/icons/breakwater.png"
    assert args[args.index("-a") + 1] == "Breakwater"


def test_fake_notifier_records() -> None:
    fake = FakeNotifier()
    fake.notify("a", "b")
    assert fake.sent == [("a", "b")]


@pytest.mark.parametrize(("name", "pinned"), [
    (":0", "unix/:0"), (":1.0", "unix/:1.0"), ("unix:3", "unix/:3"),
    ("localhost:10.0", "localhost:10.0"), ("tcp/host:0", "tcp/host:0"),
])
def test_local_displays_never_fall_back_to_tcp(name: str, pinned: str) -> None:
    assert pinned_name(name) == pinned


def test_key_repeat_filter_counts_one_press_per_hold() -> None:
    from desktop.platform.x11_keys import KeyRepeatFilter

    keys = KeyRepeatFilter()
    assert keys.is_repeat(43, 1000) is False  # first press
    # Classic auto-repeat: release and press with the same timestamp.
    for t in range(1660, 2400, 40):
        keys.released(43, t)
        assert keys.is_repeat(43, t) is True
    keys.released(43, 2500)  # the real release
    assert keys.is_repeat(43, 2900) is False  # a new press
    # Detectable auto-repeat: presses with no release between them.
    assert keys.is_repeat(43, 3600) is True
    assert keys.is_repeat(44, 3600) is False  # another key is its own press


def test_compositing_is_assumed_where_the_platform_always_composites() -> None:
    from desktop.platform.compositor import has_compositor

    assert has_compositor({}, "win32") is True
    assert has_compositor({}, "darwin") is True
    assert has_compositor({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is True
    assert has_compositor({}, "linux") is False  # no display at all
    assert has_compositor({"DISPLAY": ":4242"}, "linux") is False  # no such X server
