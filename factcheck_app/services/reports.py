"""Reports and exports as use cases: what the CLI's `export` and the export dialog call.

`export(ws, request)` gathers the statements a request covers (through the read
services, never SQL), builds a `reports.model.Report`, and hands it to a
renderer: PDF, HTML, Markdown, CSV, JSON, ClaimReview JSON-LD, or a verifiable
package (.zip) holding all of them plus the evidence files and a manifest.
`preview(ws, request)` paints the first pages of the PDF as images, writing nothing.

Published reports hold only APPROVED assessments; `include_drafts` adds the
rest, and then every page says DRAFT.

This module is the public entry; the work is done in

    report_request.py  ExportRequest, the formats, progress and cancelling
    report_scope.py    which statements a request covers, and that scope in words
    report_views.py    statements as the views a report prints
    report_build.py    the Report model for each kind (dossier, speaker, period, due)
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.verdicts import VerdictScale
from ..domain.workflow import APPROVED
from ..reports import claimreview, data
from ..reports.model import Report, StatementView
from . import approval
from .report_build import NOTABLE_LIMIT, build_report
from .report_request import (
    BINARY_FORMATS,
    FORMAT_LABELS,
    FORMATS,
    REPORT_FORMATS,
    SUFFIXES,
    ExportCancelled,
    ExportRequest,
    check_cancel,
    is_cancelled,
    notify_progress,
)
from .report_scope import resolve_scope
from .report_views import STANCE_COLOURS, statement_views
from .workspace import Workspace

if TYPE_CHECKING:
    from ..reports.pdf import PagePreview

PREVIEW_PAGES = 6  # pages a preview shows
PREVIEW_WIDTH = 900  # pixels across a preview page

__all__ = [
    "BINARY_FORMATS", "FORMATS", "FORMAT_LABELS", "NOTABLE_LIMIT", "PREVIEW_PAGES",
    "PREVIEW_WIDTH", "REPORT_FORMATS", "STANCE_COLOURS", "SUFFIXES", "ExportCancelled",
    "ExportRequest", "build_report", "default_file_name", "export", "export_file", "preview",
    "preview_file", "render", "render_report", "statement_views", "verify_package", "write_bytes",
]


# -- use cases ---------------------------------------------------------------------

def export(ws: Workspace, request: ExportRequest) -> Path:
    """Produce the requested file atomically (a cancelled or failed export leaves none)."""
    request.check()
    target = _target(request.output)
    tmp = _temp_beside(target)
    try:
        if request.format == "package":
            report = build_report(ws, request)
            _package(ws, report, request, tmp)
        else:
            tmp.write_bytes(render(ws, request))
        check_cancel(request)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    notify_progress(request, 1, 1, f"wrote {target.name}")
    return target


def write_bytes(output: Path | str, data: bytes) -> Path:
    """Write an export's bytes to `output` atomically (a temp file beside it, then rename)."""
    target = _target(output)
    tmp = _temp_beside(target)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _target(output: Path | str) -> Path:
    target = Path(output).expanduser()
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name for the export")
    if not target.parent.exists():
        raise InvalidInput(f"no folder {target.parent} to write {target.name} into")
    return target


def _temp_beside(target: Path) -> Path:
    """A new, empty file beside `target` with the mode any new file gets (0644 under the
    usual umask): an export is for colleagues to read, unlike mkstemp's private 0600."""
    for _ in range(100):
        name = target.parent / f".{target.name}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise InvalidInput(f"cannot write into {target.parent}: {error.strerror}") from None
        os.close(fd)
        return name
    raise InvalidInput(f"cannot write into {target.parent}: too many unfinished exports there")


def render(ws: Workspace, request: ExportRequest) -> bytes:
    """The export as bytes (every format but the package)."""
    request.check()
    fmt = request.format
    if fmt == "package":
        raise InvalidInput("a package is a file: use export() with an output path")
    if request.report is None:  # the full data export of the scope, drafts included
        if fmt in ("json", "csv"):
            views = statement_views(ws, resolve_scope(ws, request).filter, request)
            text = (data.statements_json(views, workspace=ws.setting("title"))
                    if fmt == "json" else data.statements_csv(views))
            return text.encode("utf-8")
        f = resolve_scope(ws, request).filter
        views = [] if f.review_states and APPROVED not in f.review_states else \
            statement_views(ws, f.with_(review_states=(APPROVED,)), request)
        return claimreview.to_jsonld(_claim_reviews(ws, views)).encode("utf-8")
    report = build_report(ws, request)
    return render_report(ws, report, fmt, request)


