"""The review and history tabs: workflow actions the rules allow now, the thread, the log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain import workflow as wf
from ..services import history_text, review
from .context import UiContext
from .detail_forms import Done, Failed, _Tab
from .forms import multiline
from .readonly import allow, freeze_inputs
from .theme import REVIEW_COLOURS
from .widgets import Badge, label


class ReviewTab(_Tab):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = Badge()
        self.who = label("", "muted", wrap=True)
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for action in (wf.SUBMIT, wf.APPROVE, wf.REQUEST_CHANGES, wf.REOPEN):
            button = QPushButton(wf.ACTION_LABELS[action])
            button.clicked.connect(lambda _=False, a=action: self.act(a))
            self.buttons[action] = button
            button.hide()  # load() shows the ones the workflow allows from the state
            actions.addWidget(button)
        actions.addStretch(1)
        self.why = label("", "muted", wrap=True)
        self.assignee = QComboBox()
        # Long names must not widen the pane past a laptop screen.
        self.assignee.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.assignee.setMinimumContentsLength(14)
        self.assignee.activated.connect(self._assign)
        self.thread = QTextBrowser()
        self.thread.setOpenExternalLinks(False)
        self.comment = multiline("Write a comment for the review thread…")
        self.comment.setMaximumHeight(70)
        self.comment.textChanged.connect(self._comment_changed)
        self._had_comment = False
        self.post = QPushButton("Comment")
        self.post.setToolTip("Post the comment (Ctrl+Enter)")
        self.post.clicked.connect(self.add_comment)
        top = QHBoxLayout()
        top.addWidget(label("State", "muted"))
        top.addWidget(self.state)
        top.addStretch(1)
        top.addWidget(label("Assigned to", "muted"))
        top.addWidget(self.assignee)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.who)
        layout.addLayout(actions)
        layout.addWidget(self.why)
        layout.addWidget(self.error)
        layout.addWidget(label("Review thread", "muted"))
        layout.addWidget(self.thread, 1)
        row = QHBoxLayout()
        row.addWidget(self.comment, 1)
        row.addWidget(self.post)
        layout.addLayout(row)
        freeze_inputs(ctx, self)

    def load(self, dossier: dict) -> None:
        if self.dossier is not None and self.dossier["id"] != dossier["id"]:
            self.comment.clear()  # a draft comment belongs to the statement it was written on
        self.dossier = dossier
        self.show_error("")
        state = dossier["review_state"]
        self.state.set(wf.STATE_LABELS[state], REVIEW_COLOURS[state])
        who = [f"Last edited by {dossier['last_editor_name'] or '—'}"]
        if dossier["approved_by_name"] and state == wf.APPROVED:
            who.append(f"approved by {dossier['approved_by_name']} on "
                       f"{(dossier['approved_at'] or '')[:10]}")
        self.who.setText("; ".join(who))
        allowed = dict(review.allowed_actions(self.ctx.ws, dossier["id"]))
        reasons = []
        for action, button in self.buttons.items():
            legal = action in allowed
            button.setVisible(legal)
            allow(self.ctx, button, legal and allowed[action] is None, allowed.get(action) or "")
            if legal and allowed[action]:
                reasons.append(f"{wf.ACTION_LABELS[action]}: {allowed[action]}")
        self.why.setText("\n".join(reasons))
        self.why.setVisible(bool(reasons))
        self.assignee.clear()
        self.assignee.addItem("— nobody —", None)
        for user in self.ctx.ws.users():
            self.assignee.addItem(f"{user.label} ({user.role})", user.name)
            if user.id == dossier["assignee_id"]:
                self.assignee.setCurrentIndex(self.assignee.count() - 1)
        self.thread.setHtml(_thread_html(dossier["comments"]))

    def act(self, action: str) -> None:
        if not self.dossier:
            return
        comment = self.comment.toPlainText().strip()
        if action == wf.REQUEST_CHANGES and not comment:
            text, ok = QInputDialog.getMultiLineText(self, "Request changes",
                                                     "What needs to change?")
            if not ok:
                return
            comment = text.strip()
        statement_id = self.dossier["id"]

        def done(_changes) -> None:
            self.comment.clear()

        self.show_error("")
        self.ctx.perform(lambda ws: review.act(ws, statement_id=statement_id, action=action,
                                               comment=comment),
                         label=wf.ACTION_LABELS[action], on_error=self.show_error,
                         on_done=done, undoable=False)

    def _assign(self) -> None:
        if not self.dossier:
            return
        statement_id, user = self.dossier["id"], self.assignee.currentData()
        self.ctx.perform(lambda ws: review.assign(ws, statement_id=statement_id, user=user),
                         on_error=self.show_error, undoable=False)

    def add_comment(self) -> None:
        self.save(lambda: None, lambda _text: None)

    # A comment typed but not posted is an unsaved edit like any other.
    def is_dirty(self) -> bool:
        return bool(self.comment.toPlainText().strip())

    def discard(self) -> None:
        self.comment.clear()

    def save(self, on_done: Done, on_error: Failed) -> None:
        body = self.comment.toPlainText().strip()
        if not (self.dossier and body):
            on_done()
            return
        statement_id = self.dossier["id"]

        def posted(_changes) -> None:
            self.comment.clear()
            on_done()

        def refused(text: str) -> None:
            self.show_error(text)
            on_error(text)

        self.ctx.perform(lambda ws: review.add_comment(ws, statement_id=statement_id, body=body),
                         on_error=refused, on_done=posted, undoable=False)

    def _comment_changed(self) -> None:
        dirty = self.is_dirty()
        if dirty != self._had_comment:
            self._had_comment = dirty
            self.dirty_changed.emit(dirty)

    def focus_first(self) -> None:
        for button in self.buttons.values():
            if button.isVisible() and button.isEnabled():
                button.setFocus()
                return
        self.comment.setFocus()


def _thread_html(comments: list[dict]) -> str:
    from html import escape

    if not comments:
        return "<p style='color:gray'>No comments yet.</p>"
    parts = []
    for c in comments:
        when = (c["created_at"] or "")[:16].replace("T", " ")
        parts.append(f"<p><b>{escape(c['user_name'] or '?')}</b> "
                     f"<span style='color:gray'>{escape(when)} UTC</span><br>"
                     f"{escape(c['body']).replace(chr(10), '<br>')}</p>")
    return "".join(parts)


class HistoryTab(QWidget):
    """Every change to the statement, newest first: when (local time), who, and what they
    did, as a sentence with names rather than ids."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["When", "What changed"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 124)
        # Rows fit their (wrapped) sentence when they come into view: fitting all of a
        # long history up front is what made it slow to open.
        self._fitted: set[int] = set()
        self.table.verticalScrollBar().valueChanged.connect(self._fit_visible)
        header.sectionResized.connect(self._refit)
        self.count = label("", "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table)

    def load(self, dossier: dict) -> None:
        lines = history_text.statement_lines(self.ctx.ws, dossier["id"],
                                             rows=dossier["history"])
        self.count.setText(f"{len(lines)} change{'s' if len(lines) != 1 else ''}, newest first")
        self.table.setUpdatesEnabled(False)
        try:
            self.table.clearContents()
            self.table.setRowCount(len(lines))
            for i, line in enumerate(lines):
                self.table.setItem(i, 0, QTableWidgetItem(line.when))
                self.table.setItem(i, 1, QTableWidgetItem(line.sentence))
            self._refit()
        finally:
            self.table.setUpdatesEnabled(True)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._refit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._refit()

    def _refit(self, *_args) -> None:
        """The text's width changed (or the rows did): fit the rows in view again."""
        self._fitted.clear()
        self._fit_visible()

    def _fit_visible(self, *_args) -> None:
        table = self.table
        if not table.rowCount():
            return
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height())
        last = table.rowCount() - 1 if last < 0 else last
        # A screenful below too, so scrolling down does not meet unfitted rows at once.
        for row in range(first, min(table.rowCount(), last + (last - first) + 2)):
            if row not in self._fitted:
                self._fitted.add(row)
                table.resizeRowToContents(row)
