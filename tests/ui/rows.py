"""Finding and selecting a statement row by the start of its quote, as a user reads it."""

from __future__ import annotations

from factcheck_app.ui.statement_model import COL_QUOTE


def row_of(window, quote_start: str) -> int:
    """The statements table row whose quote starts with `quote_start`."""
    model = window.statements.model
    for row in range(model.rowCount()):
        if model.index(row, COL_QUOTE).data().startswith(quote_start):
            return row
    raise AssertionError(f"no row starting {quote_start!r}")


def select_row(window, quote_start: str) -> str:
    """Select that row; returns the statement's id."""
    window.statements.table.selectRow(row_of(window, quote_start))
    return window.statements.selected_ids()[0]
