"""One statement's life on a line: said, due, what happened, when it was rated, today."""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain.dates import DAY, MONTH, YEAR, parse_fuzzy_date
from ..domain.records import STANCE_LABELS
from ..domain.states import check_state
from ..domain.verdicts import DEFAULT_SCALE, VerdictScale
from .theme import ACCENT, DUE_COLOURS, STANCE_COLOURS

STATED, CHECK_BY, EVIDENCE, VERDICT, TODAY = "stated", "check_by", "evidence", "verdict", "today"
LANES_PER_SIDE = 3
LABEL_GAP = 10
MAX_LABEL_CHARS = 30


@dataclass(frozen=True)
class Marker:
    kind: str
    day: date
    title: str  # first label line
    when: str  # second label line: the date as precisely as it is known
    colour: str
    end: date | None = None  # last day a fuzzy date can mean (drawn as a span)


def _fuzzy(value: str | None) -> tuple[date, date | None, str] | None:
    """(first day, last day if fuzzy, label) or None when missing or unreadable."""
    if not value:
        return None
    try:
        fuzzy = parse_fuzzy_date(str(value))
    except Exception:  # noqa: BLE001 - a bad stored date must not break the detail pane
        return None
    first = fuzzy.first_day
    if fuzzy.precision == YEAR:
        return first, date(first.year, 12, 31), fuzzy.label()
    if fuzzy.precision == MONTH:
        last = calendar.monthrange(first.year, first.month)[1]
        return first, date(first.year, first.month, last), fuzzy.label()
    return first, None, day_label(first) if fuzzy.precision == DAY else fuzzy.label()


def day_label(day: date) -> str:
    """'20 Feb 2022' (strftime's %-d is not portable)."""
    return f"{day.day} {day.strftime('%b %Y')}"


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= MAX_LABEL_CHARS else text[:MAX_LABEL_CHARS - 1] + "…"


def build_markers(dossier: dict, scale: VerdictScale, today: date) -> tuple[list[Marker], list[str]]:
    """Markers in date order, plus notes about dates that could not be placed."""
    markers: list[Marker] = []
    notes: list[str] = []
    stated = _fuzzy(dossier.get("stated_on"))
    if stated:
        markers.append(Marker(STATED, stated[0], "Stated", stated[2], ACCENT, stated[1]))
    else:
        notes.append("Date stated unknown")
    check_by = _fuzzy(dossier.get("check_by"))
    if check_by:
        state = dossier.get("state") or check_state(dossier.get("check_by"),
                                                    dossier.get("verdict"), today)
        markers.append(Marker(CHECK_BY, check_by[0], "Check by", check_by[2],
                              DUE_COLOURS.get(state, DUE_COLOURS["upcoming"]), check_by[1]))
    elif dossier.get("check_by_phrase"):
        notes.append(f"Check by “{dossier['check_by_phrase']}”: no date could be derived")
    else:
        notes.append("No check-by date")
    for item in dossier.get("evidence") or []:
        occurred = _fuzzy(item.get("occurred_on"))
        title = item.get("title") or item.get("summary") or "Evidence"
        if occurred is None:
            notes.append(f"“{_short(title)}” has no date")
            continue
        colour = STANCE_COLOURS.get(item.get("stance") or "", STANCE_COLOURS["context"])
        stance = STANCE_LABELS.get(item.get("stance") or "", "")
        markers.append(Marker(EVIDENCE, occurred[0], _short(title),
                              f"{occurred[2]} · {stance.lower()}" if stance else occurred[2],
                              colour, occurred[1]))
    for verdict in dossier.get("verdicts") or []:
        rated = _fuzzy((verdict.get("created_at") or "")[:10])
        if rated is None:
            continue
        try:
            level = scale.level(verdict.get("verdict") or "")
            text, colour = level.label, level.colour
        except Exception:  # noqa: BLE001 - a verdict off the current scale
            text, colour = str(verdict.get("verdict")), "#777777"
        markers.append(Marker(VERDICT, rated[0], f"Rated {text.lower()}", rated[2], colour))
    markers.sort(key=lambda m: m.day)
    markers.append(Marker(TODAY, today, "Today", day_label(today), "#8b9098"))
    return markers, notes


