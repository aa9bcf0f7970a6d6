"""One editor per setting, chosen from what the registry says about it, and one way to
save a value: the same validation as `breakwater settings set`.

bool → check box; int/float → spin box within the option's range; choices → a list;
a time range → "between" with two times; a hotkey → a key-capture field
(desktop/ui/hotkey_field.py); anything else → a line of text parsed like the command line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import HOTKEY, TIME_RANGE, Option, SettingError, parse_time_range
from desktop.i18n import _
from desktop.store.errors import StoreError
from desktop.ui.plain import plain_label
from desktop.ui.style import QUIET
from desktop.ui.windows import WindowContext

ERROR_STYLE = "color: #b3261e;"
QUIET_STYLE = f"color: {QUIET};"


def commit_setting(ctx: WindowContext, key: str, value: Any) -> str | None:
    """Validate and save ``key`` = ``value`` as `settings set` would, then let the app
    apply it live. Returns why it was refused (a sentence), or None when saved."""
    service = ctx.service
    if service.settings[key] == value:
        return None
    try:
        service.settings.with_value(key, value)
        if _is_hotkey(key) and value:
            reason = ctx.hotkeys.probe(value)
            if reason is not None:
                from desktop.core.combos import describe_combo

                return _("{combo} cannot be used: {reason}").format(
                    combo=describe_combo(value), reason=reason)
        service.change_setting(key, value)
    except SettingError as error:
        return error.message.render(_)
    except StoreError as error:
        text = error.message.render(_)
        ctx.report_error(text)
        return text
    ctx.settings_changed()
    return None


def _is_hotkey(key: str) -> bool:
    from desktop.core.settings import option

    return option(key).kind == HOTKEY


class Editor(QWidget):
    """An option's editor: shows a value; ``committed`` when the user set a new one."""

    committed = Signal()

    def __init__(self, opt: Option, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.option = opt
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.row = QHBoxLayout()
        self.column.addLayout(self.row)

    def value(self) -> Any:
        """The value shown; raises SettingError when the text cannot be read."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_name(self, name: str) -> None:
        """The accessible name of the control(s): the option's description."""
        for widget in self.focus_widgets():
            widget.setAccessibleName(name)

    def focus_widgets(self) -> list[QWidget]:
        return []

    def retranslate(self) -> None:
        pass

    def refused(self) -> None:
        """The value shown was not saved (the row shows why). Fields the user corrects in
        place keep it; a field that cannot be corrected in place shows the old one again."""


class BoolEditor(Editor):
    def __init__(self, opt: Option, parent: QWidget | None = None) -> None:
        super().__init__(opt, parent)
        self.box = QCheckBox(self)
        self.box.toggled.connect(lambda _on: self.committed.emit())
        self.row.addWidget(self.box)
        self.row.addStretch()

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)

    def focus_widgets(self) -> list[QWidget]:
        return [self.box]


class _Decimal(QDoubleSpinBox):
    """Shows 30 rather than 30.00, and 0.25 as it is."""

    def textFromValue(self, value: float) -> str:
        text = self.locale().toString(value, "f", self.decimals())
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text


class NumberEditor(Editor):
    """A spin box; typing commits on Enter or leaving the field, arrows at each step."""

    def __init__(self, opt: Option, parent: QWidget | None = None) -> None:
        super().__init__(opt, parent)
        low = opt.minimum if opt.minimum is not None else -1_000_000
        high = opt.maximum if opt.maximum is not None else 1_000_000
        self.spin: QSpinBox | QDoubleSpinBox
        if opt.type is int:
            self.spin = QSpinBox(self)
            self.spin.setRange(int(low), int(high))
        else:
            spin = _Decimal(self)
            spin.setDecimals(2)
            spin.setRange(float(low), float(high))
            spin.setSingleStep(0.5 if high - low <= 60 else 1.0)
            self.spin = spin
        self.spin.setKeyboardTracking(False)
        self.spin.setMinimumWidth(110)
        self.spin.valueChanged.connect(lambda _v: self.committed.emit())
        self.row.addWidget(self.spin)
        self.row.addStretch()

    def value(self) -> Any:
        return self.option.type(self.spin.value())

    def set_value(self, value: Any) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)

    def focus_widgets(self) -> list[QWidget]:
        return [self.spin]


class ChoiceEditor(Editor):
    def __init__(self, opt: Option, parent: QWidget | None = None) -> None:
        super().__init__(opt, parent)
        self.combo = QComboBox(self)
        for value, _label in opt.choices:
            self.combo.addItem("", value)
        self.combo.currentIndexChanged.connect(lambda _i: self.committed.emit())
        self.row.addWidget(self.combo)
        self.row.addStretch()
        self.retranslate()

    def retranslate(self) -> None:
        for i, (value, label) in enumerate(self.option.choices):
            text = _(label).format(value=value) if label else str(value)
            self.combo.setItemText(i, text)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
        self.combo.blockSignals(False)

    def focus_widgets(self) -> list[QWidget]:
        return [self.combo]


