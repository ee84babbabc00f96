"""The dashboard: what needs attention now, the verdict mix, and speakers' track records."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ..domain.dates import parse_fuzzy_date
from ..domain.states import GRACE_DAYS
from ..services import queries
from ..services.workspace import Changes
from . import track_records
from .charts import DonutChart, StackedBarChart
from .context import UiContext
from .theme import ACCENT, DUE_COLOURS, REVIEW_COLOURS
from .widgets import EmptyState, hbox, label

WATCHED_TABLES = frozenset({"statements", "verdicts", "speakers", "links"})
# (key emitted by filter_requested, caption, hint, colour when non-zero)
CARDS = (
    ("due_this_week", "Due this week", "pending, check-by date this week", DUE_COLOURS["due"]),
    ("overdue", "Overdue", f"pending, over {GRACE_DAYS} days past check-by",
     DUE_COLOURS["overdue"]),
    ("in_review", "In review", "waiting for a reviewer", REVIEW_COLOURS["in_review"]),
    ("statements", "Statements", "recorded in this workspace", ACCENT),
)


class Card(QFrame):
    """A big number with a caption; clicking it asks to see the statements behind it."""

    clicked = Signal(str)

    def __init__(self, key: str, caption: str, hint: str, colour: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self._colour = key, colour
        self.setProperty("role", "card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"Show these statements: {caption.lower()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        self.caption = label(caption)
        font = self.caption.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.caption.setFont(font)
        self.number = QLabel("0")
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 2.6)
        big.setWeight(QFont.Weight.Bold)
        self.number.setFont(big)
        layout.addWidget(self.caption)
        layout.addWidget(self.number)
        layout.addWidget(label(hint, "muted", wrap=True))
        layout.addStretch(1)

    def set_value(self, value: int) -> None:
        self.number.setText(f"{value:,}")
        palette = self.number.palette()
        colour = (QColor(self._colour) if value else
                  self.palette().color(QPalette.ColorRole.WindowText))
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.number.setPalette(palette)

    def value(self) -> int:
        return int(self.number.text().replace(",", "") or 0)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)


def panel(title: str, subtitle: str, body: QWidget) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(4)
    heading = label(title, "heading")
    layout.addWidget(heading)
    layout.addWidget(label(subtitle, "muted", wrap=True))
    layout.addSpacing(8)
    layout.addWidget(body, 1)
    return frame


class DashboardView(QWidget):
    filter_requested = Signal(str)  # due_this_week | overdue | in_review | statements

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.data: dict = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 16)
        layout.setSpacing(14)
        self.as_of = label("", "muted")
        layout.addLayout(hbox(label("Overview", "heading"), None, self.as_of))
        cards = QHBoxLayout()
        cards.setSpacing(12)
        self.cards: dict[str, Card] = {}
        for key, caption, hint, colour in CARDS:
            card = Card(key, caption, hint, colour)
            card.clicked.connect(self.filter_requested)
            self.cards[key] = card
            cards.addWidget(card, 1)
        layout.addLayout(cards)
        self.mix = DonutChart()
        self.mix_stack = QStackedWidget()
        self.mix_stack.addWidget(self.mix)
        self.mix_empty = EmptyState("No statements yet",
                                    "The verdict mix appears once statements are recorded.")
        self.mix_stack.addWidget(self.mix_empty)
        self.records = StackedBarChart()
        self.records_stack = QStackedWidget()
        self.records_stack.addWidget(self.records)
        self.records_empty = EmptyState("No track records yet",
                                        "A speaker's record starts when one of their statements "
                                        "reaches its check-by date.")
        self.records_stack.addWidget(self.records_empty)
        panels = QHBoxLayout()
        panels.setSpacing(12)
        panels.addWidget(panel("Verdict mix", "All statements by approved verdict; one "
                               "awaiting approval shows apart, in teal", self.mix_stack), 2)
        panels.addWidget(panel("Track records", f"By speaker. {track_records.EXPLANATION}",
                               self.records_stack), 3)
        layout.addLayout(panels)
        layout.addStretch(1)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        ws = self._ctx.ws
        self.data = data = queries.dashboard(ws)
        scale = ws.scale
        total = sum(int(n or 0) for n in data["verdict_mix"].values())
        values = {"due_this_week": data["due_this_week"], "overdue": data["overdue"],
                  "in_review": data["in_review"], "statements": total}
        for key, card in self.cards.items():
            card.set_value(int(values[key] or 0))
        self.as_of.setText(f"as of {parse_fuzzy_date(data['today']).label()}")
        empty = track_records.template(scale)
        segments = [s for s in track_records.segments(data["verdict_mix"], empty)
                    if s.value or s.key != track_records.UNAPPROVED]
        self.mix.set_segments(segments, "statement" if total == 1 else "statements")
        self.mix_stack.setCurrentWidget(self.mix if total else self.mix_empty)
        rows = []
        used: set[str] = set()
        for record in data["track_records"]:
            segments = track_records.segments(record, empty)
            used.update(s.key for s in segments if s.value)
            checkable = int(record.get("checkable") or 0)
            rows.append((record["name"], segments, f"{checkable:,} past check-by"))
        legend = [s for s in empty if s.key in used]
        self.records.set_rows(rows, legend)
        self.records_stack.setCurrentWidget(self.records if rows else self.records_empty)

    def _on_changed(self, changes: Changes) -> None:
        if changes.tables & WATCHED_TABLES or changes.statements:
            self.refresh()
