"""The weekly check-in trend. The check-ins feature is being built separately; until its
table is in the file, this chart says so kindly instead of drawing empty axes."""

from __future__ import annotations

from desktop.i18n import _
from desktop.ui.history.panel import ChartPanel


class CheckinChart(ChartPanel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.legend.setVisible(False)

    def show_data(self, data: object) -> None:
        self.show_missing()

    def show_missing(self) -> None:
        self.set_title(_("Weekly check-in"),
                       _("Your weekly answers about working with customers, as a score "
                         "from 0 to 100."))
        self.show_empty(_("Your weekly check-ins will show here as a trend once you have "
                          "answered a few. Nothing to see yet, and that is fine."))

    def export_name(self) -> str:
        return "breakwater-checkins"
