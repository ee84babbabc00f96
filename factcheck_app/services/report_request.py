"""What an export is asked to do: formats, the ExportRequest, progress and cancelling.

Shared by every part of the report use cases (services/reports.py is the public
entry and re-exports all of it).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import FactcheckError, InvalidInput
from ..domain.filters import StatementFilter
from ..reports import model

FORMATS = ("pdf", "html", "md", "csv", "json", "claimreview", "package")
FORMAT_LABELS = {
    "pdf": "PDF document", "html": "Web page (HTML)", "md": "Markdown", "csv": "CSV (spreadsheet)",
    "json": "JSON data", "claimreview": "ClaimReview JSON-LD", "package": "Verifiable package (.zip)",
}
SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md", "csv": ".csv", "json": ".json",
            "claimreview": ".jsonld", "package": ".zip"}
REPORT_FORMATS = ("pdf", "html", "md", "package")  # these need a report kind
BINARY_FORMATS = ("pdf", "package")


class ExportCancelled(FactcheckError):
    """The user cancelled; nothing was written."""

    exit_code = 130


@dataclass
class ExportRequest:
    """What to export: one report kind over one scope, in one format, to one file.

    Scope: the statements matching `filter` (the window's current filter), narrowed to
    `statement_ids` (a selection; ids or unique prefixes), a `speaker` (name, alias or
    id) and a date range. For the period report the range selects statements made *or*
    resolved in it; for the due list it bounds the check-by date; otherwise the date said.
    """

    format: str
    output: Path | str
    report: str | None = None  # dossier / speaker / period / due; None: the full data export
    statement_ids: tuple[str, ...] = ()
    speaker: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    filter: StatementFilter | None = None
    include_drafts: bool = False
    page_size: str = "a4"
    # Called as progress(done, total, text) from the thread doing the export.
    progress: Callable[[int, int, str], None] | None = field(default=None, compare=False,
                                                             repr=False)
    # Set it (from any thread) to stop the export; nothing is written then.
    cancel: threading.Event | None = field(default=None, compare=False, repr=False)

    def check(self, *, writing: bool = True) -> None:
        """Refuse requests that cannot make sense, before any work is done. `writing=False`
        leaves out what only matters for writing a file (building or previewing a report)."""
        if self.format not in FORMATS:
            raise InvalidInput(f"unknown format {self.format!r}; choose one of {', '.join(FORMATS)}")
        if self.report is not None and self.report not in model.KINDS:
            raise InvalidInput(f"unknown report {self.report!r}; choose one of "
                               f"{', '.join(model.KINDS)}")
        if self.report is None and self.format in REPORT_FORMATS:
            raise InvalidInput(f"--format {self.format} needs --report "
                               f"({', '.join(model.KINDS)})")
        if self.page_size not in model.PAGE_SIZES:
            raise InvalidInput(f"page size must be a4 or letter (got {self.page_size!r})")
        if self.report == model.SPEAKER and not (self.speaker or "").strip():
            raise InvalidInput("the speaker report needs a speaker's name")
        if writing and str(self.output) in ("", "-") and self.format in BINARY_FORMATS:
            raise InvalidInput(f"--format {self.format} writes a file: give --output PATH")


# -- progress and cancelling, from the thread doing the work -----------------------------

def notify_progress(request: ExportRequest | None, done: int, total: int, text: str) -> None:
    if request is not None and request.progress is not None:
        with contextlib.suppress(Exception):  # a progress display never breaks an export
            request.progress(done, total, text)


def is_cancelled(request: ExportRequest | None) -> bool:
    return bool(request is not None and request.cancel is not None and request.cancel.is_set())


def check_cancel(request: ExportRequest | None) -> None:
    if is_cancelled(request):
        raise ExportCancelled("export cancelled; nothing was written")
