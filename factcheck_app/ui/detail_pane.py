"""The detail pane for the selected statement: a header, then one tab per concern.

Moving to another statement asks first when a tab holds unsaved edits (see unsaved.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
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
from ..domain.workflow import APPROVED, STATE_LABELS
from ..services import queries
from .context import UiContext
from .detail_evidence import EvidenceTab
from .detail_forms import ExpectationTab, StatementTab, VerdictTab
from .detail_review import HistoryTab, ReviewTab
from .live import ChangedElsewhereBar
from .theme import DUE_COLOURS, REVIEW_COLOURS
from .timeline import TimelineWidget
from .unsaved import CANCEL, DISCARD, ask_unsaved, confirm_revoke, revoke_note
from .widgets import Badge, ElidedLabel, EmptyState


class DetailPane(QWidget):
    TABS = ("Statement", "Check-by", "Evidence", "Verdict", "Review", "History", "Timeline")
    MARK = " \u2022"  # after a tab's name while it holds unsaved edits

    # The pane stayed on its statement although another was chosen (Cancel, or Save
    # refused): the list selects it again.
    kept = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.statement_id: str | None = None
        self.dossier: dict | None = None
        self._saving = False  # the prompt's Save is saving tab after tab

        # Fixed heights: the header is the same size for every statement.
        self.quote = ElidedLabel(3, "quote")
        self.meta = ElidedLabel(1, "muted")
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
        self.forms = (self.statement_tab, self.expectation_tab, self.evidence_tab,
                      self.verdict_tab, self.review_tab)
        for form in self.forms:
            form.dirty_changed.connect(self._mark_tabs)
        for name, widget in zip(self.TABS, (*self.forms, self.history_tab, self.timeline)):
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
        self.elsewhere_bar = ChangedElsewhereBar()
        self.elsewhere_bar.reload_requested.connect(self._reload_theirs)
        content_layout.addWidget(self.elsewhere_bar)
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
        """Show a statement as it is stored; unsaved edits of another are dropped."""
        if statement_id != self.statement_id:
            for form in self.forms:
                form.discard()
            self.elsewhere_bar.hide()
        self.statement_id = statement_id
        self.reload()

    # -- unsaved edits ---------------------------------------------------------------------
    def unsaved_tabs(self) -> list:
        return [form for form in self.forms if form.is_dirty()] if self.dossier else []

    def request_statement(self, statement_id: str | None, *, can_cancel: bool = True) -> bool:
        """Show another statement, asking first what to do with unsaved edits.

        False when the pane stays where it is (Cancel, or the save was refused); then
        `kept` is emitted too, so the list can select this statement again.
        """
        if statement_id == self.statement_id:
            return True

        def go() -> None:
            self.show_statement(statement_id)

        def stay() -> None:
            self.kept.emit(self.statement_id)

        if self.guard(go, failed=stay, can_cancel=can_cancel):
            go()
            return True
        return False

    def guard(self, proceed: Callable[[], None], *, failed: Callable[[], None] | None = None,
              can_cancel: bool = True) -> bool:
        """Before leaving this statement: True to go ahead now. Otherwise the user cancelled
        (`failed` runs) or chose Save: `proceed` runs once everything is saved."""
        if self._saving:  # a Save is under way; what it goes on to do is already decided
            return False
        dirty = self.unsaved_tabs()
        if not dirty:
            return True
        quote = " ".join(self.dossier["quote"].split())
        what = f"“{quote[:60]}…”" if len(quote) > 60 else f"“{quote}”"
        names = ", ".join(self.TABS[self.forms.index(form)] for form in dirty)
        detail = f"Unsaved: {names}."
        if self._revokes(dirty):
            detail += " " + revoke_note(self.dossier["approved_by_name"])
        else:
            detail += " If you don’t save, your changes will be lost."
        choice = ask_unsaved(self, what, detail=detail, can_cancel=can_cancel)
        if choice == DISCARD:
            for form in dirty:
                form.discard()
            return True
        if choice == CANCEL:
            if failed:
                failed()
            return False
        self._saving = True

        def saved() -> None:
            self._saving = False
            QTimer.singleShot(0, proceed)  # later: `proceed` may close the window that asked

        def refused() -> None:
            self._saving = False
            if failed:
                failed()

        self.save_unsaved(saved, refused)
        return False

    def save_unsaved(self, then: Callable[[], None], failed: Callable[[], None]) -> None:
        """Save each tab's edits in turn (each save reloads the statement, whose new
        version the next one saves against); stop at the first refusal, on its tab."""
        dirty = self.unsaved_tabs()
        if not dirty:
            then()
            return
        form = dirty[0]

        def refused(_text: str) -> None:
            self.tabs.setCurrentIndex(self.forms.index(form))
            failed()

        form.save(lambda: self.save_unsaved(then, failed), refused)

    def save_current(self) -> None:
        """Ctrl+S: the edits in the tab shown, or else every unsaved edit."""
        current = self.tabs.currentIndex()
        form = self.forms[current] if current < len(self.forms) else None
        if form is not None and form.is_dirty():
            if form is self.review_tab:
                form.add_comment()
            else:
                form.submit()
        elif self.unsaved_tabs():
            if self._revokes(self.unsaved_tabs()) and not confirm_revoke(
                    self, self.dossier["approved_by_name"]):
                return
            self.save_unsaved(lambda: None, lambda: None)

    def _revokes(self, dirty: list) -> bool:
        """Would saving these tabs withdraw the approval? (A comment does not.)"""
        return self.dossier["review_state"] == APPROVED and bool(set(dirty) - {self.review_tab})

    def discard_all(self) -> None:
        for form in self.forms:
            form.discard()

    def show_tab(self, name: str) -> None:
        """Switch to a tab and put the keyboard in its form."""
        index = self.TABS.index(name)
        self.tabs.setCurrentIndex(index)
        if index < len(self.forms):
            self.forms[index].focus_first()

    def _mark_tabs(self) -> None:
        if self.elsewhere_bar.isVisible() and not self.unsaved_tabs():
            # The edits it warned about are gone (discarded or saved): show theirs now.
            QTimer.singleShot(0, self._reload_theirs)
        for i, form in enumerate(self.forms):
            dirty = form.is_dirty()
            self.tabs.setTabText(i, self.TABS[i] + (self.MARK if dirty else ""))
            self.tabs.setTabToolTip(i, "Unsaved changes" if dirty else "")

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
        if changes.by_others:
            self._changed_by_others()
        elif self.statement_id and (self.statement_id in changes.statements
                                  or changes.tables & {"speakers", "sources", "evidence",
                                                       "attachments", "users", "settings"}):
            self.reload()

    def _changed_by_others(self) -> None:
        """Someone else changed the workspace: show their version of this statement, but
        never under unsaved edits (say so instead; the edits keep the version they began
        from, so saving them over the other user's change is refused)."""
        if not self.statement_id or self.dossier is None:
            return
        try:
            current = queries.get_statement(self.ctx.ws, self.statement_id)
        except NotFound:
            current = None
        if current == self.dossier:
            return
        if self.unsaved_tabs():
            self.elsewhere_bar.show()
        else:
            self.reload()

    def _reload_theirs(self) -> None:
        self.elsewhere_bar.hide()
        self.discard_all()
        self.reload()
