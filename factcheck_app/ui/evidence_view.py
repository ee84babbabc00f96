"""The evidence list: what was observed, its files, and the statements it bears on."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.records import STANCE_LABELS
from ..services import evidence as evidence_service
from .context import UiContext
from .list_view import IdRole, ListView, RowTableModel, count_text, date_label, field_text
from .readonly import allow, readonly_tip
from .record_dialogs import EvidenceDialog, local_paths
from .removal_menu import RemovalMenu
from .removal_menu import install as install_row_menu
from .theme import STANCE_COLOURS
from .widgets import Badge, label

COL_OCCURRED, COL_TITLE, COL_SUMMARY, COL_SOURCE, COL_STATEMENTS, COL_FILES = range(6)
HEADERS = ("Occurred", "Title", "Summary", "Source", "Statements", "Files")
NUMBER_COLUMNS = (COL_STATEMENTS, COL_FILES)
WATCHED_TABLES = frozenset({"evidence", "attachments", "links", "sources"})


def file_size(size: int | None) -> str:
    value = float(size or 0)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


CELLS = {COL_OCCURRED: lambda row: date_label(row.get("occurred_on")) or "—",
         COL_TITLE: lambda row: ("Retracted · " if row.get("retracted_at") else "")
         + (row.get("title") or ""),
         COL_SUMMARY: lambda row: one_line(row.get("summary")),
         COL_SOURCE: field_text("source_title"), COL_STATEMENTS: count_text("links"),
         COL_FILES: count_text("files")}


class EvidenceTableModel(RowTableModel):
    """Rows arrive already narrowed by the search, which runs in the database."""

    def __init__(self, parent=None) -> None:
        super().__init__(HEADERS, CELLS, NUMBER_COLUMNS, parent=parent)

    def _tool_tip(self, row: dict, column: int, number: int) -> str | None:
        if column == COL_SUMMARY:
            return row.get("summary")
        return super()._tool_tip(row, column, number)


class EvidenceDetails(QWidget):
    """One piece of evidence: its files (with hashes) and the statements it bears on."""

    open_requested = Signal(object)  # attachment row
    statement_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown_attachments: list[dict] = []
        self._mono = QFont("monospace")
        self._mono.setStyleHint(QFont.StyleHint.Monospace)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._body: QWidget | None = None
        self.show_evidence(None)

    def show_evidence(self, item: dict | None) -> None:
        """Rebuild the panel on a fresh body widget (the old one goes at once)."""
        if self._body is not None:
            self._body.hide()
            self._body.deleteLater()
        self._body = QWidget(self)
        self._outer.addWidget(self._body)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(14, 10, 14, 10)
        self._layout.setSpacing(6)
        self.shown_attachments = list(item.get("attachments", [])) if item else []
        if item is None:
            self._layout.addWidget(label("Select evidence to see its files and the statements "
                                         "it bears on. Drop files here to attach them.", "muted",
                                         wrap=True))
            self._layout.addStretch(1)
            return
        title = item.get("title") or one_line(item.get("summary"))[:90]
        self._layout.addWidget(label(title, "heading", wrap=True))
        facts = [date_label(item.get("occurred_on")) or "date unknown"]
        if item.get("source_title"):
            facts.append(escape(item["source_title"]))
        if item.get("url"):
            facts.append(f'<a href="{escape(item["url"], quote=True)}">{escape(item["url"])}</a>')
        meta = label(" · ".join(facts), "muted")
        meta.setTextFormat(Qt.TextFormat.RichText)
        meta.setOpenExternalLinks(True)
        self._layout.addWidget(meta)
        if item.get("retracted_at"):
            self._layout.addWidget(label(
                f"Retracted on {date_label(item['retracted_at'][:10])}: "
                f"{item.get('retracted_reason') or ''}", "refusal", wrap=True, selectable=True))
        self._layout.addWidget(label(item.get("summary") or "", wrap=True, selectable=True))
        self._layout.addWidget(self._section("Files", len(self.shown_attachments)))
        self._layout.addLayout(self._files())
        self._layout.addWidget(self._section("Bears on", len(item.get("statements", []))))
        self._layout.addLayout(self._statements(item.get("statements", [])))
        self._layout.addStretch(1)

    @staticmethod
    def _section(text: str, count: int) -> QLabel:
        heading = label(f"{text} ({count})")
        font = heading.font()
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        heading.setContentsMargins(0, 8, 0, 0)
        return heading

    def _files(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        if not self.shown_attachments:
            grid.addWidget(label("No files yet: use “Add files…” or drop files here.", "muted"),
                           0, 0)
        for row, attachment in enumerate(self.shown_attachments):
            grid.addWidget(label(attachment["file_name"], selectable=True), row, 0)
            size = label(file_size(attachment.get("size")), "muted")
            size.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(size, row, 1)
            sha = label(attachment["sha256"], "muted", selectable=True)
            sha.setFont(self._mono)
            sha.setToolTip("SHA-256 of the stored content; the stored file is never altered")
            grid.addWidget(sha, row, 2)
            button = QPushButton("Open")
            button.setToolTip("Open a copy with its original name")
            button.clicked.connect(lambda _=False, a=attachment: self.open_requested.emit(a))
            grid.addWidget(button, row, 3)
        grid.setColumnStretch(4, 1)
        return grid

    def _statements(self, statements: list[dict]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        if not statements:
            grid.addWidget(label("Not linked to any statement yet.", "muted"), 0, 0, 1, 2)
        for row, statement in enumerate(statements):
            stance = statement.get("stance") or "context"
            badge = Badge(STANCE_LABELS.get(stance, stance), STANCE_COLOURS.get(stance, "#777"))
            grid.addWidget(badge, row, 0, Qt.AlignmentFlag.AlignTop)
            quote = one_line(statement.get("quote"))
            shown = quote if len(quote) <= 150 else quote[:149] + "…"
            link = label(f'<a href="{escape(statement["id"], quote=True)}">“{escape(shown)}”</a>'
                         + (f' <span>— {escape(statement["note"])}</span>'
                            if statement.get("note") else ""), wrap=True)
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setToolTip(quote)
            link.linkActivated.connect(self.statement_requested)
            grid.addWidget(link, row, 1)
        grid.setColumnStretch(1, 1)
        return grid


class EvidenceView(ListView):
    statement_requested = Signal(str)  # a statement the selected evidence bears on

    watched_tables = WATCHED_TABLES
    record_dialog = EvidenceDialog

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, EvidenceTableModel, parent, search="Search evidence text…",
                         empty=("No evidence found", "Record what happened with “New "
                                "evidence…”, then link it to the statements it bears on."),
                         new="New evidence…")
        self._open_dir = tempfile.TemporaryDirectory(prefix="factcheck-open-")
        self._search_timer = QTimer(self, singleShot=True, interval=220)
        self._search_timer.timeout.connect(self.refresh)
        self.setAcceptDrops(readonly_tip(ctx) is None)  # dropped files would be attached
        self._build()
        self._start()

    def _build(self) -> None:
        self.attach_button = self._button("Add files…", self._choose_files)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_OCCURRED, 140), (COL_TITLE, 260), (COL_SOURCE, 220),
                              (COL_STATEMENTS, 86), (COL_FILES, 56)):
            header.resizeSection(column, width)
        self.details = EvidenceDetails()
        self.details.open_requested.connect(self.open_attachment)
        self.details.statement_requested.connect(self.statement_requested)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.stack)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 320])
        splitter.setChildrenCollapsible(False)
        self.drop_hint = label("", "notice")
        self.drop_hint.hide()
        self._lay_out((self.attach_button,), above=(self.drop_hint,), body=splitter)
        self.removal = RemovalMenu(self._ctx, self)  # right-click: delete or retract the row
        install_row_menu(self.table, self.removal.evidence_menu, IdRole)

    # -- data ------------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_timer.stop()
        selected = self.selected_id()
        text = self.search.text().strip()
        self.model.set_rows(evidence_service.list_evidence(self._ctx.ws, text=text))
        rows = self._rows_shown()
        self.empty.title.setText("No evidence matches" if text else "No evidence yet")
        self.count.setText(f"{rows} item{'s' * (rows != 1)}" + (" found" if text else ""))
        if selected and self.model.row_of(selected) is not None:
            self.select_id(selected)
        else:
            self._selection_changed()

    def _size_columns(self) -> None:
        self.table.resizeColumnToContents(COL_OCCURRED)

    def _search_changed(self, text: str) -> None:
        """The search runs in the database, so wait for a pause in typing."""
        self._search_timer.start()

    def _search_now(self) -> None:
        if self._search_timer.isActive():
            self.refresh()  # stops the timer

    def select_id(self, evidence_id: str) -> None:
        super().select_id(evidence_id)
        self._selection_changed()

    def _selection_changed(self, *_: Any) -> None:
        row = self.selected_row()
        allow(self._ctx, self.edit_button, row is not None)
        allow(self._ctx, self.attach_button, row is not None)
        item = None
        if row is not None:
            item = evidence_service.get_evidence(self._ctx.ws, row["id"])
            item["source_title"] = row.get("source_title")
        self.details.show_evidence(item)

    # -- actions ---------------------------------------------------------------------
    def new_evidence(self) -> None:
        self._new_record()

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files to the evidence")
        if names:
            self.attach_files([Path(n) for n in names])

    def attach_files(self, paths: list[Path], evidence_id: str | None = None) -> None:
        """Hash and store the files, attached to the given (default: selected) evidence."""
        evidence_id = evidence_id or self.selected_id()
        self.refusal.hide()
        if not evidence_id:
            self._refused("Select the evidence to attach the files to first.")
            return
        self._ctx.perform(lambda ws: evidence_service.attach_files(
            ws, evidence_id=evidence_id, files=list(paths)), label="Attach files",
            on_done=lambda _: self.select_id(evidence_id), on_error=self._refused)

    def open_attachment(self, attachment: dict) -> None:
        """Open a copy under its original name, so the stored blob is never touched."""
        folder = Path(tempfile.mkdtemp(dir=self._open_dir.name))
        copy = evidence_service.copy_to_open(self._ctx.ws, attachment_id=attachment["id"],
                                             folder=folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    # -- dropping files --------------------------------------------------------------
    def _drop_target(self, position) -> str | None:
        """The evidence under the pointer when over the table, else the selected one."""
        point = self.table.viewport().mapFrom(self, position.toPoint())
        index = self.table.indexAt(point) if self.table.viewport().rect().contains(point) else None
        if index is not None and index.isValid():
            return index.data(IdRole)
        return self.selected_id()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self.dragMoveEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        target = self._drop_target(event.position())
        row = self.model.row_dict(self.model.row_of(target)) if target else None
        name = (row.get("title") or one_line(row.get("summary"))[:60]) if row else ""
        self.drop_hint.setText(f"Drop to attach to “{name}”" if row else
                               "Select the evidence to attach the files to")
        self.drop_hint.show()
        event.setAccepted(row is not None)
        if row is not None:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.drop_hint.hide()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.drop_hint.hide()
        paths = local_paths(event.mimeData())
        target = self._drop_target(event.position())
        if paths and target:
            event.acceptProposedAction()
            self.attach_files(paths, target)