def render_report(ws: Workspace, report: Report, fmt: str,
                  request: ExportRequest | None = None) -> bytes:
    notify_progress(request, 0, 1, f"writing {FORMAT_LABELS[fmt]}")
    if fmt == "pdf":
        from ..reports import pdf  # Qt only when a PDF is wanted

        return pdf.render_pdf(report, cancelled=lambda: is_cancelled(request))
    if fmt == "html":
        from ..reports import html

        # The page embeds its ClaimReview only when the reviews have a page to point to.
        embedded = (None if claimreview.why_unpublishable(_organisation_url(ws))
                    else _claim_reviews(ws, report.statements))
        return html.render_html(report, embedded).encode("utf-8")
    if fmt == "md":
        from ..reports import markdown

        return markdown.render_markdown(report).encode("utf-8")
    if fmt == "json":
        return data.report_json(report, _scale_json(ws.scale)).encode("utf-8")
    if fmt == "csv":
        return data.statements_csv(report.statements).encode("utf-8")
    if fmt == "claimreview":
        return claimreview.to_jsonld(_claim_reviews(ws, report.statements)).encode("utf-8")
    raise InvalidInput(f"unknown format {fmt!r}")


def export_file(workspace: Path | str, request: ExportRequest, *, user: str | None = None) -> Path:
    """Open the workspace read-only in this thread, export, close: for a worker thread."""
    with Workspace.open(workspace, user=user, readonly=True, backup_on_open=False) as ws:
        return export(ws, request)


def verify_package(path: Path | str):
    """Check a verifiable package against its manifest; see reports.package.PackageCheck."""
    from ..reports import package

    return package.verify(Path(path))


def default_file_name(request: ExportRequest) -> str:
    kind = request.report or "statements"
    stamp = date.today().isoformat()
    return f"factcheck-{kind}-{stamp}{SUFFIXES.get(request.format, '')}"


def preview(ws: Workspace, request: ExportRequest, *, pages: int = PREVIEW_PAGES,
            width: int = PREVIEW_WIDTH) -> PagePreview:
    """The first `pages` pages of the request's report as the PDF will print them: images
    `width` pixels across, and the page count. The report is the same whatever the format
    chosen; `request.output` is not looked at, and nothing is written."""
    if request.report is None:
        raise InvalidInput("a data export has no pages to preview; choose a report")
    report = build_report(ws, request)
    check_cancel(request)
    notify_progress(request, 0, 1, "drawing the pages")
    from ..reports import pdf  # Qt only when pages are wanted

    result = pdf.render_preview(report, pages=pages, width=width,
                                cancelled=lambda: is_cancelled(request))
    check_cancel(request)
    return result


def preview_file(workspace: Path | str, request: ExportRequest, *, user: str | None = None,
                 pages: int = PREVIEW_PAGES, width: int = PREVIEW_WIDTH) -> PagePreview:
    """Open the workspace read-only in this thread, preview, close: for a worker thread."""
    with Workspace.open(workspace, user=user, readonly=True, backup_on_open=False) as ws:
        return preview(ws, request, pages=pages, width=width)


def _scale_json(scale: VerdictScale) -> list[dict]:
    return [{"key": lv.key, "label": lv.label, "colour": lv.colour, "rating": lv.rating}
            for lv in scale.levels]


def _organisation_url(ws: Workspace) -> str:
    return (ws.setting("organisation_url") or "").strip()


def _claim_reviews(ws: Workspace, views: list[StatementView]) -> list[dict]:
    """The approved statements as ClaimReview; refused when the workspace has no web
    address for them to point to (see reports.claimreview.why_unpublishable)."""
    scale = ws.scale
    return claimreview.claim_reviews(
        views, organisation=(ws.setting("organisation") or "").strip() or "Factcheck",
        organisation_url=_organisation_url(ws),
        best_rating=scale.best_rating, worst_rating=scale.worst_rating)


def _package(ws: Workspace, report: Report, request: ExportRequest, target: Path) -> None:
    from ..reports import package

    members = package.plan_evidence(report)
    notify_progress(request, 0, 5, "writing PDF")
    pdf_bytes = render_report(ws, report, "pdf", request)
    check_cancel(request)
    notify_progress(request, 1, 5, "writing HTML")
    files = [
        ("report/report.pdf", pdf_bytes),
        ("report/report.html", render_report(ws, report, "html", request)),
        ("data/statements.json", render_report(ws, report, "json", request)),
        ("data/statements.csv", render_report(ws, report, "csv", request)),
    ]
    left_out = {}
    signed = approval.signed_approvals(ws, [s.id for s in report.statements])
    if signed is None:
        left_out[package.APPROVALS] = (
            "This workspace's approvals carry no approver's own signature: a team "
            "workspace's are recorded by its server, which vouches for who approved what "
            "in its history")
    else:
        files.append((package.APPROVALS,
                      json.dumps(signed, ensure_ascii=False, indent=2).encode("utf-8")))
    no_claimreview = claimreview.why_unpublishable(_organisation_url(ws))
    if no_claimreview:
        left_out[package.CLAIMREVIEW] = no_claimreview
    else:
        files.append((package.CLAIMREVIEW,
                      render_report(ws, report, "claimreview", request)))
    check_cancel(request)
    notify_progress(request, 3, 5, "copying evidence files")
    package.write(target, files, members, report=report,
                  cancelled=lambda: is_cancelled(request), left_out=left_out)
