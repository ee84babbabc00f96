"""After an export: say where the file went, with Show in folder and Open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


class ExportDone(QMessageBox):
    """“Saved report.pdf in /home/ana/Documents”, and the two things one does next."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path).resolve()
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle("Export saved")
        self.setText(f"Saved “{self.path.name}”")
        self.setInformativeText(f"in {self.path.parent}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = self.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
        self.open_button = self.addButton("Open", QMessageBox.ButtonRole.ActionRole)
        close = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(close)
        self.setEscapeButton(close)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button) -> None:
        if button is self.show_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
        elif button is self.open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
