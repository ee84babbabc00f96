"""The sources list: where statements were published, with their archived copies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ..services import sources as source_service
from .context import UiContext
from .list_view import (
    ListView,
    RowRole,  # noqa: F401 - callers read a source's row by this role
    RowTableModel,
    count_text,
    date_label,
    field_text,
)
from .readonly import allow
from .record_dialogs import SourceDialog

(COL_TITLE, COL_OUTLET, COL_PUBLISHED, COL_LANGUAGE, COL_KIND, COL_STATEMENTS,
 COL_ARCHIVED) = range(7)
HEADERS = ("Title", "Outlet", "Published", "Language", "Kind", "Statements", "Archived copy")
WATCHED_TABLES = frozenset({"sources", "statements"})
SHA_SHOWN = 12  # hex digits shown in the table; the tooltip has all 64


def archived_text(row: dict) -> str:
    sha = row.get("file_sha256")
    return f"{row.get('file_name') or 'file'} · {sha[:SHA_SHOWN]}…" if sha else ""


CELLS = {COL_TITLE: lambda row: row["title"], COL_OUTLET: field_text("outlet"),
         COL_PUBLISHED: lambda row: date_label(row.get("published_on")),
         COL_LANGUAGE: field_text("language"),
         COL_KIND: lambda row: (row.get("kind") or "").capitalize(),
         COL_STATEMENTS: count_text("statements"), COL_ARCHIVED: archived_text}


class SourceTableModel(RowTableModel):
    """Sources as rows; the archived copy shows a short hash, its tooltip the whole one."""

    def __init__(self, parent=None) -> None:
        super().__init__(HEADERS, CELLS, (COL_STATEMENTS,), parent=parent)

    def _tool_tip(self, row: dict, column: int, number: int) -> str | None:
        if column == COL_ARCHIVED and row.get("file_sha256"):
            return f"{row.get('file_name') or 'file'}\nSHA-256 {row['file_sha256']}"
        if column == COL_TITLE and row.get("url"):
            return f"{row['title']}\n{row['url']}"
        return super()._tool_tip(row, column, number)

    def _sort_key(self, row: dict, column: int, number: int) -> Any:
        if column == COL_PUBLISHED:
            return row.get("published_on") or ""
        return super()._sort_key(row, column, number)


class SourcesView(ListView):
    statements_requested = Signal(str)  # source id: show the statements quoted from it

    nouns = ("source", "sources")
    watched_tables = WATCHED_TABLES
    record_dialog = SourceDialog

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, SourceTableModel, parent,
                         search="Filter by title, outlet, language…",
                         empty=("No sources yet", "Add the article, transcript or video a "
                                "statement was quoted from with “New source…”."),
                         new="New source…", sort_by=(COL_PUBLISHED, Qt.SortOrder.DescendingOrder))
        self.open_button = self._button("Open URL", self.open_url)
        self.show_button = self._button("Show statements", self.show_statements)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._context_menu(self.show_button, self.open_button, self.edit_button, self.new_button)
        self._lay_out((self.open_button, self.show_button))
        self._start()

    # -- data ------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_id()
        self.model.set_rows(source_service.list_sources(self._ctx.ws))
        self._rows_shown()
        if selected:
            self.select_id(selected)
        self._update_count()
        self._selection_changed()

    def _size_columns(self) -> None:
        self._fit_columns({COL_TITLE: 320, COL_OUTLET: 200, COL_PUBLISHED: 140,
                           COL_LANGUAGE: 90, COL_KIND: 100, COL_STATEMENTS: 90}, padding=12)

    def _selection_changed(self, *_: Any) -> None:
        row = self.selected_row()
        allow(self._ctx, self.edit_button, row is not None)
        self.show_button.setEnabled(row is not None)
        self.open_button.setEnabled(bool(row and row.get("url")))
        self.open_button.setToolTip(row["url"] if row and row.get("url") else
                                    "The selected source has no URL")

    # -- actions ---------------------------------------------------------------------
    def new_source(self) -> None:
        self._new_record()

    def open_url(self) -> None:
        row = self.selected_row()
        if row and row.get("url"):
            QDesktopServices.openUrl(QUrl(row["url"]))

    def show_statements(self) -> None:
        source_id = self.selected_id()
        if source_id:
            self.statements_requested.emit(source_id)
