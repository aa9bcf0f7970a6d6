"""The pages around the pacer: what to breathe and a rating before, a summary and a
rating after. SUDS 0–10: 0 calm, 10 the most distressed you can imagine."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.core.breathing import PATTERNS, SESSION_MINUTES, BreathingResult, Plan
from desktop.core.text import N_
from desktop.i18n import _, ngettext


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return _("{s} s").format(s=seconds)
    minutes, rest = divmod(seconds, 60)
    return (_("{m} min {s} s").format(m=minutes, s=rest) if rest
            else _("{m} min").format(m=minutes))


class Rating(QWidget):
    """SUDS 0–10: 0 calm, 10 the most distressed you can imagine."""

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        """``question``: N_ text, translated whenever the language is set."""
        super().__init__(parent)
        self._question = question
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setObjectName("title")
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 10)
        self.slider.setValue(5)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.value = QLabel(self)
        self.value.setObjectName("count")
        self.value.setMinimumWidth(28)
        self.slider.valueChanged.connect(lambda v: self.value.setText(str(v)))
        self.value.setText(str(self.slider.value()))
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        scale = QHBoxLayout()
        self.calm, self.distressed = QLabel(self), QLabel(self)
        for label in (self.calm, self.distressed):
            label.setObjectName("quiet")
        scale.addWidget(self.calm)
        scale.addStretch()
        scale.addWidget(self.distressed)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addLayout(scale)
        self.retranslate()

    def retranslate(self) -> None:
        question = _(self._question)
        self.question.setText(question)
        self.slider.setAccessibleName(question)
        self.slider.setAccessibleDescription(_(
            "0 is calm, 10 is the most distressed you can imagine"))
        self.value.setAccessibleName(_("Rating"))
        self.calm.setText(_("0 calm"))
        self.distressed.setText(_("10 most distressed"))


class Page(QWidget):
    """A page: its own content on top (built by the subclass first, so Tab follows the
    page top to bottom), then the optional rating and Skip/confirm at the bottom."""

    confirmed = Signal(object)  # the rating, or None when skipped or not asked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(10)

    def add_rating(self, question: str, confirm_text: str, ask: bool) -> None:
        """``question`` and ``confirm_text``: N_ texts."""
        self.ask = ask
        self._confirm_text = confirm_text
        self.rating = Rating(question, self)
        self.rating.setVisible(ask)
        self.skip = QPushButton(self)
        self.skip.setVisible(ask)
        self.confirm = QPushButton(self)
        self.confirm.setObjectName("primary")
        self.confirm.setDefault(True)
        self.skip.clicked.connect(lambda: self.confirmed.emit(None))
        self.confirm.clicked.connect(
            lambda: self.confirmed.emit(self.rating.slider.value() if self.ask else None))
        self.body.addWidget(self.rating)
        self.body.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch()
        buttons.addWidget(self.confirm)
        self.body.addLayout(buttons)

    def retranslate(self) -> None:
        self.rating.retranslate()
        self.skip.setText(_("Skip rating (S)"))
        self.skip.setAccessibleName(_("Skip rating"))
        self.confirm.setText(_(self._confirm_text))
        self.confirm.setAccessibleName(_(self._confirm_text))

    @property
    def slider(self) -> QSlider:
        return self.rating.slider


class IntroPage(Page):
    """Which breathing, for how long, how to do it; then the optional rating."""

    def __init__(self, plan: Plan, ask: bool, parent: QWidget | None = None,
                 bar: bool = False) -> None:
        super().__init__(parent)
        self.plan = plan
        self.bar = bar  # the pacer is a filling bar (reduced motion), not a circle
        self.pattern = QComboBox(self)
        for key in PATTERNS:
            self.pattern.addItem("", key)
        self.minutes = QComboBox(self)
        for minutes in SESSION_MINUTES:
            self.minutes.addItem("", minutes)
        self.pattern.setCurrentIndex(self.pattern.findData(plan.pattern.key))
        self.minutes.setCurrentIndex(self.minutes.findData(plan.minutes))
        form = QFormLayout()
        self.pattern_label, self.minutes_label = QLabel(self), QLabel(self)
        self.pattern_label.setBuddy(self.pattern)
        self.minutes_label.setBuddy(self.minutes)
        form.addRow(self.pattern_label, self.pattern)
        form.addRow(self.minutes_label, self.minutes)
        self.how = QLabel(self)
        self.how.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("quiet")
        self.summary.setWordWrap(True)
        self.heading = QLabel(self)
        self.heading.setObjectName("title")
        self.body.addWidget(self.heading)
        self.body.addLayout(form)
        self.body.addWidget(self.how)
        self.body.addWidget(self.summary)
        self.body.addSpacing(12)
        self.add_rating(N_("How distressed do you feel right now?"), N_("Start (Enter)"), ask)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.pattern.setAccessibleName(_("Breathing pattern"))
        for i, pattern in enumerate(PATTERNS.values()):
            self.pattern.setItemText(i, _(pattern.name))
        self.minutes.setAccessibleName(_("Session length"))
        for i, minutes in enumerate(SESSION_MINUTES):
            self.minutes.setItemText(i, _("{m} min").format(m=minutes))
        self.pattern_label.setText(_("Pattern"))
        self.minutes_label.setText(_("Length"))
        self.how.setAccessibleName(_("How to breathe"))
        self.heading.setText(_("Guided breathing"))
        self.show_plan(self.plan)

    def choice(self) -> tuple[str, int]:
        return str(self.pattern.currentData()), int(self.minutes.currentData())

    def show_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.how.setText(_(plan.pattern.how))
        follow = _("Follow the bar.") if self.bar else _("Follow the circle.")
        self.summary.setText(ngettext("{cycles} cycle, {duration}.", "{cycles} cycles, {duration}.",
                                      plan.cycles).format(
            cycles=plan.cycles, duration=_duration(plan.total_seconds)) + " " + follow)


class AfterPage(Page):
    def __init__(self, ask: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("title")
        self.summary.setWordWrap(True)
        self.before = QLabel(self)
        self.before.setObjectName("quiet")
        self.body.addWidget(self.summary)
        self.body.addSpacing(12)
        self.add_rating(N_("And now? How distressed do you feel?"), N_("Save (Enter)"), ask)
        self.rating.column.addWidget(self.before)
        self._result: tuple[BreathingResult, int, int] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if self._result is not None:
            self._show_text(*self._result)

    def show_result(self, result: BreathingResult, cycles_done: int, cycles: int) -> None:
        self._result = (result, cycles_done, cycles)
        self._show_text(result, cycles_done, cycles)
        if result.rating_before is not None:
            self.slider.setValue(result.rating_before)

    def _show_text(self, result: BreathingResult, cycles_done: int, cycles: int) -> None:
        if result.completed:
            self.summary.setText(ngettext("Well done: the whole cycle.",
                                          "Well done: all {n} cycles.", cycles).format(n=cycles))
        else:
            self.summary.setText(ngettext(
                "You breathed for {duration} ({done} of {total} cycle). That counts too.",
                "You breathed for {duration} ({done} of {total} cycles). That counts too.",
                cycles).format(duration=_duration(result.actual_seconds), done=cycles_done,
                               total=cycles))
        if result.rating_before is None:
            self.before.hide()
        else:
            self.before.setText(_("Before, you said {n}.").format(n=result.rating_before))
