"""The speakers list: who said things, how often, and how their checkable words held up."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.verdicts import DEFAULT_SCALE, VerdictScale
from ..services import speakers as speaker_service
from ..services.workspace import Changes
from . import track_records
from .charts import Legend, StackedBarDelegate
from .context import UiContext
from .list_view import ListView, RowTableModel, count_text, field_text
from .readonly import allow
from .record_dialogs import SpeakerDialog, aliases_text
from .widgets import hbox, label

(COL_NAME, COL_KIND, COL_TITLE, COL_AFFILIATION, COL_COUNTRY, COL_STATEMENTS, COL_RECORD,
 COL_ALIASES) = range(8)
HEADERS = ("Name", "Kind", "Title / role", "Affiliation", "Country", "Statements",
           "Track record", "Aliases")
KIND_LABELS = {"person": "Person", "body": "Body"}
WATCHED_TABLES = frozenset({"speakers", "statements", "verdicts"})

SegmentsRole = Qt.ItemDataRole.UserRole + 4
SEGMENTS = "_segments"  # where a row keeps its track record's bar segments


CELLS = {COL_NAME: lambda row: row["name"],
         COL_KIND: lambda row: KIND_LABELS.get(row.get("kind") or "", row.get("kind") or ""),
         COL_TITLE: field_text("title"), COL_AFFILIATION: field_text("affiliation"),
         COL_COUNTRY: field_text("country"), COL_STATEMENTS: count_text("statements"),
         COL_ALIASES: lambda row: aliases_text(row.get("aliases"))}


class SpeakerTableModel(RowTableModel):
    """Speakers as rows, each with its track record as bar segments for the delegate."""

    def __init__(self, parent=None) -> None:
        super().__init__(HEADERS, CELLS, (COL_STATEMENTS,),
                         {COL_RECORD: track_records.EXPLANATION}, parent)
        self._empty = track_records.template(DEFAULT_SCALE)

    def set_rows(self, rows: list[dict], scale: VerdictScale | None = None) -> None:
        if scale is not None:
            self._empty = track_records.template(scale)
        super().set_rows(rows)

    def _rows_set(self) -> None:
        for row in self._rows:  # kept in the row, so sorting the rows keeps it with them
            row[SEGMENTS] = track_records.segments(row, self._empty)

    def _display(self, row: dict, column: int, number: int) -> str:
        if column == COL_RECORD:
            return self._record_text(number)
        return super()._display(row, column, number)

    def _tool_tip(self, row: dict, column: int, number: int) -> str | None:
        if column == COL_RECORD:
            return self._record_text(number, verbose=True)
        return super()._tool_tip(row, column, number)

    def _sort_key(self, row: dict, column: int, number: int) -> Any:
        if column == COL_RECORD:
            return int(row.get("checkable") or 0)
        return super()._sort_key(row, column, number)

    def _role_data(self, role: int, row: dict, column: int, number: int) -> Any:
        if role == SegmentsRole and column == COL_RECORD:
            return row[SEGMENTS]
        return None

    def _record_text(self, number: int, verbose: bool = False) -> str:
        parts = [f"{s.value} {s.label.lower()}" for s in self._rows[number][SEGMENTS] if s.value]
        if not parts:
            return "No statement past its check-by date yet" if verbose else ""
        text = " · ".join(parts)
        return f"Past their check-by date: {text}" if verbose else text


class MergeSpeakersDialog(QDialog):
    """Two speakers that are one: the analyst picks the record to keep."""

    def __init__(self, first: dict, second: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge speakers")
        self._pair = (first, second)
        layout = QVBoxLayout(self)
        layout.addWidget(label("Which record do you keep?", "heading"))
        layout.addWidget(label("The two are the same speaker; the other is folded into it.",
                               "muted"))
        self.group = QButtonGroup(self)
        counts = [int(s.get("statements") or 0) for s in self._pair]
        for index, speaker in enumerate(self._pair):
            button = QRadioButton(f"{speaker['name']}  ({counts[index]} "
                                  f"statement{'s' * (counts[index] != 1)})")
            button.setChecked(index == (0 if counts[0] >= counts[1] else 1))
            self.group.addButton(button, index)
            layout.addWidget(button)
        self.explain = label("", "muted", wrap=True)
        layout.addWidget(self.explain)
        self.group.idToggled.connect(self._explain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._explain()

    def choose(self, keep_id: str) -> None:
        self.group.button(0 if self._pair[0]["id"] == keep_id else 1).setChecked(True)

    def keep(self) -> dict:
        return self._pair[max(0, self.group.checkedId())]

    def gone(self) -> dict:
        return self._pair[1 - max(0, self.group.checkedId())]

    def _explain(self, *_: Any) -> None:
        keep, gone = self.keep(), self.gone()
        self.explain.setText(
            f"The statements of {gone['name']} move to {keep['name']}; “{gone['name']}” and its "
            f"aliases become aliases of {keep['name']}. The merge is recorded in the history "
            "and cannot be undone.")


class SpeakersView(ListView):
    statements_requested = Signal(str)  # speaker id: show that speaker's statements

    nouns = ("speaker", "speakers")
    watched_tables = WATCHED_TABLES
    record_dialog = SpeakerDialog

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, SpeakerTableModel, parent,
                         search="Filter by name, alias, title, country…",
                         empty=("No speakers yet", "Add one with “New speaker…”; speakers are "
                                "also created when you record a statement."),
                         new="New speaker…", sort_by=(COL_NAME, Qt.SortOrder.AscendingOrder))
        self.merge_button = self._button("Merge into…", self.merge_selected)
        self.merge_button.setToolTip("Select two speakers who are the same person or body")
        self.show_button = self._button("Show statements", self.show_statements)
        self.table.setItemDelegateForColumn(COL_RECORD, StackedBarDelegate(SegmentsRole, self.table))
        self._context_menu(self.show_button, self.edit_button, self.merge_button,
                           self.new_button)
        layout = self._lay_out((self.merge_button, self.show_button))
        self.legend = Legend()
        caption = label("Track record (approved verdicts past check-by):", "muted")
        caption.setToolTip(track_records.EXPLANATION)
        legend_row = hbox(caption, self.legend, None)
        legend_row.setSpacing(14)
        layout.addLayout(legend_row)
        self._start()

    # -- data ------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_ids()
        self.model.set_rows(speaker_service.list_speakers(self._ctx.ws), self._ctx.ws.scale)
        self.legend.set_segments(track_records.template(self._ctx.ws.scale))
        self._rows_shown()
        self.select_ids(selected)
        self._update_count()
        self._selection_changed()

    def _size_columns(self) -> None:
        self._fit_columns({COL_NAME: 230, COL_TITLE: 200, COL_AFFILIATION: 170, COL_COUNTRY: 90,
                           COL_STATEMENTS: 80, COL_RECORD: 140}, padding=10)
        self.table.horizontalHeader().resizeSection(COL_RECORD, 140)

    def _affected_by(self, changes: Changes) -> bool:
        return super()._affected_by(changes) or bool(changes.statements)

    # -- selection -------------------------------------------------------------------
    def select_ids(self, ids: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        for speaker_id in ids:
            index = self.table_index(speaker_id)
            if index.isValid():
                selection.select(index, flags)
                self.table.scrollTo(index)

    def _selection_changed(self, *_: Any) -> None:
        count = len(self.table.selectionModel().selectedRows())
        allow(self._ctx, self.edit_button, count == 1)
        self.show_button.setEnabled(count == 1)
        allow(self._ctx, self.merge_button, count == 2)

    # -- actions ---------------------------------------------------------------------
    def new_speaker(self) -> None:
        self._new_record()

    def _edit_target(self) -> dict | None:
        """The speaker dialog edits the row itself, and only one at a time."""
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def _select_saved(self, speaker_id: str) -> None:
        self.select_ids([speaker_id])

    def show_statements(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.statements_requested.emit(ids[0])

    def merge_selected(self) -> None:
        """Ask which of the two selected speakers to keep, then merge the other into it."""
        rows = self.selected_rows()
        if len(rows) != 2:
            return
        dialog = MergeSpeakersDialog(rows[0], rows[1], self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.merge(dialog.keep()["id"], dialog.gone()["id"])

    def merge(self, keep_id: str, merge_id: str) -> None:
        self.refusal.hide()
        self._ctx.perform(
            lambda ws: speaker_service.merge_speakers(ws, keep_id=keep_id, merge_id=merge_id),
            label="Merge speakers", on_done=lambda _: self.select_ids([keep_id]),
            on_error=self._refused)



def aliases_of(row: dict) -> list[str]:
    """A speaker row's aliases as a list (stored as JSON text)."""
    value = row.get("aliases")
    return json.loads(value or "[]") if isinstance(value, str) else list(value or [])
