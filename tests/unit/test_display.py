"""Whether a desktop session can be reached, decided before Qt (which aborts) is asked."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from desktop.platform.display import display_problem

SOCKETS = {"/tmp/.X11-unix/X0", "/run/user/1000/wayland-0"}


def problem(env: Mapping[str, str], abstract: str = "", platform: str = "linux") -> str | None:
    return display_problem(env, platform, exists=SOCKETS.__contains__,
                           abstract=lambda: abstract)


@pytest.mark.parametrize("env", [
    {"DISPLAY": ":0"},
    {"DISPLAY": ":0.1"},
    {"DISPLAY": "unix:0"},
    {"DISPLAY": "otherhost:10.0"},  # ssh forwarding: Qt tries it
    {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"},
    {"WAYLAND_DISPLAY": "/run/user/1000/wayland-0"},
    {"DISPLAY": ":5", "WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"},
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "vnc:size=800x600"},
    {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"},
    {"QT_QPA_PLATFORM": "someplugin"},  # a platform of its own: Qt tries it
], ids=str)
def test_a_reachable_session(env: dict[str, str]) -> None:
    assert problem(env) is None


def test_a_display_that_listens_only_on_an_abstract_socket() -> None:
    assert problem({"DISPLAY": ":7"}, abstract="0: 00000002 ... @/tmp/.X11-unix/X7\n") is None


@pytest.mark.parametrize(("env", "why"), [
    ({}, "neither DISPLAY nor WAYLAND_DISPLAY is set"),
    ({"DISPLAY": ""}, "neither DISPLAY nor WAYLAND_DISPLAY is set"),
    ({"DISPLAY": ":5"}, "no X server answers at DISPLAY=:5; WAYLAND_DISPLAY is not set"),
    ({"WAYLAND_DISPLAY": "wayland-3", "XDG_RUNTIME_DIR": "/run/user/1000"},
     "DISPLAY is not set; no Wayland compositor answers at WAYLAND_DISPLAY=wayland-3"),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0",
      "XDG_RUNTIME_DIR": "/run/user/1000"}, "(DISPLAY is not set)"),
    ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "(WAYLAND_DISPLAY is not set)"),
], ids=str)
def test_no_session_is_one_sentence_saying_why_and_what_still_works(
        env: dict[str, str], why: str) -> None:
    text = problem(env)
    assert text is not None and why in text
    assert "breakwater tag difficult" in text and "\n" not in text


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_always_have_their_session(platform: str) -> None:
    assert problem({}, platform=platform) is None
