"""Tray widgets show state and emit intent; checked without a display (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QCloseEvent, QColor, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.load import Level, Snapshot
from desktop.core.nudge import NudgeKind
from desktop.resources import resource_path
from desktop.ui.announce import announce
from desktop.ui.icons import SIZES, icon_name, level_icon, tooltip_text
from desktop.ui.level_painter import paint_level
from desktop.ui.nudge_card import NudgeCard
from desktop.ui.nudge_text import nudge_text
from desktop.ui.status_window import CloseChoice, StatusWindow
from desktop.ui.toast import Toast
from desktop.ui.tray_menu import TrayMenu


def snap(level: Level = Level.BUILDING, load: float = 3.44, streak: int = 3) -> Snapshot:
    return Snapshot(0.0, load, level, streak, 5, 12, 1)


def opaque_fraction(level: Level, paused: bool = False) -> float:
    image = paint_level(64, level, paused).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    solid = sum(1 for x in range(64) for y in range(64) if image.pixelColor(x, y).alpha() > 128)
    return solid / (64 * 64)


def test_levels_differ_in_shape_not_only_colour(qapp: object) -> None:
    calm, building, high = (opaque_fraction(lvl) for lvl in (Level.CALM, Level.BUILDING,
                                                               Level.HIGH))
    assert calm < building < high
    assert building - calm > 0.1 and high - building > 0.1
    assert opaque_fraction(Level.CALM, paused=True) > calm


def test_the_tray_reads_what_the_painter_draws(qapp: object) -> None:
    for level in Level:
        for paused in (False, True):
            icon = level_icon(level, paused)
            assert sorted(s.width() for s in icon.availableSizes()) == sorted(SIZES)
            for size in SIZES:
                path = resource_path("icons", "tray", icon_name(level, paused, size))
                shipped = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
                drawn = paint_level(size, level, paused).toImage().convertToFormat(
                    QImage.Format.Format_ARGB32)
                assert shipped == drawn, f"{path.name} is stale: run tools/make_icons.py"
                shown = icon.pixmap(size, size).toImage().convertToFormat(
                    QImage.Format.Format_ARGB32)
                assert shown == drawn


def test_tooltip_renders_the_snapshot_exactly(qapp: object) -> None:
    assert tooltip_text(snap(), None) == (
        "Breakwater — load 3.4 (building)\nStreak: 3 difficult in a row\n"
        "Today: 5 difficult, 12 ordinary")
    assert tooltip_text(snap(Level.HIGH, 5.96, 5), "14:30").splitlines()[0] == (
        "Breakwater — load 6.0 (high)")
    assert tooltip_text(snap(), "14:30").endswith("Nudges paused until 14:30")


def test_menu_entries_and_optional_actions(qtbot: QtBot) -> None:
    plain = TrayMenu()
    texts = [a.text() for a in plain.actions() if not a.isSeparator()]
    assert "Tag &difficult interaction" in texts and "&Quit Breakwater" in texts
    assert not any("Breathe" in t for t in texts)
    menu = TrayMenu([("breathe", "&Breathe…")])
    with qtbot.waitSignal(menu.action_requested) as blocker:
        next(a for a in menu.actions() if a.text() == "&Breathe…").trigger()
    assert blocker.args == ["breathe"]
    with qtbot.waitSignal(menu.tag_difficult):
        next(a for a in menu.actions() if a.text().startswith("Tag &difficult")).trigger()
    menu.set_paused(True, "15:00")
    assert menu.resume_action.isVisible() and not menu.pause_menu.menuAction().isVisible()
    assert "15:00" in menu.resume_action.text()
    menu.set_can_undo(False)
    assert not menu.undo_action.isEnabled()


def all_buttons_named(widget: QWidget) -> None:
    buttons = widget.findChildren(QAbstractButton)
    assert buttons
    assert all(b.accessibleName().strip() for b in buttons), [b.text() for b in buttons]


def test_toast_never_takes_focus_and_emits_choices(qtbot: QtBot) -> None:
    toast = Toast()
    qtbot.addWidget(toast)
    assert toast.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert toast.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    toast.show_for(7, "difficult", 2, None)
    assert toast.isVisible() and toast.severity_row.isVisible()
    assert toast.severity_buttons[2].isChecked()
    all_buttons_named(toast)
    with qtbot.waitSignal(toast.severity_chosen) as sev:
        qtbot.mouseClick(toast.severity_buttons[3], Qt.MouseButton.LeftButton)
    assert sev.args == [7, 3]
    with qtbot.waitSignal(toast.reason_chosen) as why:
        qtbot.mouseClick(toast.reason_buttons[next(iter(toast.reason_buttons))],
                         Qt.MouseButton.LeftButton)
    assert why.args == [7, "abusive"]
    with qtbot.waitSignal(toast.undo_clicked) as undo:
        qtbot.mouseClick(toast.undo_button, Qt.MouseButton.LeftButton)
    assert undo.args == [7]
    toast.show_for(8, "ordinary", None, None)
    assert not toast.severity_row.isVisible() and toast.title.text().startswith("Ordinary")
    assert toast.timer.isActive() and toast.timer.interval() == 4000
    toast.expire()
    assert not toast.isVisible()


def test_nudge_texts_follow_the_snapshot() -> None:
    assert nudge_text(NudgeKind.BREATHE, snap(streak=3)) == (
        "3 hard calls in a row.", "One minute of breathing?")
    assert nudge_text(NudgeKind.BREATHE, snap(streak=1))[0] == "Load is building."
    assert nudge_text(NudgeKind.BREAK, snap())[1] == "A 5-minute break away from the screen?"
    assert "10-minute break" in nudge_text(NudgeKind.BREAK, snap(), break_minutes=10)[1]
    assert "journal" in nudge_text(NudgeKind.JOURNAL, snap())[1]


def test_nudge_card_buttons(qtbot: QtBot) -> None:
    card = NudgeCard()
    qtbot.addWidget(card)
    card.show_nudge(NudgeKind.BREAK, snap(Level.HIGH))
    assert card.accept_button.text() == "Take a break"
    assert not card.timer.isActive()  # stays until answered
    all_buttons_named(card)
    with qtbot.waitSignal(card.snoozed) as snoozed:
        qtbot.mouseClick(card.long_button, Qt.MouseButton.LeftButton)
    assert snoozed.args == [30]
    with qtbot.waitSignal(card.accepted):
        qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(card.dismissed):
        qtbot.mouseClick(card.dismiss_button, Qt.MouseButton.LeftButton)


def test_status_window_for_desktops_without_a_tray(qtbot: QtBot) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.update_snapshot(snap(), None)
    window.show()
    assert "Load 3.4 (building)" in window.summary.text()
    all_buttons_named(window)
    with qtbot.waitSignal(window.tag_difficult):
        qtbot.mouseClick(window.buttons["difficult"], Qt.MouseButton.LeftButton)
    window.update_snapshot(snap(), "16:00")
    assert window.buttons["resume"].isVisible() and not window.buttons["pause_hour"].isVisible()


def answer_close_question(button_text: str, seen: list[str]) -> QTimer:
    """Waits for the close question to open, notes its text, presses ``button_text``."""
    timer = QTimer()

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        timer.stop()
        seen.extend([box.text(), box.informativeText()])
        seen.extend(b.text() for b in box.buttons())
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    timer.timeout.connect(press)
    timer.start(10)
    return timer


def test_status_window_quit_button(qtbot: QtBot) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.quit_button.accessibleName() == "Quit Breakwater"
    with qtbot.waitSignal(window.quit):
        qtbot.mouseClick(window.quit_button, Qt.MouseButton.LeftButton)


def test_closing_the_window_asks_once_and_says_how_to_get_it_back(qtbot: QtBot) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show()
    quits: list[bool] = []
    window.quit.connect(lambda: quits.append(True))

    seen: list[str] = []
    timers = [answer_close_question("&Cancel", seen)]  # kept alive until it fires
    event = QCloseEvent()
    window.user_closed(event)
    assert not event.isAccepted() and not quits  # Cancel: the window stays
    assert seen[:2] == [
        "Keep Breakwater running without this window?",
        "Your hotkeys will still tag calls and nudges will still come. To open this window "
        "again, start Breakwater again from your applications menu or run 'breakwater'. "
        "To stop Breakwater, choose Quit."]
    assert sorted(seen[2:]) == ["&Cancel", "&Keep running", "&Quit Breakwater"]

    seen.clear()
    timers.append(answer_close_question("&Keep running", seen))
    event = QCloseEvent()
    window.user_closed(event)
    assert event.isAccepted() and not quits and seen

    # Told once: the next close just hides the window, without asking.
    event = QCloseEvent()
    window.user_closed(event)
    assert event.isAccepted() and not quits
    assert not any(t.isActive() for t in timers)


def test_choosing_quit_when_closing_quits(qtbot: QtBot) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    timer = answer_close_question("&Quit Breakwater", seen)
    event = QCloseEvent()
    with qtbot.waitSignal(window.quit):
        window.user_closed(event)
    assert event.isAccepted() and not timer.isActive()


def test_a_close_from_code_does_not_ask(qtbot: QtBot) -> None:
    window = StatusWindow()
    qtbot.addWidget(window)
    window.show()
    asked: list[bool] = []
    window.ask_on_close = lambda: asked.append(True) or CloseChoice.STAY_OPEN  # type: ignore[method-assign]
    assert window.close()
    assert not window.isVisible() and asked == []


def test_announcements_reach_screen_readers_only_when_one_listens(qtbot: QtBot) -> None:
    label = QLabel("Breathe in")
    qtbot.addWidget(label)
    assert QAccessible.isActive() is False
    assert announce(label, "Breathe in") is False  # nothing listening: nothing sent
    QAccessible.setActive(True)  # as when a screen reader connects
    try:
        assert announce(label, "Breathe in") is True
        assert announce(label, "") is False
    finally:
        QAccessible.setActive(False)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(image: QImage) -> float:
    """WCAG contrast between the commonest colour (background) and the one furthest from
    it (the text's core pixels) in a rendered widget."""
    counts: dict[int, int] = {}
    for x in range(image.width()):
        for y in range(image.height()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor.fromRgb(max(counts, key=lambda k: counts[k]))
    lb = _luminance(background)
    lums = [_luminance(QColor.fromRgb(k)) for k in counts]
    lt = min(lums, key=lambda v: -abs(v - lb))
    hi, lo = max(lb, lt), min(lb, lt)
    return (hi + 0.05) / (lo + 0.05)


def test_the_load_line_in_the_menu_is_readable_in_light_and_dark_themes(
        qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    try:
        for palette in (original, dark):
            app.setPalette(palette)
            menu = TrayMenu()
            qtbot.addWidget(menu)
            menu.set_status("Breakwater — load 3.4 (building)")
            menu.ensurePolished()
            menu.adjustSize()
            label = menu.status_label
            label.resize(label.sizeHint())
            assert contrast(label.grab().toImage()) >= 4.5
            assert label.accessibleName() == "Breakwater — load 3.4 (building)"
    finally:
        app.setPalette(original)


def test_counts_use_plural_forms_in_every_language(qapp: object) -> None:
    from desktop import i18n
    from desktop.wording import today_text

    try:
        i18n.setup("es")
        assert today_text(1, 1) == "Hoy: 1 difícil, 1 normal"
        assert today_text(2, 0) == "Hoy: 2 difíciles, 0 normales"
        assert nudge_text(NudgeKind.BREATHE, snap(streak=3))[0] == (
            "3 llamadas difíciles seguidas.")
        i18n.setup("zh_CN")
        assert today_text(1, 2) == "今天：困难 1，普通 2"
    finally:
        i18n.setup("en")
    assert today_text(1, 12) == "Today: 1 difficult, 12 ordinary"
