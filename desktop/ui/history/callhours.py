"""Calls by hour of the day: how many calls started in each local hour (the microphone in
use, from the calls feature) and what share of them you tagged as hard."""

from __future__ import annotations

import pyqtgraph as pg

from desktop.i18n import _, ngettext
from desktop.service.history import CallHours
from desktop.ui.history.panel import ChartPanel
from desktop.ui.history.text import hour_text, number, percent

DAY_HOURS = (8, 18)


class CallHoursChart(ChartPanel):
    count_axis = "left"

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.data: CallHours | None = None
        self.hours: tuple[int, int] = DAY_HOURS

    def show_data(self, data: CallHours) -> None:
        self.reset_plot()
        self.data = data
        total = sum(data.calls)
        self.set_title(_("Calls by hour of the day"),
                       ngettext("{n} call detected in this period (another program using the "
                                "microphone). Above each bar: the share you tagged as hard.",
                                "{n} calls detected in this period (another program using the "
                                "microphone). Above each bar: the share you tagged as hard.",
                                total).format(n=number(total)))
        self.set_axes(_("Hour of the day (local time)"), _("Calls (count)"))
        if not total:
            self.show_empty(_("No calls were detected in this period. Breakwater notices a "
                              "call when another program uses the microphone."))
            return
        busy = [h for h in range(24) if data.calls[h] or data.difficult[h]]
        first, last = min([DAY_HOURS[0], *busy]), max([DAY_HOURS[1] - 1, *busy])
        self.hours = (first, last + 1)
        hours = list(range(first, last + 1))
        fill = self.theme.ordinary
        self.plot.addItem(pg.BarGraphItem(x=[h + 0.5 for h in hours],
                                          height=[data.calls[h] for h in hours], width=0.8,
                                          brush=fill.brush(), pen=fill.pen(0.8),
                                          name=_("Calls")))
        top = max(data.calls[h] for h in hours)
        for h in hours:
            share = data.share(h)
            if share is not None:
                label = pg.TextItem(percent(share), color=self.theme.foreground,
                                    anchor=(0.5, 1))
                label.setPos(h + 0.5, data.calls[h])
                self.plot.addItem(label)
        self.plot.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(first,
                                                                              last + 2)], []])
        self.plot.setXRange(first, last + 1, padding=0.01)
        self.plot.setYRange(0, max(1, top) * 1.3, padding=0)
        self.show_chart()
        self.table.fill([_("Hour"), _("Calls"), _("Hard calls tagged"), _("Share tagged hard")],
                        [[_("{start}–{end}").format(start=hour_text(h), end=hour_text(h + 1)),
                          number(data.calls[h]), number(data.difficult[h]),
                          percent(s) if (s := data.share(h)) is not None else "—"]
                         for h in hours])

    def hover_text(self, x: float, y: float) -> str | None:
        if self.data is None:
            return None
        hour = int(x)
        if not self.hours[0] <= hour < self.hours[1]:
            return None
        share = self.data.share(hour)
        calls = ngettext("{n} call", "{n} calls", self.data.calls[hour]).format(
            n=number(self.data.calls[hour]))
        hard = ngettext("{n} tagged hard", "{n} tagged hard", self.data.difficult[hour]).format(
            n=number(self.data.difficult[hour]))
        text = _("{start}–{end}: {calls}, {hard}").format(
            start=hour_text(hour), end=hour_text(hour + 1), calls=calls, hard=hard)
        return text + (f" ({percent(share)})" if share is not None else "")

    def export_name(self) -> str:
        return "breakwater-calls-by-hour"
