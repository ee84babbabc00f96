"""The detail pane for the selected statement: a header, then one tab per concern."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import NotFound
from ..domain.records import KIND_LABELS
from ..domain.states import STATE_LABELS as DUE_LABELS
from ..domain.workflow import STATE_LABELS
from ..services import queries
from .context import UiContext
from .detail_evidence import EvidenceTab
from .detail_forms import ExpectationTab, StatementTab, VerdictTab
from .detail_review import HistoryTab, ReviewTab
from .theme import DUE_COLOURS, REVIEW_COLOURS
from .timeline import TimelineWidget
from .widgets import Badge, EmptyState, label


class DetailPane(QWidget):
    TABS = ("Statement", "Check-by", "Evidence", "Verdict", "Review", "History", "Timeline")

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.statement_id: str | None = None
        self.dossier: dict | None = None

        self.quote = label("", "quote", wrap=True, selectable=True)
        self.meta = label("", "muted", wrap=True)
        self.verdict_badge, self.review_badge, self.due_badge = Badge(), Badge(), Badge()
        header = QFrame()
        header.setProperty("role", "card")
        header_layout = QVBoxLayout(header)
        header_layout.addWidget(self.quote)
        header_layout.addWidget(self.meta)
        badges = QHBoxLayout()
        for badge in (self.verdict_badge, self.review_badge, self.due_badge):
            badges.addWidget(badge)
        badges.addStretch(1)
        header_layout.addLayout(badges)

        self.statement_tab = StatementTab(ctx)
        self.expectation_tab = ExpectationTab(ctx)
        self.evidence_tab = EvidenceTab(ctx)
        self.verdict_tab = VerdictTab(ctx)
        self.review_tab = ReviewTab(ctx)
        self.history_tab = HistoryTab(ctx)
        self.timeline = TimelineWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for name, widget in zip(self.TABS, (self.statement_tab, self.expectation_tab,
                                            self.evidence_tab, self.verdict_tab, self.review_tab,
                                            self.history_tab, self.timeline)):
            if name in ("Statement", "Check-by", "Verdict"):
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                scroll.setWidget(widget)
                self.tabs.addTab(scroll, name)
            else:
                self.tabs.addTab(widget, name)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(header)
        content_layout.addWidget(self.tabs, 1)
        self.empty = EmptyState("No statement selected",
                                "Select a statement in the table to see its expectation, "
                                "evidence, verdict, review thread and history.")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 10, 6)
        layout.addWidget(self.stack)
        ctx.changed.connect(self._on_changed)

    def show_statement(self, statement_id: str | None) -> None:
        self.statement_id = statement_id
        self.reload()

    def reload(self) -> None:
        if not self.statement_id:
            self.dossier = None
            self.stack.setCurrentWidget(self.empty)
            return
        try:
            dossier = queries.get_statement(self.ctx.ws, self.statement_id)
        except NotFound:
            self.statement_id = None
            self.reload()
            return
        self.dossier = dossier
        self.stack.setCurrentIndex(1)
        self.quote.setText(f"“{' '.join(dossier['quote'].split())}”")
        speaker = dossier["speaker"]["name"] if dossier["speaker"] else "Unknown speaker"
        parts = [speaker, parse_fuzzy_date(dossier["stated_on"]).label(),
                 KIND_LABELS.get(dossier["kind"], dossier["kind"])]
        if dossier["source"]:
            parts.append(dossier["source"]["title"])
        self.meta.setText(" · ".join(parts))
        level = self.ctx.ws.scale.level(dossier["verdict"])
        self.verdict_badge.set(level.label, level.colour)
        state = dossier["review_state"]
        self.review_badge.set(STATE_LABELS[state], REVIEW_COLOURS[state])
        due = dossier["state"]
        text = DUE_LABELS[due]
        if dossier["check_by"]:
            text += f" · {dossier['check_by']}"
        elif dossier["check_by_phrase"]:
            text = "Vague check-by"
        self.due_badge.set(text, DUE_COLOURS[due])
        for tab in (self.statement_tab, self.expectation_tab, self.evidence_tab,
                    self.verdict_tab, self.review_tab, self.history_tab):
            tab.load(dossier)
        self.timeline.set_statement(dossier, today=self.ctx.ws.today())

    def _on_changed(self, changes) -> None:
        if self.statement_id and (self.statement_id in changes.statements
                                  or changes.tables & {"speakers", "sources", "evidence",
                                                       "attachments", "users", "settings"}):
            self.reload()
