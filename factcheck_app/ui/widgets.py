"""Small shared widgets: coloured badges, headings, empty states, a flow of badges."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


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
