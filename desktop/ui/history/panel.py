"""One chart on the History window: a title, the plot, the same numbers as a table, and
export to PNG or SVG.

A chart shows a friendly sentence instead of empty axes when it has nothing to show.
Hover shows exact values (a tooltip; ``hover_text`` gives the same text for tests and
for the table's own row text). The table is for screen readers and copy-paste: Ctrl+C
copies the selected rows, or all of them, as tab-separated text with the header.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QCursor, QFontMetrics, QGuiApplication, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.history.axes import CountAxis
from desktop.ui.history.theme import Theme, emphasise, theme_for

pg.setConfigOptions(antialias=True)

EXPORT_WIDTH = 1600  # pixels of an exported PNG: sharp when printed or zoomed


class CopyableTable(QTableWidget):
    """A read-only table whose Ctrl+C copies rows as tab-separated text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.clear()
        self.setColumnCount(len(header))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels(list(header))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def as_text(self, only_selected: bool = False) -> str:
        rows = sorted({i.row() for i in self.selectedIndexes()}) if only_selected else []
        if not rows:
            rows = list(range(self.rowCount()))
        def text(item: QTableWidgetItem | None) -> str:
            return item.text() if item is not None else ""

        header = [text(self.horizontalHeaderItem(c)) for c in range(self.columnCount())]
        lines = ["\t".join(header)]
        lines.extend("\t".join(text(self.item(r, c)) for c in range(self.columnCount()))
                     for r in rows)
        return "\n".join(lines) + "\n"

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.as_text(only_selected=True))
            event.accept()
            return
        super().keyPressEvent(event)


