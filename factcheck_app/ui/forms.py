"""Form building blocks shared by the detail tabs and dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_fuzzy_date
from ..domain.deadlines import resolve_deadline
from ..domain.errors import InvalidInput
from ..domain.records import KIND_LABELS, KINDS


def speaker_completer(names: list[str], parent: QWidget) -> QCompleter:
    """Completion over every speaker name and alias, matching anywhere in the name."""
    completer = QCompleter(QStringListModel(sorted(set(names), key=str.lower), parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


def multiline(placeholder: str = "") -> QPlainTextEdit:
    """A multi-line field where Tab moves on to the next field, as in every other field."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


def set_text(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Put `text` in a field unless it holds it already: refilling the same text would move
    the cursor to the start after every save."""
    if isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() != text:
            widget.setPlainText(text)
    elif widget.text() != text:
        widget.setText(text)


def kind_combo() -> QComboBox:
    box = QComboBox()
    for key in KINDS:
        box.addItem(KIND_LABELS[key], key)
    return box


def set_combo(box: QComboBox, data) -> None:
    index = box.findData(data)
    box.setCurrentIndex(index if index >= 0 else 0)


class CheckByEdit(QWidget):
    """Type a date or the statement's own words; the resolved date shows as you type."""

    resolved = Signal(object)  # Deadline

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText="a date, or the words used: “by the end of June”, "
                                              "“within six months”")
        self.result = QLabel()
        self.result.setProperty("role", "muted")
        # A long explanation wraps: it must not widen the form past the window.
        self.result.setWordWrap(True)
        self._stated: date | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.result)
        self.edit.textChanged.connect(self._update)

    def set_stated(self, stated_text: str) -> None:
        try:
            self._stated = parse_fuzzy_date(stated_text).first_day
        except InvalidInput:
            self._stated = None
        self._update()

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit
        self.edit.setText(text)

    def _update(self) -> None:
        text = self.text()
        if not text:
            self._show("No check-by date: the outcome cannot fall due.", "muted")
            return
        if self._stated is None:
            self._show("Enter the date the statement was made to resolve this.", "notice")
            return
        deadline = resolve_deadline(text, self._stated)
        if deadline.due:
            self._show(f"Check by {deadline.due:%A %d %B %Y} — {deadline.explanation}", "muted")
        else:
            self._show(f"⚠ {deadline.explanation}. The statement will be flagged, not given a "
                       "guessed date.", "notice")
        self.resolved.emit(deadline)

    def _show(self, text: str, role: str) -> None:
        self.result.setText(text)
        self.result.setProperty("role", role)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)


class LazyChoiceCombo(QComboBox):
    """A combo box over thousands of choices that loads them only when opened.

    Until then it holds just the current choice, so showing a statement does not
    pay for listing every source in the workspace.
    """

    def __init__(self, load, none_label: str = "— none —", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load  # () -> list[(text, data)]
        self._none = none_label
        self._loaded = False
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_choice(None, "")

    def set_choice(self, data, text: str) -> None:
        if self._loaded and self.findData(data) >= 0:
            set_combo(self, data)
            return
        self._loaded = False
        self.clear()
        self.addItem(self._none, None)
        if data is not None:
            self.addItem(text, data)
            self.setCurrentIndex(1)

    def invalidate(self) -> None:
        self._loaded = False

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        if not self._loaded:
            current = self.currentData()
            self.blockSignals(True)
            self.clear()
            self.addItem(self._none, None)
            for text, data in self._load():
                self.addItem(text, data)
            set_combo(self, current)
            self.blockSignals(False)
            self._loaded = True
        super().showPopup()
