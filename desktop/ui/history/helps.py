"""What helps you: how each breathing pattern changed your ratings, and how fast load
fell after breathing, a break, or carrying on. Below a minimum count a row says "not
enough yet" instead of showing a number that means nothing."""

from __future__ import annotations

import pyqtgraph as pg

from desktop.core.breathing import PATTERNS
from desktop.core.history import FALL_SAMPLE
from desktop.i18n import _, ngettext
from desktop.service.history import Helps
from desktop.store.history import LoadFall, PatternEffect
from desktop.ui.history.panel import ChartPanel
from desktop.ui.history.text import number, pattern_name, percent
from desktop.ui.history.theme import Fill


class HorizontalBars(ChartPanel):
    """One horizontal bar per row; rows without enough data show a note instead."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.rows: list[tuple[str, float | None, str]] = []  # (name, value, words)
        self.legend.setVisible(False)

    def draw_rows(self, rows: list[tuple[str, float | None, str]], fill: Fill,
                  value_text: str) -> None:
        self.reset_plot()
        self.legend.setVisible(False)
        self.rows = rows
        n = len(rows)
        values = [v for _name, v, _words in rows if v is not None]
        low, high = min([0.0, *values]), max([0.0, *values])
        span = max(high - low, 1e-9)
        for i, (_name, value, words) in enumerate(rows):
            y = n - 1 - i
            if value is not None:
                self.plot.addItem(pg.BarGraphItem(x0=[min(0.0, value)], width=[abs(value)],
                                                  y=[y], height=[0.6], brush=fill.brush(),
                                                  pen=fill.pen()))
            label = pg.TextItem(words, color=self.theme.foreground,
                                anchor=(0, 0.5) if (value or 0) >= 0 else (1, 0.5))
            label.setPos(value if value is not None else 0.0, y)
            self.plot.addItem(label)
        self.plot.getAxis("left").setTicks([[(n - 1 - i, name) for i, (name, _v, _w)
                                             in enumerate(rows)], []])
        self.fit_left_axis([name for name, _v, _w in rows])
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        # Room on the right for the words beside each bar.
        self.plot.setXRange(low - 0.05 * span, high + 0.9 * span, padding=0)
        self.plot.setYRange(-0.6, n - 0.4, padding=0)
        self.show_chart()
        self.table.fill([_("What"), value_text],
                        [[name, words] for name, _v, words in rows])

    def hover_text(self, x: float, y: float) -> str | None:
        i = len(self.rows) - 1 - round(y)
        if not 0 <= i < len(self.rows) or abs(y - round(y)) > 0.4:
            return None
        name, _value, words = self.rows[i]
        return f"{name}: {words}"


class PatternChart(HorizontalBars):
    def show_data(self, helps: Helps) -> None:
        minimum = helps.min_sessions
        self.set_title(
            _("Did breathing help?"),
            _("Average change in how distressed you felt (rating before minus rating after, "
              "0–10): more than zero means you felt calmer afterwards."))
        self.set_axes(_("Rating change, before − after (points)"), _("Pattern"))
        effects = {e.pattern: e for e in helps.patterns}
        keys = list(PATTERNS) + sorted(k for k in effects if k not in PATTERNS)
        rows = [self._row(effects.get(k, PatternEffect(k, 0, 0, None)), helps) for k in keys]
        if not any(helps.pattern_ready(e) for e in helps.patterns):
            self.rows = rows
            self.show_empty(ngettext(
                "Not enough sessions yet. Rate how you feel before and after breathing: "
                "after {n} rated session of a pattern, this shows whether it helps you.",
                "Not enough sessions yet. Rate how you feel before and after breathing: "
                "after {n} rated sessions of a pattern, this shows whether it helps you.",
                minimum).format(n=minimum))
            return
        self.draw_rows(rows, self.theme.accepted, _("Average change"))

    def _row(self, effect: PatternEffect, helps: Helps) -> tuple[str, float | None, str]:
        name = pattern_name(effect.pattern)
        sessions = ngettext("{n} rated session", "{n} rated sessions", effect.rated).format(
            n=number(effect.rated))
        if not helps.pattern_ready(effect) or effect.mean_change is None:
            return name, None, _("not enough sessions yet ({sessions} of {n})").format(
                sessions=number(effect.rated), n=helps.min_sessions)
        change = effect.mean_change
        return name, change, _("{change} points ({sessions})").format(
            change=("+" if change > 0 else "") + number(change, 1), sessions=sessions)

    def export_name(self) -> str:
        return "breakwater-breathing"


class LoadFallChart(HorizontalBars):
    def show_data(self, helps: Helps) -> None:
        note = _("How much of the load at a nudge was gone 30 minutes later, by what you did "
                 "in the 10 minutes after it. Hard calls in those 30 minutes add to the load.")
        if sum(f.moments for f in helps.falls) >= FALL_SAMPLE:
            note += " " + ngettext("From your latest {n} nudge in this period.",
                                   "From your latest {n} nudges in this period.",
                                   FALL_SAMPLE).format(n=number(FALL_SAMPLE))
        self.set_title(_("How fast load fell"), note)
        self.set_axes(_("Load gone after 30 minutes (% of the load at the nudge)"), "")
        rows = [self._row(fall, helps) for fall in helps.falls]
        if not any(helps.fall_ready(f) for f in helps.falls):
            self.rows = rows
            self.show_empty(_("Not enough nudges yet to compare breathing, breaks and "
                              "carrying on. This fills in as you use Breakwater."))
            return
        self.draw_rows(rows, self.theme.offered, _("Load gone after 30 minutes"))

    def _row(self, fall: LoadFall, helps: Helps) -> tuple[str, float | None, str]:
        names = {"breathing": _("After breathing"), "break": _("After a break or time away"),
                 "none": _("When you carried on")}
        name = names[fall.response]
        if not helps.fall_ready(fall) or fall.mean_left is None:
            return name, None, _("not enough moments yet ({moments} of {n})").format(
                moments=number(fall.moments), n=helps.min_moments)
        gone = 100 * (1 - fall.mean_left)
        return name, gone, _("{share} ({moments})").format(
            share=percent(1 - fall.mean_left),
            moments=ngettext("{n} nudge", "{n} nudges", fall.moments).format(
                n=number(fall.moments)))

    def export_name(self) -> str:
        return "breakwater-load-fall"
