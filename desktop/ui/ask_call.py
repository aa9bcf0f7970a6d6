"""“How was that call?”: a small toast after an untagged call, with Difficult and Fine.

Off unless ``calls.ask_after_call`` is on. It never takes focus and goes away by itself;
the answer is an ordinary tag (source ``ask``), so Undo works as for any other."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.i18n import _
from desktop.ui.popup import Popup

ASK_MS = 15000


class AskCallToast(Popup):
    rated = Signal(str)  # "difficult" or "ordinary"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ASK_MS, parent)
        self.title = QLabel(self.frame)
        self.title.setObjectName("title")
        self.difficult_button = self.button("", "")
        self.fine_button = self.button("", "")
        self.difficult_button.clicked.connect(lambda: self._rate("difficult"))
        self.fine_button.clicked.connect(lambda: self._rate("ordinary"))
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.difficult_button)
        row.addWidget(self.fine_button)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("How was that call?"))
        self.title.setText(_("How was that call?"))
        self.difficult_button.setText(_("Difficult"))
        self.difficult_button.setAccessibleName(_("Tag that call as difficult"))
        self.fine_button.setText(_("Fine"))
        self.fine_button.setAccessibleName(_("Tag that call as ordinary"))

    def _rate(self, kind: str) -> None:
        self.hide()
        self.rated.emit(kind)