def _ticks(start: date, end: date, width: float) -> list[tuple[date, str]]:
    """Calendar ticks (years, months or weeks) spaced at least ~80 px apart."""
    per_day = width / max(1, (end - start).days)
    if per_day * 365 < 240:
        step = int(80 / (per_day * 365)) + 1
        return [(date(y, 1, 1), str(y)) for y in range(start.year + 1, end.year + 1)
                if y % step == 0]
    if (end - start).days >= 62:
        step = next((s for s in (1, 2, 3, 6) if per_day * 30 * s >= 80), 12)
        ticks: list[tuple[date, str]] = []
        for n in range(start.year * 12 + start.month, end.year * 12 + end.month + 1):
            day = date((n - 1) // 12, (n - 1) % 12 + 1, 1)
            if day >= start and (day.month - 1) % step == 0:
                ticks.append((day, day.strftime("%b %Y" if day.month == 1 or not ticks else "%b")))
        return ticks
    step = max(7, int(80 / per_day) // 7 * 7)
    first = start + timedelta(days=(7 - start.weekday()) % 7)
    return [(day, f"{day.day} {day.strftime('%b')}")
            for day in (first + timedelta(days=d) for d in range(0, (end - first).days + 1, step))]


def default_today() -> date:
    """Today as Workspace.today() sees it without an instance: FACTCHECK_TODAY pins it
    for demos and tests, so the 'today' marker agrees with the due states shown."""
    override = os.environ.get("FACTCHECK_TODAY")
    try:
        return date.fromisoformat(override) if override else date.today()
    except ValueError:
        return date.today()


KEY = ((STATED, ACCENT, "Stated"), (CHECK_BY, DUE_COLOURS["upcoming"], "Check by"),
       (EVIDENCE, STANCE_COLOURS["supports"], "Supports"),
       (EVIDENCE, STANCE_COLOURS["contradicts"], "Contradicts"),
       (EVIDENCE, STANCE_COLOURS["context"], "Context"),
       (VERDICT, DUE_COLOURS["upcoming"], "Verdict"), (TODAY, "#8b9098", "Today"))


def paint_shape(painter: QPainter, kind: str, centre: QPointF, radius: float) -> None:
    """Each kind of date has its own shape, so the line reads without colour too."""
    x, y, r = centre.x(), centre.y(), radius
    if kind == CHECK_BY:
        path = QPainterPath()
        path.moveTo(x, y - r - 1)
        path.lineTo(x + r + 1, y)
        path.lineTo(x, y + r + 1)
        path.lineTo(x - r - 1, y)
        path.closeSubpath()
        painter.drawPath(path)
    elif kind == VERDICT:
        painter.drawRoundedRect(QRectF(x - r, y - r, 2 * r, 2 * r), r / 2, r / 2)
    elif kind == TODAY:
        painter.drawRoundedRect(QRectF(x - r / 3, y - r * 1.5, r * 2 / 3, r * 3), r / 3, r / 3)
    else:
        painter.drawEllipse(centre, r, r)


@dataclass(frozen=True)
class Placed:
    marker: Marker
    x: float  # where the marker sits on the axis
    left: float  # label box
    width: float
    above: bool
    depth: int  # 0 = the lane nearest the axis


class TimelineWidget(QWidget):
    """A horizontal timeline for one statement dossier (services.queries.get_statement)."""

    MARGIN = 16

    def __init__(self, scale: VerdictScale | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = scale or DEFAULT_SCALE
        self._dossier: dict | None = None
        self._today: date = default_today()
        self._markers: list[Marker] = []
        self._notes: list[str] = []
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_scale(self, scale: VerdictScale) -> None:
        self._scale = scale
        self.set_statement(self._dossier, self._today)

    def set_statement(self, dossier: dict | None, today: date | None = None) -> None:
        """Show a dossier; `today` defaults to the workspace's notion of today."""
        self._dossier = dossier
        self._today = today or default_today()
        if dossier is None:
            self._markers, self._notes = [], []
        else:
            self._markers, self._notes = build_markers(dossier, self._scale, self._today)
        self.updateGeometry()
        self.update()

    def markers(self) -> list[Marker]:
        return list(self._markers)

    def notes(self) -> list[str]:
        return list(self._notes)

    # -- geometry --------------------------------------------------------------------
    def _fonts(self) -> tuple[QFont, QFont]:
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.88)
        return bold, small

    def _lane(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 8

    def _range(self) -> tuple[date, date]:
        days = [m.day for m in self._markers] + [m.end for m in self._markers if m.end]
        start, end = min(days), max(days)
        pad = max(10, (end - start).days // 14)
        return start - timedelta(days=pad), end + timedelta(days=pad)

    def _x_of(self, width: int):
        left, right = self.MARGIN, width - self.MARGIN
        start, end = self._range()
        span = max(1, (end - start).days)
        return lambda day: left + (day - start).days / span * (right - left)

    def plan(self, width: int) -> list[Placed]:
        """Give each label a lane above or below the axis where it overlaps no other label."""
        if not self._markers:
            return []
        bold, _ = self._fonts()
        bold_metrics, metrics = QFontMetrics(bold), QFontMetrics(self.font())
        x_of = self._x_of(width)
        left, right = self.MARGIN, width - self.MARGIN
        taken: dict[tuple[bool, int], list[tuple[float, float]]] = {}
        order = [(above, depth) for depth in range(LANES_PER_SIDE) for above in (True, False)]
        placed = []
        for marker in self._markers:
            label_width = max(bold_metrics.horizontalAdvance(marker.title),
                              metrics.horizontalAdvance(marker.when)) + 4
            x = x_of(marker.day)
            x0 = min(max(left, x - label_width / 2), right - label_width)
            free = [s for s in order if all(x0 + label_width + LABEL_GAP <= a
                                            or x0 >= b + LABEL_GAP for a, b in taken.get(s, []))]
            slot = free[0] if free else min(order, key=lambda s: len(taken.get(s, [])))
            taken.setdefault(slot, []).append((x0, x0 + label_width))
            placed.append(Placed(marker, x, x0, label_width, slot[0], slot[1]))
        return placed

    def _heights(self, placed: list[Placed]) -> tuple[int, int, int]:
        """(axis y, y where the lanes below start, total height) for a plan."""
        _, small = self._fonts()
        above = max((p.depth + 1 for p in placed if p.above), default=1)
        below = max((p.depth + 1 for p in placed if not p.above), default=0)
        lane = self._lane()
        axis_y = 8 + above * lane + 8
        below_y = axis_y + 10 + QFontMetrics(small).height() + 6
        notes = QFontMetrics(self.font()).height() + 6 if self._notes else 0
        key = QFontMetrics(small).height() + 12
        return axis_y, below_y, below_y + below * lane + notes + key + 6

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        if not self._markers:
            return 120
        return self._heights(self.plan(width))[2]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, self.heightForWidth(max(self.width(), 640)))

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        text = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        muted = QColor(text)
        muted.setAlphaF(0.62)
        if not self._markers:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "Select a statement to see its timeline")
            return
        placed = self.plan(self.width())
        axis_y, below_y, needed = self._heights(placed)
        x_of = self._x_of(self.width())
        self._paint_axis(painter, x_of, axis_y, text, muted)
        lane = self._lane()
        boxes = [QRectF(item.left, (axis_y - 8 - lane * (item.depth + 1) + 4 if item.above
                                    else below_y + lane * item.depth), item.width, lane - 8)
                 for item in placed]
        # markers first, labels last on a backdrop: connectors to outer lanes pass behind
        # the labels of inner lanes instead of striking through them
        for item, box in sorted(zip(placed, boxes), key=lambda p: p[0].marker.kind != TODAY):
            self._paint_marker(painter, item, x_of, axis_y, box)
        for item, box in zip(placed, boxes):
            self._paint_label(painter, item, box, text, muted)
        key_height = self._paint_key(painter, needed, muted)
        if self._notes:
            metrics = QFontMetrics(self.font())
            painter.setFont(self.font())
            painter.setPen(muted)
            painter.drawText(QRect(self.MARGIN, needed - key_height - metrics.height() - 6,
                                   self.width() - 2 * self.MARGIN, metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText("   ·   ".join(self._notes),
                                                Qt.TextElideMode.ElideRight,
                                                self.width() - 2 * self.MARGIN))

    def _paint_axis(self, painter: QPainter, x_of, axis_y: float, text: QColor,
                    muted: QColor) -> None:
        axis = QColor(text)
        axis.setAlphaF(0.35)
        left, right = self.MARGIN, self.width() - self.MARGIN
        pen = QPen(axis, 2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
        _, small = self._fonts()
        painter.setFont(small)
        height = QFontMetrics(small).height()
        start, end = self._range()
        for day, caption in _ticks(start, end, right - left):
            x = x_of(day)
            painter.setPen(QPen(axis, 1))
            painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 5))
            painter.setPen(muted)
            painter.drawText(QRectF(x - 50, axis_y + 8, 100, height),
                             Qt.AlignmentFlag.AlignCenter, caption)

    def _paint_marker(self, painter: QPainter, item: Placed, x_of, axis_y: float,
                      rect: QRectF) -> None:
        marker, x = item.marker, item.x
        colour = QColor(marker.colour)
        connector = QColor(colour)
        connector.setAlphaF(0.55)
        painter.setPen(QPen(connector, 1, Qt.PenStyle.DashLine if marker.kind == TODAY
                            else Qt.PenStyle.SolidLine))
        painter.drawLine(QPointF(x, axis_y), QPointF(x, rect.bottom() if item.above
                                                     else rect.top()))
        if marker.end and marker.end > marker.day:  # a fuzzy date: the span it may mean
            band = QColor(colour)
            band.setAlphaF(0.3)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            painter.drawRoundedRect(QRectF(x, axis_y - 4, max(6.0, x_of(marker.end) - x), 8), 4, 4)
        painter.setPen(QPen(self.palette().color(self.backgroundRole()), 2))
        painter.setBrush(colour)
        paint_shape(painter, marker.kind, QPointF(x, axis_y), 6)

    def _paint_key(self, painter: QPainter, bottom: int, muted: QColor) -> int:
        """What the shapes and colours mean, along the bottom; returns the height used."""
        _, small = self._fonts()
        metrics = QFontMetrics(small)
        height = metrics.height() + 12
        y = bottom - height / 2 - 3
        x = float(self.MARGIN)
        painter.setFont(small)
        for kind, colour, text in KEY:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            paint_shape(painter, kind, QPointF(x + 5, y), 4.5)
            painter.setPen(muted)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QRectF(x + 14, y - height / 2, width + 2, height),
                             Qt.AlignmentFlag.AlignVCenter, text)
            x += 14 + width + 16
        painter.setFont(self.font())
        return height

    def _paint_label(self, painter: QPainter, item: Placed, rect: QRectF, text: QColor,
                     muted: QColor) -> None:
        marker, x = item.marker, item.x
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(self.backgroundRole()))
        painter.drawRoundedRect(rect.adjusted(-3, -1, 3, 1), 3, 3)
        align = Qt.AlignmentFlag.AlignHCenter
        if item.left > x - item.width / 2 + 1:
            align = Qt.AlignmentFlag.AlignLeft
        elif item.left + item.width < x + item.width / 2 - 1:
            align = Qt.AlignmentFlag.AlignRight
        bold, _ = self._fonts()
        line = QFontMetrics(self.font()).height()
        painter.setFont(bold)
        painter.setPen(muted if marker.kind == TODAY else text)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line),
                         align | Qt.AlignmentFlag.AlignVCenter, marker.title)
        painter.setFont(self.font())
        painter.setPen(muted)
        painter.drawText(QRectF(rect.left(), rect.top() + line, rect.width(), line),
                         align | Qt.AlignmentFlag.AlignVCenter, marker.when)
