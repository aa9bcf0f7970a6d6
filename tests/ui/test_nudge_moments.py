"""A nudge card still unanswered when its moment passes: the person started a break some
other way, paused nudges, went away, erased everything, or a call began. A fake clock,
fake platform parts and a real SQLite file, as app.py wires them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.model import Kind
from desktop.service import breaks
from tests.ui.test_calls_controller import App, build
from tests.ui.test_controller_breaks import Rig, high_load

BREAK_CARD = ("Load is high.", "A 5-minute break away from the screen?")


@pytest.fixture
def rig(tmp_path: Path, qtbot: QtBot) -> Iterator[Rig]:
    from desktop.platform.sleep import FakeSleep

    made = Rig(tmp_path, qtbot, FakeSleep())
    yield made
    made.close()


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    built = build(tmp_path, qtbot)
    yield built
    built.controller.shutdown()
    built.store.close()


def offered(rig: Rig) -> None:
    high_load(rig)
    rig.controller.tick()
    assert rig.controller.popups.card_text() == BREAK_CARD


@pytest.mark.parametrize("how", ["menu", "command line"])
def test_a_break_started_another_way_takes_the_card_away_at_once(rig: Rig, how: str) -> None:
    """Before: the offer stayed up during the break, and dismissing it recorded a
    skipped break beside the one running."""
    offered(rig)
    if how == "menu":
        rig.controller.open_window("break")
    else:
        assert rig.controller.handle({"cmd": "open", "window": "break", "params": {}})["ok"]
    assert not rig.controller.popups.card_visible()  # at once, not at the next tick
    assert "On a break" in rig.controller.menu.status_label.text()
    rig.controller.popups.card.dismissed.emit()  # a click that raced the hiding
    assert rig.rows() == []  # no skipped break beside the running one
    run = breaks.current(rig.service)
    assert run is not None and run.nudge_id is None
    rig.clock.advance(60)
    rig.controller.tick()
    assert not rig.controller.popups.card_visible()


def test_pausing_nudges_takes_the_card_away(rig: Rig) -> None:
    offered(rig)
    rig.controller.pause_hour()
    assert not rig.controller.popups.card_visible()
    rig.controller.resume()
    rig.controller.tick()
    assert not rig.controller.popups.card_visible()  # the same rise is not offered again


def test_time_away_takes_the_card_away(rig: Rig) -> None:
    offered(rig)
    rig.clock.advance(200)
    rig.idle.seconds = 200  # away from the desk with the offer unanswered
    rig.controller.tick()
    assert rig.controller.idle.away
    assert not rig.controller.popups.card_visible()
    rig.clock.advance(600)
    rig.idle.seconds = 0.5
    rig.controller.tick()
    assert not rig.controller.popups.card_visible()  # back: the time away was the break


def test_erasing_everything_takes_the_card_away(rig: Rig) -> None:
    offered(rig)
    assert rig.controller.handle({"cmd": "erase"})["ok"]
    assert not rig.controller.popups.card_visible()


def test_a_card_up_when_a_call_begins_waits_and_comes_back_once(app: App) -> None:
    """Before: the card stayed on top of the softphone for the whole call."""
    app.press(2)
    app.run(1)
    assert app.controller.describe()["nudge"] and app.nudges() == ["breathe"]
    app.phone.set_call(True)
    app.run(1)
    ui = app.controller.describe()
    assert not ui["nudge"] and ui["held"] == 1
    app.run(120)
    app.phone.set_call(False)
    app.run(9)
    assert not app.controller.describe()["nudge"]
    app.run(1)
    assert app.controller.describe()["nudge_text"] == (
        "Load is building.", "One minute of breathing?")
    assert app.nudges() == ["breathe"]  # the same offer, not a second one


def test_a_card_put_away_by_a_call_lapses_when_load_fell_meanwhile(app: App) -> None:
    app.press(2)
    app.run(1)
    assert app.controller.describe()["nudge"]
    app.phone.set_call(True)
    app.run(1)
    app.run(40 * 60)  # a long call: load falls below 'building'
    app.phone.set_call(False)
    app.run(30)
    assert not app.controller.describe()["nudge"]
    assert app.controller.held() == 0
    app.controller.tag(Kind.ORDINARY)
    assert app.nudges() == ["breathe"]


def test_erasing_during_a_call_drops_what_waited(app: App) -> None:
    """Before: a message held for the wrap-up ("Break over", the check-in offer) was
    shown after the call although everything it was about had been erased."""
    from desktop.ui.popup import Popup

    offer = Popup(0)
    app.phone.set_call(True)
    app.controller.tell("Break over", "Welcome back.")
    app.controller.popups.show(offer)
    app.press(2)
    app.run(5)
    assert app.controller.held() == 3
    assert app.controller.handle({"cmd": "erase"})["ok"]
    assert app.controller.held() == 0
    app.phone.set_call(False)
    app.run(30)
    assert app.sent.sent == [] and not offer.isVisible() and app.nudges() == []
    offer.deleteLater()


def test_a_break_offer_put_away_by_a_call_comes_back_while_load_is_raised(app: App) -> None:
    """Tried with a real sound server: the offer came at load 6.0; after a short call
    load was 5.9 ('building'), and the offer was gone for good. Like a break offer held
    by the gap, it comes back unless load fell back to calm."""
    app.press(3)
    app.run(1)
    assert app.controller.describe()["nudge_text"] == BREAK_CARD
    app.phone.set_call(True)
    app.run(5 * 60)
    app.phone.set_call(False)
    app.run(10)
    assert app.controller.service.status().level.value == "building"
    assert app.controller.describe()["nudge_text"] == BREAK_CARD
    assert app.nudges() == ["break"]
