"""The three headline numbers above History's charts, each with the sentence that says
what it counts."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.i18n import _, ngettext
from desktop.service.history import Headline as HeadlineData
from desktop.ui.history.text import number, percent
from desktop.ui.history.theme import emphasise


def hotkey_text(spec: str) -> str:
    """"<ctrl>+<alt>+h" as people write it: "Ctrl+Alt+H"."""
    names = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "cmd": "Cmd", "super": "Super"}
    parts = [p.strip("<>") for p in spec.split("+")]
    return "+".join(names.get(p, p.upper()) for p in parts)


class HeadlineRow(QWidget):
    """Three numbers at a glance, each with the sentence that explains it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.values: list[QLabel] = []
        self.words: list[QLabel] = []
        for column in range(3):
            value = QLabel(self)
            emphasise(value, 1.8, bold=True)
            words = QLabel(self)
            words.setWordWrap(True)
            grid.addWidget(value, 0, column)
            grid.addWidget(words, 1, column)
            grid.setColumnStretch(column, 1)
            self.values.append(value)
            self.words.append(words)
        self.data: HeadlineData | None = None

    def show_data(self, data: HeadlineData) -> None:
        self.data = data
        texts = [
            (number(data.longest_streak),
             ngettext("hard call in a row at most in this period (no ordinary call or break "
                      "between)", "hard calls in a row at most in this period (no ordinary "
                      "call or break between)", data.longest_streak)),
            (number(data.last_seven),
             ngettext("hard call in the last 7 days; the 4 weeks before averaged {avg} a "
                      "week", "hard calls in the last 7 days; the 4 weeks before averaged "
                      "{avg} a week", data.last_seven).format(avg=number(data.weekly_average, 1))),
        ]
        if data.high_moments:
            texts.append((percent(data.recovered / data.high_moments), ngettext(
                "of high-load moments were followed by breathing, a break or time away "
                "within 30 minutes ({recovered} of {n})",
                "of high-load moments were followed by breathing, a break or time away "
                "within 30 minutes ({recovered} of {n})", data.high_moments).format(
                recovered=number(data.recovered), n=number(data.high_moments))))
        else:
            texts.append(("—", _("no high-load moments in this period")))
        for (value, words), value_label, words_label in zip(texts, self.values, self.words,
                                                           strict=True):
            value_label.setText(value)
            words_label.setText(words)
            # Read in order, "10", then "hard calls in a row…": each label its own words
            # (both named with the whole sentence, a screen reader said it twice).
            value_label.setAccessibleName(value)
            words_label.setAccessibleName(words)