class ChartPanel(QFrame):
    """Base of every chart. Subclasses draw in ``self.plot`` (a pyqtgraph PlotItem) from
    data given to their ``show_data``, fill the table, and answer ``hover_text``."""

    clicked = Signal(float, float)  # a click on the plot, in data coordinates
    # The axis ("left", "bottom") that counts things: whole-number ticks only (axes.py).
    count_axis: str | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.theme: Theme = theme_for(self)
        self.title = QLabel(self)
        emphasise(self.title, 1.15, bold=True)
        self.title.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table_toggle = QPushButton(self)
        self.table_toggle.setCheckable(True)
        self.table_toggle.toggled.connect(self._show_table)
        self.export_button = QToolButton(self)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.png_action = self.export_menu.addAction("")
        self.svg_action = self.export_menu.addAction("")
        self.png_action.triggered.connect(lambda _checked=False: self._ask_export("png"))
        self.svg_action.triggered.connect(lambda _checked=False: self._ask_export("svg"))
        self.export_button.setMenu(self.export_menu)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.note)
        header.addLayout(titles, 1)
        self.header = header
        header.addWidget(self.table_toggle)
        header.addWidget(self.export_button)

        axes = {self.count_axis: CountAxis(self.count_axis)} if self.count_axis else None
        self.view = pg.PlotWidget(self, axisItems=axes)
        self.view.setMinimumHeight(200)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Nor its drawing surface: Tab stopped there, on a nameless "filler" that does
        # nothing with keys (the table toggle gives the same numbers to the keyboard).
        self.view.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot: pg.PlotItem = self.view.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.legend = self.plot.addLegend(offset=(8, 4), colCount=4)
        self.table = CopyableTable(self)
        self.empty = QLabel(self)
        emphasise(self.empty, 1.1)
        self.empty.setContentsMargins(24, 24, 24, 24)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(120)
        self.body = QStackedWidget(self)
        for page in (self.view, self.table, self.empty):
            self.body.addWidget(page)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        self._title_text = ""
        self._empty_text: str | None = None
        self.view.scene().sigMouseMoved.connect(self._moved)
        self.view.scene().sigMouseClicked.connect(self._clicked)
        self.view.installEventFilter(self)
        self.retranslate_controls()

    def sizeHint(self) -> QSize:
        # The same for every chart, whatever its table holds: charts on one tab share the
        # height equally and the tab scrolls only when the window is really too small.
        return QSize(640, 280)

    def hasHeightForWidth(self) -> bool:
        # The wrapped title would otherwise make the tab's scroll area size the page by
        # each chart's preferred height (its full table), not by the room there is.
        return False

    # Text -----------------------------------------------------------------------------
    def retranslate_controls(self) -> None:
        self.table_toggle.setText(_("Show chart") if self.table_toggle.isChecked()
                                  else _("Show table"))
        self.table_toggle.setAccessibleName(_("Show the numbers of {chart} as a table")
                                            .format(chart=self._title_text))
        self.export_button.setText(_("Export…"))
        self.export_button.setAccessibleName(_("Export {chart}").format(chart=self._title_text))
        self.png_action.setText(_("As a PNG image…"))
        self.svg_action.setText(_("As an SVG drawing…"))

    def set_title(self, title: str, note: str = "") -> None:
        self._title_text = title
        self.title.setText(title)
        self.title.setAccessibleName(title)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.table.setAccessibleName(_("{chart}: table").format(chart=title))
        self.view.setAccessibleName(title)
        self.retranslate_controls()

    def set_axes(self, bottom: str, left: str) -> None:
        style = {"color": self.theme.foreground.name()}
        self.plot.setLabel("bottom", bottom, **style)
        self.plot.setLabel("left", left, **style)

    def fit_left_axis(self, labels: Sequence[str]) -> None:
        """Make the left axis wide enough for its longest tick label (pyqtgraph only
        widens it on a later paint, so an export or a first frame would cut names)."""
        metrics = QFontMetrics(self.plot.getAxis("left").style.get("tickFont") or self.font())
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
        self.plot.getAxis("left").setWidth(max(48, widest + 36))

    # State ------------------------------------------------------------------------------
    def show_empty(self, text: str) -> None:
        """Nothing to draw: a sentence instead of axes; no table or export."""
        self._empty_text = text
        self.empty.setText(text)
        self.empty.setAccessibleName(text)
        self.body.setCurrentWidget(self.empty)
        self.table_toggle.setEnabled(False)
        self.export_button.setEnabled(False)

    def show_chart(self) -> None:
        self._empty_text = None
        self.table_toggle.setEnabled(True)
        self.export_button.setEnabled(True)
        self.body.setCurrentWidget(self.table if self.table_toggle.isChecked() else self.view)

    @property
    def is_empty(self) -> bool:
        return self._empty_text is not None

    def _show_table(self, on: bool) -> None:
        if not self.is_empty:
            self.body.setCurrentWidget(self.table if on else self.view)
        self.retranslate_controls()

    def reset_plot(self) -> None:
        """Clear the plot and re-apply the palette (it may have changed)."""
        self.theme = theme_for(self)
        self.plot.clear()
        self.legend.clear()
        self.plot.getAxis("left").setWidth(None)
        self.view.setBackground(self.theme.background)
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(self.theme.quiet))
            axis.setTextPen(pg.mkPen(self.theme.foreground))
        self.legend.setLabelTextColor(self.theme.foreground)
        self.plot.showGrid(x=False, y=True, alpha=0.25)

    def show_data(self, data: Any) -> None:
        """Draw ``data`` (each chart knows its kind); called again on a new language or
        palette."""
        raise NotImplementedError

    # Hover and click -------------------------------------------------------------------
    def hover_text(self, x: float, y: float) -> str | None:
        """Exact values at data point (x, y), or None where there is nothing."""
        return None

    def _to_data(self, scene_pos: QPointF) -> QPointF | None:
        box = self.plot.getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        point = box.mapSceneToView(scene_pos)
        return point if isinstance(point, QPointF) else None

    def _moved(self, scene_pos: QPointF) -> None:
        point = self._to_data(scene_pos)
        text = self.hover_text(point.x(), point.y()) if point is not None else None
        if text:
            QToolTip.showText(QCursor.pos(), text, self.view)
        else:
            QToolTip.hideText()

    def _clicked(self, event: object) -> None:
        point = self._to_data(event.scenePos())  # type: ignore[attr-defined]
        if point is not None:
            self.clicked.emit(point.x(), point.y())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Leave:
            QToolTip.hideText()
        return False

    # Export -------------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        filters = {"png": _("PNG image (*.png)"), "svg": _("SVG drawing (*.svg)")}
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Export {chart}").format(chart=self._title_text),
            f"{self.export_name()}.{kind}", filters[kind])
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            try:
                self.export(Path(path))
            except OSError as error:
                QMessageBox.warning(self, _("Export failed"), _(
                    "The chart was not saved as {path}: {reason}").format(
                    path=path, reason=error.strerror or error))

    def export_name(self) -> str:
        return "breakwater-chart"

    def export(self, path: Path) -> None:
        """Save the chart, with its title, as PNG or SVG (by the file's suffix). Raises
        OSError, with the reason, when the file cannot be written."""
        # Asked first, so a read-only folder, a missing one or a folder of that name is
        # told with the system's own reason; and every write below is checked: a file
        # already there (from an earlier export) proved nothing about this one.
        existed = path.exists()
        with open(path, "ab"):
            pass
        if not existed:
            path.unlink()
        self.plot.setTitle(self._title_text, color=self.theme.foreground.name())
        self.plot.layout.activate()  # make room for the title now, not on the next frame
        try:
            if path.suffix.lower() == ".svg":
                self._export_svg(path)
            else:
                exporter = ImageExporter(self.plot)
                exporter.parameters()["width"] = EXPORT_WIDTH
                exporter.parameters()["background"] = self.theme.background
                if not exporter.export(str(path)):
                    raise OSError(_("the image could not be written"))
        finally:
            self.plot.setTitle(None)
            self.plot.layout.activate()

    def _export_svg(self, path: Path) -> None:
        # pyqtgraph 0.14's SVGExporter cannot read the path data Qt 6 writes (a closing
        # "Z" on its own; pyqtgraph issue #3485), so the plot is drawn through Qt's own
        # SVG generator: vector output with the title, axes and legend. Its resolution must
        # be the screen's, or text and ticks come out at another scale than the data.
        try:
            from PySide6.QtSvg import QSvgGenerator
        except ImportError:  # a build without Qt's SVG module
            raise OSError(_("this copy of Breakwater cannot write SVG; export as PNG "
                            "instead")) from None
        source = self.plot.sceneBoundingRect()
        target = QRectF(0, 0, source.width(), source.height())
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setResolution(round(self.view.logicalDpiX()))
        generator.setSize(source.size().toSize())
        generator.setViewBox(target)
        generator.setTitle(self._title_text)
        generator.setDescription(_("Exported from Breakwater"))
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(_("the drawing could not be written"))
        try:
            painter.fillRect(target, self.theme.background)
            self.view.scene().render(painter, target, source)
        finally:
            written = painter.end()
        if not written or path.stat().st_size == 0:
            raise OSError(_("the drawing could not be written"))
