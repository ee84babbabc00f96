"""Data exports (JSON, CSV) of statements with their assessment.

The formats are documented in reports/data.py (schema ``factcheck.statements/1``
and CSV_COLUMNS); this module keeps the original entry points.
"""

from __future__ import annotations

from typing import Any

from ..domain.filters import StatementFilter
from ..reports import data
from ..reports.data import CSV_COLUMNS, safe_cell  # noqa: F401  (part of this module's API)
from .reports import statement_views
from .workspace import Workspace

EXPORT_SCHEMA = data.STATEMENTS_SCHEMA


def _filter(f: StatementFilter | None) -> StatementFilter:
    return f or StatementFilter(sort="stated", descending=False)


def statement_records(ws: Workspace, f: StatementFilter | None = None) -> list[dict[str, Any]]:
    return [data.statement_record(v) for v in statement_views(ws, _filter(f))]


def to_json(ws: Workspace, f: StatementFilter | None = None) -> str:
    return data.statements_json(statement_views(ws, _filter(f)), workspace=ws.setting("title"))


def to_csv(ws: Workspace, f: StatementFilter | None = None) -> str:
    return data.statements_csv(statement_views(ws, _filter(f)))