class TimeRangeEditor(Editor):
    """[x] Between [09:00] and [17:30]; unticked is "" (any time / none)."""

    def __init__(self, opt: Option, parent: QWidget | None = None) -> None:
        super().__init__(opt, parent)
        self.on = QCheckBox(self)
        self.start, self.end = QTimeEdit(self), QTimeEdit(self)
        self.joiner = QLabel(self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
            edit.setKeyboardTracking(False)
            edit.editingFinished.connect(self._times_set)
        self.start.setTime(QTime(9, 0))
        self.end.setTime(QTime(17, 0))
        self.on.toggled.connect(self._toggled)
        for widget in (self.on, self.start, self.joiner, self.end):
            self.row.addWidget(widget)
        self.row.addStretch()
        self._shown = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.on.setText(_("Between"))
        self.joiner.setText(_("and"))

    def set_name(self, name: str) -> None:
        self.on.setAccessibleName(name)
        self.start.setAccessibleName(_("{name}: from").format(name=name))
        self.end.setAccessibleName(_("{name}: until").format(name=name))

    def _toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.committed.emit()

    def _times_set(self) -> None:
        if self.on.isChecked() and self.value() != self._shown:
            self.committed.emit()

    def value(self) -> str:
        if not self.on.isChecked():
            return ""
        return f"{self.start.time().toString('HH:mm')}-{self.end.time().toString('HH:mm')}"

    def set_value(self, value: Any) -> None:
        self._shown = str(value)
        try:
            span = parse_time_range(str(value))
        except ValueError:
            span = None
        for widget in (self.on, self.start, self.end):
            widget.blockSignals(True)
        self.on.setChecked(span is not None)
        if span is not None:
            self.start.setTime(QTime(span[0] // 3600, span[0] % 3600 // 60))
            self.end.setTime(QTime(span[1] // 3600, span[1] % 3600 // 60))
        self.start.setEnabled(span is not None)
        self.end.setEnabled(span is not None)
        for widget in (self.on, self.start, self.end):
            widget.blockSignals(False)

    def focus_widgets(self) -> list[QWidget]:
        return [self.on, self.start, self.end]


class TextEditor(Editor):
    """Plain text, read exactly as `breakwater settings set KEY TEXT` reads it."""

    def __init__(self, opt: Option, parent: QWidget | None = None) -> None:
        super().__init__(opt, parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(opt.hint)
        self.line.editingFinished.connect(self.committed.emit)
        self.row.addWidget(self.line, 1)

    def value(self) -> Any:
        return self.option.parse(self.line.text())

    def set_value(self, value: Any) -> None:
        self.line.setText(value if isinstance(value, str) else str(value))

    def focus_widgets(self) -> list[QWidget]:
        return [self.line]


def make_editor(opt: Option, ctx: WindowContext, parent: QWidget | None = None) -> Editor:
    if opt.kind == HOTKEY:
        from desktop.ui.hotkey_field import HotkeyEditor

        return HotkeyEditor(opt, ctx.hotkeys, parent)
    if opt.choices:
        return ChoiceEditor(opt, parent)
    if opt.type is bool:
        return BoolEditor(opt, parent)
    if opt.type in (int, float):
        return NumberEditor(opt, parent)
    if opt.kind == TIME_RANGE:
        return TimeRangeEditor(opt, parent)
    return TextEditor(opt, parent)


class FieldRow(QObject):
    """An option's description, its editor, its key (for the command line) and, when a
    value was refused, why — beside the field it concerns. Its widgets go into the
    page's grid (``place``), so every page's editors line up."""

    def __init__(self, opt: Option, ctx: WindowContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.option = opt
        self.ctx = ctx
        self.description = QLabel(parent)
        self.description.setWordWrap(True)
        self.editor = make_editor(opt, ctx, parent)
        focus = self.editor.focus_widgets()
        if focus:
            self.description.setBuddy(focus[0])
        self.key = QLabel(opt.key, parent)
        self.key.setStyleSheet(QUIET_STYLE)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = plain_label(parent)  # it may quote the value typed
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.editor.set_value(ctx.service.settings[opt.key])
        self.editor.committed.connect(self.commit)
        self.retranslate()

    def place(self, grid: QGridLayout, row: int) -> int:
        """Put the widgets on rows ``row`` and ``row + 1``; returns the next free row."""
        grid.addWidget(self.description, row, 0)
        grid.addWidget(self.editor, row, 1)
        grid.addWidget(self.key, row + 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.error, row + 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setRowMinimumHeight(row + 2, 10)
        return row + 3

    def retranslate(self) -> None:
        text = _(self.option.doc)
        self.description.setText(text)
        self.editor.set_name(text)
        self.editor.retranslate()
        for widget in self.editor.focus_widgets():
            widget.setAccessibleDescription(self.error.text() if self.error.isVisible()
                                            else self.option.key)

    def commit(self) -> bool:
        """Save what the editor shows; the refusal, if any, appears beside it."""
        try:
            value = self.editor.value()
        except SettingError as error:
            self.show_error(error.message.render(_))
            self.editor.refused()
            return False
        why = commit_setting(self.ctx, self.option.key, value)
        self.show_error(why)
        if why is not None:
            self.editor.refused()
        return why is None

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))
        if text:
            from desktop.ui.announce import announce

            announce(self.error, text)  # a screen reader hears why it was not saved
        for widget in self.editor.focus_widgets():
            widget.setAccessibleDescription(text or self.option.key)

    def refresh(self) -> None:
        """The stored value changed elsewhere (the command line): show it, unless the
        user is still correcting a value that was refused here."""
        if not self.error.isVisible():
            self.editor.set_value(self.ctx.service.settings[self.option.key])
