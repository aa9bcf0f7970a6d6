"""The "Privacy and data" page: where the one file is, export it, erase it, and whether
Breakwater starts at login. ``AutostartBox`` is shared with the welcome."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.store.errors import StoreError
from desktop.ui.plain import plain_label
from desktop.ui.settings_fields import ERROR_STYLE, QUIET_STYLE
from desktop.ui.windows import WindowContext


class AutostartBox(QWidget):
    """"Start Breakwater when I log in", read from and written to where the desktop
    looks (never a copy in Breakwater's settings); a failure shows beside it."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.autostart = ctx.login_start()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self)
        self.box.setChecked(self.autostart.available and self.autostart.enabled())
        self.box.setEnabled(self.autostart.available)
        self.box.toggled.connect(self._toggled)
        self.where = plain_label(self)  # paths: a folder may be called "<b>"
        self.where.setWordWrap(True)
        self.where.setStyleSheet(QUIET_STYLE)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = plain_label(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.box)
        layout.addWidget(self.where)
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setText(_("Start Breakwater when I log in"))
        self.box.setAccessibleName(self.box.text())
        self.where.setText(
            _("The entry is kept at {where}").format(where=self.autostart.where)
            if self.autostart.available else self.autostart.where)

    def _toggled(self, on: bool) -> None:
        try:
            self.autostart.set_enabled(on)
        except OSError as error:
            self.box.blockSignals(True)
            self.box.setChecked(not on)
            self.box.blockSignals(False)
            self.error.setText(str(error))
            self.error.show()
            self.box.setAccessibleDescription(str(error))
            return
        self.error.hide()
        self.box.setAccessibleDescription("")


class PrivacySection(QWidget):
    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.where_heading = QLabel(self)
        self.where_heading.setWordWrap(True)
        self.path = plain_label(self, str(ctx.service.store.path))
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.path.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons = QHBoxLayout()
        self.export_csv = QPushButton(self)
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_json = QPushButton(self)
        self.export_json.clicked.connect(lambda: self.export("json"))
        self.delete = QPushButton(self)
        self.delete.clicked.connect(self.delete_everything)
        for button in (self.export_csv, self.export_json):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.delete)
        self.result = plain_label(self)  # it names the file exported to
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self.autostart = AutostartBox(ctx, self)
        layout.addWidget(self.where_heading)
        layout.addWidget(self.path)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addSpacing(16)
        layout.addWidget(self.autostart)
        self.retranslate()

    def retranslate(self) -> None:
        self.where_heading.setText(_(
            "Everything Breakwater records stays in one file on this computer, readable "
            "only by you. Nothing is ever sent anywhere. The file:"))
        self.path.setAccessibleName(_("Where your data is"))
        self.export_csv.setText(_("Export as CSV…"))
        self.export_csv.setAccessibleName(_("Export all your data as CSV files"))
        self.export_json.setText(_("Export as JSON…"))
        self.export_json.setAccessibleName(_("Export all your data as one JSON file"))
        self.delete.setText(_("Delete everything…"))
        self.delete.setAccessibleName(_("Delete all your Breakwater data"))
        self.autostart.retranslate()

    # Asking the user (tests replace these) ----------------------------------------
    def ask_export_path(self, fmt: str) -> Path | None:
        stamp = datetime.now().strftime("%Y-%m-%d")
        if fmt == "json":
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Export as JSON"), str(Path.home() / f"breakwater-{stamp}.json"),
                _("JSON files (*.json)"))
            return Path(chosen) if chosen else None
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose a folder for the CSV files"), str(Path.home()))
        return Path(folder) / f"breakwater-{stamp}" if folder else None

    def confirm_delete(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Delete everything?"), _(
            "This erases every tag, breathing session, nudge, note and setting in {path}. "
            "It cannot be undone. Export first if you want to keep a copy.").format(
            path=self.ctx.service.store.path), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path is the user's folder names
        erase = box.addButton(_("Delete everything"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("Keep my data"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is erase

    # Acting ---------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        from desktop.service.privacy import export_data

        path = self.ask_export_path(fmt)
        if path is None:
            return
        try:
            written = export_data(self.ctx.service, fmt, path)
        except (OSError, StoreError) as error:
            detail = (error.message.render(_) if isinstance(error, StoreError)
                      else error.strerror or str(error))
            self._say(_("Could not export: {detail}").format(detail=detail), failed=True)
            return
        where = path if fmt == "json" else written[0].parent
        self._say(_("Exported to {path}").format(path=where))

    def delete_everything(self) -> None:
        from desktop.service.privacy import delete_everything

        if not self.confirm_delete():
            return
        try:
            delete_everything(self.ctx.service)
        except StoreError as error:
            self.ctx.report_error(error.message.render(_))
            self._say(error.message.render(_), failed=True)
            return
        self._say(_("All your Breakwater data was erased."))
        self.ctx.settings_changed()  # back to the defaults: language, hotkeys, thresholds
        self.ctx.changed()

    def _say(self, text: str, failed: bool = False) -> None:
        self.result.setStyleSheet(ERROR_STYLE if failed else "")
        self.result.setText(text)
        self.result.show()
