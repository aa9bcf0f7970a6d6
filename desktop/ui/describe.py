"""What the user can see right now, as plain data: the ``describe`` request (over the
socket) answers with it, so end-to-end tests check the screen without reading pixels.
Imported only when asked (the idle tray never is)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.ui.controller import TrayController
    from desktop.ui.windows import WindowRegistry


def describe(controller: TrayController) -> dict[str, Any]:
    tray, window, popups = controller.tray, controller.window, controller.popups
    return {
        "tray": tray is not None and tray.isVisible(),
        "tooltip": tray.toolTip() if tray is not None else "",
        "window": window is not None and window.isVisible(),
        "toast": popups.toast_visible(),
        "nudge": popups.card_visible(),
        "nudge_text": popups.card_text(),
        "nudge_accept_at": popups.accept_at(),
        "checkin_offer_open_at": popups.offer_open_at(),
        "checkin": _checkin(controller.windows),
        "popups": popups.geometry(),
        "ask_call": popups.ask_visible(),
        "calls_line": controller.calls_text,
        "menu_status": controller.surface.menu_status,
        "toast_compact": popups.toast_visible() and popups.toast.compact,
        **controller.calls.as_dict(),
        "held": controller.held(),
        "hotkey_problems": [p.combo for p in controller.hotkey_problems],
        "breathing": _breathing(controller.windows),
        "windows": _windows(controller.windows),
        "open_windows": [name for name in controller.windows.specs
                         if controller.windows.get(name) is not None],
        "toast_keys": popups.keyboard_state(),
    }


def _windows(windows: WindowRegistry) -> dict[str, Any]:
    """Each open window that can say what it shows (``describe()``), by name."""
    out = {}
    for name in windows.specs:
        window = windows.get(name)
        describe = getattr(window, "describe", None)
        if window is not None and callable(describe):
            out[name] = describe()
    return out


def _breathing(windows: WindowRegistry) -> dict[str, Any] | None:
    from desktop.ui.breathing_window import BreathingWindow

    window = windows.get("breathe")
    if not isinstance(window, BreathingWindow):
        return None
    current = window.stack.currentWidget()
    page = ("before" if current is window.before else "pacer"
            if current is window.pacer_page else "after")
    return {"page": page, "phase": window.phase_word.text(),
            "active": window.isActiveWindow()}


def _checkin(windows: WindowRegistry) -> dict[str, Any] | None:
    from desktop.ui.checkin_window import CheckinWindow

    window = windows.get("checkin")
    if not isinstance(window, CheckinWindow):
        return None
    page = "questions" if window.stack.currentWidget() is window.questions else "result"
    return {"page": page, "active": window.isActiveWindow(),
            "answers": list(window.answers())}
