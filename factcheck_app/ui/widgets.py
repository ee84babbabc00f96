"""Small shared widgets: coloured badges, headings, empty states, a flow of badges."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def paint_badge(painter: QPainter, rect: QRect, text: str, colour: str) -> None:
    """A rounded, filled pill with white text, vertically centred in `rect`."""
    if not text:
        return
    painter.save()
    font = QFont(painter.font())
    font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
    font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    width = min(rect.width() - 4, metrics.horizontalAdvance(text) + 14)
    height = metrics.height() + 4
    pill = QRect(rect.left() + 4, rect.center().y() - height // 2 + 1, width, height)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(pill, height / 2, height / 2)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter,
                     metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 10))
    painter.restore()


class Badge(QWidget):
    """A badge as a widget, for headers and forms."""

    def __init__(self, text: str = "", colour: str = "#777", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text, self._colour = text, colour
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set(self, text: str, colour: str) -> None:
        self._text, self._colour = text, colour
        self.setToolTip(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
        font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        return QSize(metrics.horizontalAdvance(self._text) + 22, metrics.height() + 8)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_badge(painter, self.rect(), self._text, self._colour)


def label(text: str = "", role: str | None = None, *, wrap: bool = False,
          selectable: bool = False) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    if selectable:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class EmptyState(QWidget):
    """A friendly centred message where a list has nothing to show yet."""

    def __init__(self, title: str, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = label(title, "heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label(hint, "muted", wrap=True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addStretch(2)


def hbox(*widgets, margins: int = 0, spacing: int = 6, stretch_last: bool = False) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    for widget in widgets:
        if widget is None:
            layout.addStretch(1)
        elif isinstance(widget, QWidget):
            layout.addWidget(widget)
        else:
            layout.addLayout(widget)
    if stretch_last:
        layout.addStretch(1)
    return layout


class ElidedLabel(QLabel):
    """Text in at most `lines` lines, the last cut with an ellipsis, always the same height.

    For headers whose text varies from record to record: a longer quote must not push
    the form below it down (and its Save button out of reach). The tooltip has it whole.
    """

    def __init__(self, lines: int = 1, role: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setToolTip(text)
        self.updateGeometry()

    def _height(self) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().lineSpacing() * self._lines + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(200, self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(40, self._height())

    def shown_lines(self) -> list[str]:
        """The lines as drawn at the current width."""
        metrics = self.fontMetrics()
        width = max(10, self.contentsRect().width())
        words, lines, line = self.text().split(), [], ""
        for i, word in enumerate(words):
            trial = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(trial) <= width or not line:
                line = trial
                continue
            if len(lines) == self._lines - 1:  # the last line takes the rest, elided
                line = " ".join([line, *words[i:]])
                break
            lines.append(line)
            line = word
        if line:
            lines.append(line)
        if lines:
            lines[-1] = metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)
        return lines

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        spacing = self.fontMetrics().lineSpacing()
        for i, line in enumerate(self.shown_lines()):
            painter.drawText(QRect(rect.left(), rect.top() + i * spacing, rect.width(), spacing),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)


class SearchKeys(QObject):
    """Keys a search box shares with every list: Enter or Down go to the results, Escape
    clears the search (the results follow)."""

    def __init__(self, search: QLineEdit, results: QAbstractItemView,
                 before_leaving=None) -> None:
        super().__init__(search)
        self._search, self._results = search, results
        self._before_leaving = before_leaving  # e.g. run a search still waiting for a pause
        search.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is not self._search or event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._before_leaving:
                self._before_leaving()
            model = self._results.model()
            if model is None or not model.rowCount():
                return True
            self._results.setFocus(Qt.FocusReason.TabFocusReason)
            selected = self._results.selectionModel().selectedRows()
            if selected:
                self._results.setCurrentIndex(selected[0])
            else:
                self._results.selectRow(0)
            return True
        if key == Qt.Key.Key_Escape and self._search.text():
            self._search.clear()
            return True
        return False
