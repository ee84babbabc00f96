"""Hand-painted charts (no QtCharts): stacked bars, a donut with legend, shared painters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..domain.verdicts import VerdictScale

# The order verdicts are stacked in: good news first, then bad, then the undecided.
TRACK_ORDER = ("held", "partly_held", "broken", "unverifiable", "pending")


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    value: int
    colour: str


def verdict_segments(counts: dict, scale: VerdictScale,
                     order: Sequence[str] = TRACK_ORDER) -> list[Segment]:
    """Segments for a verdict -> count mapping, coloured and labelled by the workspace scale.

    Keys the scale does not know (a customised scale) are appended in scale order so
    nothing counted is silently dropped.
    """
    keys = [k for k in order if k in scale.keys] + [k for k in scale.keys if k not in order]
    keys += [k for k, v in counts.items() if k not in keys and isinstance(v, int)]
    segments = []
    for key in keys:
        value = int(counts.get(key) or 0)
        try:
            level = scale.level(key)
            label, colour = level.label, level.colour
        except Exception:  # noqa: BLE001 - an unknown verdict still gets drawn
            label, colour = key.replace("_", " ").capitalize(), "#777777"
        segments.append(Segment(key, label, value, colour))
    return segments


def text_colour(widget: QWidget, muted: bool = False) -> QColor:
    """Palette text colour, so charts read well in light and dark themes."""
    colour = QColor(widget.palette().color(QPalette.ColorRole.WindowText))
    if muted:
        colour.setAlphaF(0.62)
    return colour


def track_colour(widget: QWidget) -> QColor:
    """The empty part of a bar: a faint tint of the text colour."""
    colour = QColor(widget.palette().color(QPalette.ColorRole.WindowText))
    colour.setAlphaF(0.10)
    return colour


def paint_stacked_bar(painter: QPainter, rect: QRectF, segments: Iterable[Segment],
                      total: float | None = None, *, labels: bool = False,
                      background: QColor | None = None) -> None:
    """Segments left to right in a rounded bar; `total` sets the scale (default: their sum)."""
    segments = [s for s in segments if s.value > 0]
    whole = float(total if total is not None else sum(s.value for s in segments))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = min(4.0, rect.height() / 2)
    clip = QPainterPath()
    clip.addRoundedRect(rect, radius, radius)
    if background is not None:
        painter.fillPath(clip, background)
    if whole <= 0 or not segments:
        painter.restore()
        return
    painter.setClipPath(clip)
    x = rect.left()
    font = QFont(painter.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    font.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(font)
    for index, segment in enumerate(segments):
        width = rect.width() * segment.value / whole
        part = QRectF(x, rect.top(), width, rect.height())
        painter.fillRect(part, QColor(segment.colour))
        if index:  # a hairline keeps neighbouring colours apart
            painter.setPen(QPen(QColor(255, 255, 255, 150), 1))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        text = str(segment.value)
        if labels and metrics.horizontalAdvance(text) + 8 <= width and rect.height() >= 12:
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(part, Qt.AlignmentFlag.AlignCenter, text)
        x += width
    painter.restore()


def paint_legend(painter: QPainter, rect: QRect, segments: Sequence[Segment], colour: QColor,
                 *, counts: bool = False) -> int:
    """Swatch + label entries flowing left to right, wrapping; returns the height used."""
    metrics = QFontMetrics(painter.font())
    line = metrics.height() + 6
    x, y = rect.left(), rect.top()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for segment in segments:
        text = f"{segment.label} {segment.value}" if counts else segment.label
        width = 12 + 6 + metrics.horizontalAdvance(text) + 16
        if x > rect.left() and x + width > rect.right():
            x, y = rect.left(), y + line
        swatch = QRectF(x, y + (line - 10) / 2, 10, 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(segment.colour))
        painter.drawRoundedRect(swatch, 2.5, 2.5)
        painter.setPen(colour)
        painter.drawText(QRect(int(x) + 16, y, width, line),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        x += width
    painter.restore()
    return y + line - rect.top()


class Legend(QWidget):
    """A one-line key of swatches, for tables that paint small bars."""

    def __init__(self, segments: Sequence[Segment] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments = list(segments)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_segments(self, segments: Sequence[Segment]) -> None:
        self._segments = list(segments)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        width = sum(34 + metrics.horizontalAdvance(s.label) for s in self._segments)
        return QSize(width, metrics.height() + 6)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_legend(painter, self.rect().adjusted(0, 0, 40, 0), self._segments,
                     text_colour(self, True))


class StackedBarDelegate(QStyledItemDelegate):
    """A table cell painted as a small stacked bar (segments under `role`) and its total."""

    def __init__(self, role: int, parent=None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        segments = index.data(self._role)
        if segments is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        total = sum(s.value for s in segments)
        rect = option.rect.adjusted(12, 0, -6, 0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        colour = QColor(option.palette.color(text_role))
        if total == 0:
            colour.setAlphaF(0.5)
            painter.setPen(colour)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "—")
            painter.restore()
            return
        number = str(total)
        number_width = option.fontMetrics.horizontalAdvance("000") + 4
        bar = QRectF(rect.left(), rect.center().y() - 5, max(10, rect.width() - number_width), 10)
        background = QColor(colour)
        background.setAlphaF(0.12)
        paint_stacked_bar(painter, bar, segments, background=background)
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, number)
        painter.restore()


class StackedBarChart(QWidget):
    """One labelled horizontal stacked bar per row, all on one scale, legend on top."""

    ROW_HEIGHT = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, list[Segment], str]] = []
        self._legend: list[Segment] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: Sequence[tuple[str, list[Segment], str]],
                 legend: Sequence[Segment] = ()) -> None:
        """rows: (label, segments, note at the right end, e.g. '3 checkable')."""
        self._rows = list(rows)
        self._legend = list(legend)
        self.setToolTip("")
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, list[Segment], str]]:
        return list(self._rows)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, 40 + self.ROW_HEIGHT * max(1, len(self._rows)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(240, 40 + self.ROW_HEIGHT * max(1, len(self._rows)))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        area = self.rect().adjusted(2, 2, -2, -2)
        legend_height = paint_legend(painter, area, self._legend, text_colour(self, True))
        top = area.top() + legend_height + 6
        metrics = QFontMetrics(painter.font())
        label_width = min(max((metrics.horizontalAdvance(r[0]) for r in self._rows), default=0) + 12,
                          int(area.width() * 0.34))
        note_width = max((metrics.horizontalAdvance(r[2]) for r in self._rows), default=0) + 12
        largest = max((sum(s.value for s in r[1]) for r in self._rows), default=0)
        bar_left = area.left() + label_width
        bar_width = max(20, area.width() - label_width - note_width)
        for index, (name, segments, note) in enumerate(self._rows):
            y = top + index * self.ROW_HEIGHT
            row = QRect(area.left(), y, area.width(), self.ROW_HEIGHT)
            painter.setPen(text_colour(self))
            painter.drawText(QRect(area.left(), y, label_width - 10, self.ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_width - 10))
            bar = QRectF(bar_left, row.center().y() - 8, bar_width, 16)
            paint_stacked_bar(painter, bar, segments, total=largest or 1, labels=True,
                              background=track_colour(self))
            painter.setPen(text_colour(self, True))
            painter.drawText(QRect(int(bar.right()) + 8, y, note_width, self.ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, note)


class DonutChart(QWidget):
    """Shares of a whole as a ring, the total in the middle, a legend with counts and %."""

    MAX_SIDE = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments: list[Segment] = []
        self._caption = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_segments(self, segments: Sequence[Segment], caption: str = "") -> None:
        self._segments = list(segments)
        self._caption = caption
        self.update()

    def segments(self) -> list[Segment]:
        return list(self._segments)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(420, self.MAX_SIDE + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, 170)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        area = self.rect().adjusted(4, 4, -4, -4)
        total = sum(s.value for s in self._segments)
        side = max(60, min(area.height(), int(area.width() * 0.42), self.MAX_SIDE))
        ring = QRectF(area.left(), area.top(), side, side)
        thickness = max(12.0, side * 0.16)
        inner = ring.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2)
        pen = QPen(track_colour(self), thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawEllipse(inner)
        if total > 0:
            start = 90.0 * 16
            gap = 1.2 * 16 if sum(1 for s in self._segments if s.value) > 1 else 0
            for segment in self._segments:
                if not segment.value:
                    continue
                span = -360.0 * 16 * segment.value / total
                pen.setColor(QColor(segment.colour))
                painter.setPen(pen)
                painter.drawArc(inner, int(start - gap / 2), int(span + gap))
                start += span
        self._paint_centre(painter, inner, total)
        self._paint_legend(painter, QRect(int(ring.right()) + 28, area.top(),
                                          area.right() - int(ring.right()) - 28, side), total)

    def _paint_centre(self, painter: QPainter, inner: QRectF, total: int) -> None:
        big = QFont(painter.font())
        big.setPointSizeF(painter.font().pointSizeF() * 2.0)
        big.setWeight(QFont.Weight.Bold)
        painter.setFont(big)
        painter.setPen(text_colour(self))
        number_height = QFontMetrics(big).height()
        centre = inner.center()
        painter.drawText(QRectF(inner.left(), centre.y() - number_height * 0.75, inner.width(),
                                number_height), Qt.AlignmentFlag.AlignCenter, f"{total:,}")
        painter.setFont(self.font())
        painter.setPen(text_colour(self, True))
        painter.drawText(QRectF(inner.left(), centre.y() + number_height * 0.2, inner.width(),
                                QFontMetrics(self.font()).height()),
                         Qt.AlignmentFlag.AlignCenter, self._caption)

    def _paint_legend(self, painter: QPainter, rect: QRect, total: int) -> None:
        metrics = QFontMetrics(self.font())
        line = metrics.height() + 10
        shown = self._segments
        top = rect.center().y() - line * len(shown) // 2
        # as wide as the largest count (100,000 statements must not lose a digit)
        count_width = max([metrics.horizontalAdvance("0000")]
                          + [metrics.horizontalAdvance(f"{s.value:,}") for s in shown])
        share_width = metrics.horizontalAdvance("100%")
        name_width = max(40, rect.width() - count_width - share_width - 40)
        for index, segment in enumerate(shown):
            y = top + index * line
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(segment.colour))
            painter.drawRoundedRect(QRectF(rect.left(), y + (line - 12) / 2, 12, 12), 3, 3)
            painter.setPen(text_colour(self))
            x = rect.left() + 20
            painter.drawText(QRect(x, y, name_width, line), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(segment.label, Qt.TextElideMode.ElideRight,
                                                name_width))
            x += name_width + 8
            painter.drawText(QRect(x, y, count_width, line),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             f"{segment.value:,}")
            share = f"{round(100 * segment.value / total)}%" if total else "–"
            painter.setPen(text_colour(self, True))
            painter.drawText(QRect(x + count_width + 8, y, share_width + 4, line),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, share)

