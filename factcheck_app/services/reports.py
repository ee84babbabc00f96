"""Reports and exports as use cases: what the CLI's `export` and the export dialog call.

`export(ws, request)` gathers the statements a request covers (through the read
services, never SQL), builds a `reports.model.Report`, and hands it to a
renderer: PDF, HTML, Markdown, CSV, JSON, ClaimReview JSON-LD, or a verifiable
package (.zip) holding all of them plus the evidence files and a manifest.

Published reports hold only APPROVED assessments; `include_drafts` adds the
rest, and then every page says DRAFT.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..domain.dates import DAY, MONTH, YEAR, parse_fuzzy_date
from ..domain.errors import FactcheckError, InvalidInput
from ..domain.filters import StatementFilter
from ..domain.records import KIND_LABELS, STANCE_LABELS
from ..domain.states import GRACE_DAYS, OVERDUE, STATE_LABELS, track_record
from ..domain.verdicts import PENDING, VerdictScale
from ..domain.workflow import APPROVED
from ..domain.workflow import STATE_LABELS as REVIEW_LABELS
from ..reports import claimreview, data, model
from ..reports.model import (
    COL_ASSIGNEE, COL_CHECK_BY, COL_DATE, COL_OVERDUE, COL_SPEAKER, COL_STATEMENT, COL_VERDICT,
    Attachment, Bar, BarChart, Citation, Dossier, EvidenceItem, Figure, Figures, Paragraph,
    Report, Section, Speaker, StatementTable, StatementView, Table, VerdictStep, long_date,
)
from . import evidence as evidence_service
from . import queries, speakers
from .lookup import resolve_id
from .workspace import Workspace

FORMATS = ("pdf", "html", "md", "csv", "json", "claimreview", "package")
FORMAT_LABELS = {
    "pdf": "PDF document", "html": "Web page (HTML)", "md": "Markdown", "csv": "CSV (spreadsheet)",
    "json": "JSON data", "claimreview": "ClaimReview JSON-LD", "package": "Verifiable package (.zip)",
}
SUFFIXES = {"pdf": ".pdf", "html": ".html", "md": ".md", "csv": ".csv", "json": ".json",
            "claimreview": ".jsonld", "package": ".zip"}
REPORT_FORMATS = ("pdf", "html", "md", "package")  # these need a report kind
BINARY_FORMATS = ("pdf", "package")
STANCE_COLOURS = {"supports": "#2e7d32", "contradicts": "#c62828", "context": "#5c6bc0"}
NOTABLE_LIMIT = 10


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

    def check(self) -> None:
        """Refuse requests that cannot make sense, before any work is done."""
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
            raise InvalidInput("the speaker report needs a speaker: --speaker NAME")
        if str(self.output) in ("", "-") and self.format in BINARY_FORMATS:
            raise InvalidInput(f"--format {self.format} writes a file: give --output PATH")


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
        _check_cancel(request)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _progress(request, 1, 1, f"wrote {target.name}")
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
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as error:
        raise InvalidInput(f"cannot write into {target.parent}: {error.strerror}") from None
    os.close(fd)
    return Path(name)


def render(ws: Workspace, request: ExportRequest) -> bytes:
    """The export as bytes (every format but the package)."""
    request.check()
    fmt = request.format
    if fmt == "package":
        raise InvalidInput("a package is a file: use export() with an output path")
    if request.report is None:  # the full data export of the scope, drafts included
        if fmt in ("json", "csv"):
            views = statement_views(ws, _scope(ws, request).filter, request)
            text = (data.statements_json(views, workspace=ws.setting("title"))
                    if fmt == "json" else data.statements_csv(views))
            return text.encode("utf-8")
        f = _scope(ws, request).filter
        views = [] if f.review_states and APPROVED not in f.review_states else \
            statement_views(ws, f.with_(review_states=(APPROVED,)), request)
        return claimreview.to_jsonld(_claim_reviews(ws, views)).encode("utf-8")
    report = build_report(ws, request)
    return render_report(ws, report, fmt, request)


def render_report(ws: Workspace, report: Report, fmt: str,
                  request: ExportRequest | None = None) -> bytes:
    _progress(request, 0, 1, f"writing {FORMAT_LABELS[fmt]}")
    if fmt == "pdf":
        from ..reports import pdf  # Qt only when a PDF is wanted

        return pdf.render_pdf(report, cancelled=lambda: _cancelled(request))
    if fmt == "html":
        from ..reports import html

        return html.render_html(report, _claim_reviews(ws, report.statements)).encode("utf-8")
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


# -- scope ---------------------------------------------------------------------------

def _date_bounds(request: ExportRequest) -> tuple[str | None, str | None]:
    """--from / --to as first and last day ('2022' runs to 31 December 2022)."""
    low = high = None
    if request.date_from:
        low = parse_fuzzy_date(request.date_from).first_day
    if request.date_to:
        fuzzy = parse_fuzzy_date(request.date_to)
        first = fuzzy.first_day
        if fuzzy.precision == YEAR:
            high = date(first.year, 12, 31)
        elif fuzzy.precision == MONTH:
            following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            high = following - timedelta(days=1)
        else:
            high = first
        assert fuzzy.precision in (DAY, MONTH, YEAR)
    if low and high and low > high:
        raise InvalidInput(f"--from {request.date_from} is after --to {request.date_to}")
    return (low.isoformat() if low else None, high.isoformat() if high else None)


@dataclass
class _Scope:
    filter: StatementFilter
    lines: list[tuple[str, str]]
    speaker: dict | None = None
    low: str | None = None  # first day of --from
    high: str | None = None  # last day of --to


def _scope(ws: Workspace, request: ExportRequest) -> _Scope:
    """The filter a request covers (before the report kind narrows it), and its description."""
    base = request.filter or StatementFilter()
    lines: list[tuple[str, str]] = []
    if request.filter is not None and request.filter.with_(sort="stated", descending=True) != \
            StatementFilter():
        lines.append(("Filter", _describe_filter(ws, request.filter)))
    f = base.with_(sort="stated", descending=False)
    if request.statement_ids:
        ids = tuple(dict.fromkeys(resolve_id(ws, "statement", i) for i in request.statement_ids))
        f = f.with_(ids=ids)
    speaker = None
    if request.speaker and request.speaker.strip():
        speaker = speakers.speaker_by_name(ws, request.speaker.strip())
        f = f.with_(speaker_ids=(speaker["id"],))
        lines.append(("Speaker", speaker["name"]))
    low, high = _date_bounds(request)
    if low or high:
        lines.append(("Period" if request.report != model.DUE else "Check-by dates",
                      _period_label(low, high)))
        if request.report not in (model.PERIOD, model.DUE):
            f = f.with_(stated_from=low, stated_to=high)
    return _Scope(f, lines, speaker, low, high)


def _describe_filter(ws: Workspace, f: StatementFilter) -> str:
    """The window's filter in words, for the title page."""
    parts = []
    if f.text.strip():
        parts.append(f"search \u201c{f.text.strip()}\u201d")
    if f.verdicts:
        parts.append("verdict " + " or ".join(_label(ws.scale, v, v) for v in f.verdicts))
    if f.review_states:
        parts.append("review " + " or ".join(REVIEW_LABELS.get(r, r).lower()
                                               for r in f.review_states))
    if f.kinds:
        parts.append("kind " + " or ".join(KIND_LABELS.get(k, k).lower() for k in f.kinds))
    if f.tags:
        parts.append("tagged " + ", ".join(f.tags))
    if f.speaker_ids:
        names = [speakers.find_speaker(ws, i) for i in f.speaker_ids]
        parts.append("said by " + " or ".join(n["name"] for n in names if n))
    if f.stated_from or f.stated_to:
        parts.append("said " + _period_label(f.stated_from, f.stated_to))
    if f.check_by_from or f.check_by_to:
        parts.append("check-by " + _period_label(f.check_by_from, f.check_by_to))
    if f.due:
        parts.append(f.due.replace("_", " "))
    if f.source_id:
        parts.append("from one source")
    if f.queue_for:
        parts.append("a review queue")
    if f.ids:
        parts.append(f"{len(f.ids)} chosen statements")
    return "; ".join(parts) or "all statements"


def _period_label(low: str | None, high: str | None) -> str:
    if low and high:
        return f"{long_date(low)} \u2013 {long_date(high)}"
    if low:
        return f"from {long_date(low)}"
    if high:
        return f"until {long_date(high)}"
    return "all dates"


# -- statements as views ---------------------------------------------------------------

def statement_views(ws: Workspace, f: StatementFilter, request: ExportRequest | None = None,
                    *, ids: list[str] | None = None) -> list[StatementView]:
    """Every statement matching `f` (or the given ids) with all a report prints about it."""
    wanted = ids if ids is not None else queries.statement_ids(ws, f)
    scale = ws.scale
    today = ws.today()
    out = []
    for n, statement_id in enumerate(wanted):
        _check_cancel(request)
        if n % 25 == 0:
            _progress(request, n, len(wanted), "reading statements")
        out.append(_view(ws, queries.get_statement(ws, statement_id), scale, today))
    _progress(request, len(wanted), len(wanted), "reading statements")
    return out


def _level(scale: VerdictScale, key: str | None):
    try:
        return scale.level(key or PENDING)
    except InvalidInput:  # a verdict the scale no longer lists: show it plainly
        from ..domain.verdicts import VerdictLevel

        return VerdictLevel(key or PENDING, (key or PENDING).replace("_", " ").capitalize(),
                            "#6b7280", None, None)


def _view(ws: Workspace, s: dict[str, Any], scale: VerdictScale, today: date) -> StatementView:
    level = _level(scale, s["verdict"])
    sp = s["speaker"]
    speaker = Speaker(sp["id"], sp["name"], sp["kind"] or "person", sp["title"],
                      sp["affiliation"], sp["country"]) if sp else None
    so = s["source"]
    source = Citation(so["title"], so["outlet"], long_date(so["published_on"]), so["url"],
                      s["location"]) if so else Citation(location=s["location"])
    source_record = ({k: so[k] for k in ("id", "title", "outlet", "url", "published_on")}
                     if so else None)
    items = []
    for e in s["evidence"]:
        attachments = []
        if e["files"]:
            for a in evidence_service.get_evidence(ws, e["id"])["attachments"]:
                attachments.append(Attachment(
                    a["id"], a["file_name"] or "attachment", a["sha256"], a["size"] or 0,
                    a["media_type"], evidence_service.attachment_path(ws, a["id"])))
        cite_url = e["url"] or e["source_url"]
        items.append(EvidenceItem(
            id=e["id"], stance=e["stance"], stance_label=STANCE_LABELS.get(e["stance"], e["stance"]),
            stance_colour=STANCE_COLOURS.get(e["stance"], "#6b7280"),
            occurred_on=e["occurred_on"], occurred_label=long_date(e["occurred_on"]),
            title=e["title"], summary=e["summary"] or "", excerpt=e["excerpt"], note=e["note"],
            url=e["url"], source_url=e["source_url"],
            citation=Citation(e["source_title"], e["source_outlet"], None, cite_url),
            attachments=attachments))
    history = []
    for v in s["verdicts"]:
        lv = _level(scale, v["verdict"])
        history.append(VerdictStep(v["verdict"], lv.label, lv.colour, v["rationale"],
                                   v["confidence"], v["created_at"], v["user_name"]))
    resolved_on = None
    if s["verdict"] and s["verdict"] != PENDING:
        matching = [h for h in history if h.verdict == s["verdict"]]
        resolved_on = (matching[-1].at[:10] if matching
                       else (s["approved_at"] or s["updated_at"] or "")[:10] or None)
    days_overdue = None
    if s["check_by"] and (not s["verdict"] or s["verdict"] == PENDING):
        days = (today - date.fromisoformat(s["check_by"])).days
        days_overdue = days if days >= 0 else None
    return StatementView(
        id=s["id"], quote=s["quote"], original_text=s["original_text"],
        original_language=s["original_language"], speaker=speaker,
        stated_on=s["stated_on"], stated_precision=s["stated_precision"],
        stated_label=long_date(s["stated_on"]), stated_sort=s["stated_sort"] or s["stated_on"],
        kind=s["kind"], kind_label=KIND_LABELS.get(s["kind"], s["kind"] or ""),
        tags=list(s["tags"]), expectation=s["expectation"], check_by=s["check_by"],
        check_by_label=long_date(s["check_by"]), check_by_phrase=s["check_by_phrase"],
        state=s["state"], state_label=STATE_LABELS.get(s["state"], s["state"]),
        days_overdue=days_overdue, verdict=s["verdict"] or PENDING, verdict_label=level.label,
        verdict_colour=level.colour, rating=level.rating, rationale=s["verdict_rationale"],
        confidence=s["verdict_confidence"], review_state=s["review_state"],
        review_label=REVIEW_LABELS.get(s["review_state"], s["review_state"]),
        draft=s["review_state"] != APPROVED, approved_by=s["approved_by_name"],
        approved_at=s["approved_at"], resolved_on=resolved_on, assignee=s["assignee_name"],
        source=source, source_record=source_record, source_start=s["source_start"],
        source_end=s["source_end"], evidence=items, history=history)


# -- building reports -----------------------------------------------------------------

def build_report(ws: Workspace, request: ExportRequest) -> Report:
    request.check()
    if request.report is None:
        raise InvalidInput(f"choose a report: {', '.join(model.KINDS)}")
    scope = _scope(ws, request)
    builder = {model.DOSSIER: _dossier, model.SPEAKER: _speaker, model.PERIOD: _period,
               model.DUE: _due}[request.report]
    scale = ws.scale
    organisation = (ws.setting("organisation") or "").strip() or "Factcheck"
    report = Report(
        kind=request.report, title="", subtitle="", organisation=organisation,
        organisation_url=(ws.setting("organisation_url") or "").strip(),
        workspace_title=ws.setting("title") or "", generated_at=_now(), today=ws.today(),
        include_drafts=request.include_drafts, page_size=request.page_size, scope=scope.lines,
        sections=[], statements=[],
        legend=tuple(Bar(lv.label, 0, lv.colour) for lv in _levels(scale)),
        best_rating=scale.best_rating, worst_rating=scale.worst_rating)
    builder(ws, request, scope, report, scale)
    report.scope.append(("Statements", str(len(report.statements))))
    report.scope.append(("Assessments", "approved and drafts (marked DRAFT)" if report.draft
                         else "approved by a second analyst only"))
    if report.left_out:
        report.sections.insert(0, Section("", [Paragraph(_left_out_text(report.left_out),
                                                         "notice")]))
    return report


def _left_out_text(n: int) -> str:
    if n == 1:
        return ("1 further statement in scope is not yet approved and was left out; "
                "include drafts to see it.")
    return (f"{n} further statements in scope are not yet approved and were left out; "
            "include drafts to see them.")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _published(ws: Workspace, request: ExportRequest, f: StatementFilter,
               report: Report) -> StatementFilter:
    """Narrow to approved statements unless drafts were asked for; count what is left out."""
    if request.include_drafts:
        return f
    approved = f.with_(review_states=(APPROVED,))
    if not f.review_states or set(f.review_states) - {APPROVED}:
        report.left_out = queries.count_statements(ws, f) - queries.count_statements(ws, approved)
    return approved


def _dossier(ws, request, scope, report, scale) -> None:
    f = scope.filter
    published = _published(ws, request, f, report)
    if request.statement_ids and not request.include_drafts:
        approved = set(queries.statement_ids(ws, published))
        unapproved = [sid for sid in f.ids if sid not in approved]
        if unapproved:
            raise InvalidInput(
                f"statement {unapproved[0][:8]} is not approved; a published dossier holds only "
                "approved assessments (use --include-drafts for a DRAFT copy)")
    views = statement_views(ws, published, request)
    if not views:
        raise InvalidInput("no approved statement matches; nothing to put in a dossier "
                           "(use --include-drafts to include drafts)")
    report.statements = views
    if len(views) == 1:
        s = views[0]
        report.title = f"{s.speaker_name}, {s.stated_label}"
        report.subtitle = f"\u201c{_clip(s.quote, 180)}\u201d"
    else:
        report.title = "Statement dossiers"
        names = Counter(v.speaker_name for v in views)
        report.subtitle = f"{len(views)} statements by " + _names(names)
    for i, s in enumerate(views):
        report.sections.append(Section(
            f"{s.speaker_name} \u00b7 {s.stated_label}", [Dossier(s)], new_page=i > 0))


def _speaker(ws, request, scope, report, scale) -> None:
    f, speaker = scope.filter, scope.speaker
    published = _published(ws, request, f, report)
    views = statement_views(ws, published, request)
    report.statements = views
    report.title = speaker["name"]
    description = Speaker(speaker["id"], speaker["name"], speaker["kind"] or "person",
                          speaker["title"], speaker["affiliation"], speaker["country"]).description
    report.subtitle = "Track record" + (f" \u00b7 {description}" if description else "")
    today = ws.today()
    counts = track_record(({"check_by": v.check_by, "verdict": v.verdict} for v in views), today)
    checkable = sum(counts.values())
    held, broken = counts.get("held", 0), counts.get("broken", 0)
    pending = counts.get(PENDING, 0)
    report.cover_figures = (
        Figure("statements", str(len(views))),
        Figure("past check-by", str(checkable)),
        Figure(_label(scale, "held", "held"), str(held), _colour(scale, "held")),
        Figure(_label(scale, "broken", "broken"), str(broken), _colour(scale, "broken")),
        Figure(_label(scale, PENDING, "pending"), str(pending), _colour(scale, PENDING)),
    )
    bars = tuple(Bar(lv.label, counts.get(lv.key, 0), lv.colour) for lv in _levels(scale))
    intro = (f"{len(views)} statement{'s' if len(views) != 1 else ''} by {speaker['name']} "
             f"{'are' if len(views) != 1 else 'is'} on record. {checkable} had a check-by date "
             f"that has passed by {long_date(today.isoformat())}: held {held}, "
             f"broken {broken}, still pending {pending}.")
    if counts.get("partly_held"):
        intro = intro[:-1] + f", partly held {counts['partly_held']}."
    overview = Section("Track record", [
        Paragraph(intro),
        Figures(tuple(Figure(lv.label, str(counts.get(lv.key, 0)), lv.colour)
                      for lv in _levels(scale))),
        BarChart("Statements past their check-by date, by verdict", bars,
                 "Only statements whose check-by date has passed count towards a track record; "
                 "later or undated ones are listed below but not counted."),
    ])
    report.sections.append(overview)
    report.sections.append(Section("Statements", _by_year(
        views, (COL_DATE, COL_STATEMENT, COL_CHECK_BY, COL_VERDICT), show_rationale=True,
        empty=f"No statements by {speaker['name']} in scope.")))
    rated = [v for v in views if v.verdict != PENDING]
    if rated:
        report.sections.append(Section("Assessments and evidence",
                                       [Dossier(v, compact=True) for v in rated], new_page=True))


def _period(ws, request, scope, report, scale) -> None:
    f, low, high = scope.filter, scope.low, scope.high
    published = _published(ws, request, f, report)
    made_filter = published.with_(stated_from=low, stated_to=high)
    made_ids = queries.statement_ids(ws, made_filter)
    rated_keys = tuple(k for k in scale.keys if k != PENDING)
    rated_ids = queries.statement_ids(ws, published.with_(verdicts=rated_keys))
    candidates = list(dict.fromkeys(made_ids + rated_ids))
    views = statement_views(ws, published, request, ids=candidates)
    made = set(made_ids)

    def in_range(day: str | None) -> bool:
        return bool(day) and (not low or day >= low) and (not high or day <= high)

    resolved = [v for v in views if in_range(v.resolved_on)]
    views = [v for v in views if v.id in made or in_range(v.resolved_on)]
    views.sort(key=lambda v: (v.stated_sort, v.id))
    report.statements = views
    if not request.include_drafts:  # what the period would hold with drafts, made in it
        report.left_out = (queries.count_statements(ws, f.with_(stated_from=low, stated_to=high))
                           - len(made_ids))
    period = _period_label(low, high)
    report.title = "Statements and outcomes" if not (low or high) else period
    report.subtitle = ("What officials said and what then happened" if not (low or high)
                       else "Statements made or resolved in the period, and what then happened")
    mix = Counter(v.verdict for v in views)
    worst = [lv for lv in scale.levels if lv.rating == scale.worst_rating]
    broken_key = worst[0].key if worst else "broken"
    broken = [v for v in views if v.verdict == broken_key]
    report.cover_figures = (
        Figure("made in period", str(len(made & {v.id for v in views}))),
        Figure("resolved in period", str(len(resolved))),
        Figure(_label(scale, "held", "held"), str(mix.get("held", 0)), _colour(scale, "held")),
        Figure(_label(scale, broken_key, "broken"), str(len(broken)), _colour(scale, broken_key)),
        Figure(_label(scale, PENDING, "pending"), str(mix.get(PENDING, 0)),
               _colour(scale, PENDING)),
    )
    bars = tuple(Bar(lv.label, mix.get(lv.key, 0), lv.colour) for lv in _levels(scale))
    by_speaker: dict[str, Counter] = {}
    for v in views:
        by_speaker.setdefault(v.speaker_name, Counter())[v.verdict] += 1
    ranked = sorted(by_speaker.items(), key=lambda kv: (-sum(kv[1].values()), kv[0].lower()))
    shown = _levels(scale)
    rows = []
    for name, c in ranked[:15]:
        rows.append((name, str(sum(c.values())), *(str(c.get(lv.key, 0)) for lv in shown)))
    if len(ranked) > 15:
        rest = Counter()
        for _, c in ranked[15:]:
            rest.update(c)
        rows.append((f"{len(ranked) - 15} other speakers", str(sum(rest.values())),
                     *(str(rest.get(lv.key, 0)) for lv in shown)))
    report.sections.append(Section("Overview", [
        Paragraph(f"{len(views)} statement{'s' if len(views) != 1 else ''} "
                  f"{'were' if len(views) != 1 else 'was'} made or resolved in the period "
                  f"({period}). {len(resolved)} received a verdict in the period; "
                  f"{mix.get(PENDING, 0)} still await one."),
        BarChart("Verdicts of the statements in this report", bars,
                 "Current verdict of every statement made or resolved in the period."),
        Table(("Speaker", "Total", *(lv.label for lv in shown)), tuple(rows),
              numeric=(False, True, *(True for _ in shown)), title="By speaker"),
    ]))
    notable = sorted(broken, key=lambda v: (-(v.confidence or 0), v.resolved_on or "",
                                            v.stated_sort), reverse=False)[:NOTABLE_LIMIT]
    blocks: list = [Dossier(v, compact=True) for v in notable]
    if not blocks:
        blocks = [Paragraph(f"No statement in the period was rated "
                            f"{_label(scale, broken_key, 'broken')}.", "muted")]
    elif len(broken) > len(notable):
        blocks.insert(0, Paragraph(f"The {len(notable)} most clear-cut of {len(broken)} "
                                   "broken statements, by the analysts' confidence.", "muted"))
    report.sections.append(Section(f"Notable {_label(scale, broken_key, 'broken').lower()} "
                                   "statements", blocks, new_page=True))
    report.sections.append(Section("All statements", _by_year(
        views, (COL_DATE, COL_SPEAKER, COL_STATEMENT, COL_VERDICT), show_expectation=False,
        empty="No statement was made or resolved in the period."), new_page=True))


def _due(ws, request, scope, report, scale) -> None:
    f, low, high = scope.filter, scope.low, scope.high
    due_filter = f.with_(due="due_or_overdue", sort="check_by", descending=False,
                         check_by_from=low, check_by_to=high)
    published = _published(ws, request, due_filter, report)
    views = statement_views(ws, published, request)
    report.statements = views
    today = ws.today()
    overdue = [v for v in views if v.state == OVERDUE]
    due = [v for v in views if v.state != OVERDUE]
    report.title = f"Due and overdue on {long_date(today.isoformat())}"
    report.subtitle = "Statements whose check-by date has come, still waiting for a verdict"
    oldest = max((v.days_overdue or 0 for v in views), default=0)
    report.cover_figures = (
        Figure("overdue", str(len(overdue)), "#b91c1c"),
        Figure("due", str(len(due)), "#b45309"),
        Figure("days, the longest wait", str(oldest)),
    )
    columns = (COL_CHECK_BY, COL_OVERDUE, COL_SPEAKER, COL_STATEMENT, COL_ASSIGNEE)
    report.sections.append(Section("Summary", [
        Paragraph(f"A statement is due from its check-by date and overdue {GRACE_DAYS} days "
                  f"later if it still has no verdict. On {long_date(today.isoformat())}, "
                  f"{len(overdue)} {'are' if len(overdue) != 1 else 'is'} overdue and "
                  f"{len(due)} due."),
        Figures(report.cover_figures),
    ]))
    report.sections.append(Section("Overdue", [StatementTable(
        tuple(overdue), columns, empty="Nothing is overdue.")]))
    report.sections.append(Section("Due", [StatementTable(
        tuple(due), columns, empty="Nothing else is due.")]))


# -- helpers ---------------------------------------------------------------------------

def _by_year(views: list[StatementView], columns: tuple[str, ...], *, empty: str,
             **options: Any) -> list[StatementTable]:
    """A long chronological list as one table per year, each headed by its year."""
    if len(views) <= 12:
        return [StatementTable(tuple(views), columns, empty=empty, **options)]
    years: dict[str, list[StatementView]] = {}
    for v in views:
        years.setdefault(v.stated_sort[:4], []).append(v)
    return [StatementTable(tuple(group), columns, empty=empty,
                           title=f"{year} \u00b7 {len(group)} statement{'s' if len(group) != 1 else ''}",
                           **options)
            for year, group in years.items()]


def _levels(scale: VerdictScale):
    """The scale's levels for charts and tables: the verdicts first, pending last."""
    return [lv for lv in scale.levels if lv.key != PENDING] + \
        [lv for lv in scale.levels if lv.key == PENDING]


def _label(scale: VerdictScale, key: str, fallback: str) -> str:
    try:
        return scale.level(key).label
    except InvalidInput:
        return fallback.capitalize()


def _colour(scale: VerdictScale, key: str) -> str | None:
    try:
        return scale.level(key).colour
    except InvalidInput:
        return None


def _names(counts: Counter) -> str:
    names = [n for n, _ in counts.most_common()]
    if len(names) <= 3:
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return f"{', '.join(names[:2])} and {len(names) - 2} others"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _scale_json(scale: VerdictScale) -> list[dict]:
    return [{"key": lv.key, "label": lv.label, "colour": lv.colour, "rating": lv.rating}
            for lv in scale.levels]


def _claim_reviews(ws: Workspace, views: list[StatementView]) -> list[dict]:
    scale = ws.scale
    return claimreview.claim_reviews(
        views, organisation=(ws.setting("organisation") or "").strip() or "Factcheck",
        organisation_url=(ws.setting("organisation_url") or "").strip(),
        best_rating=scale.best_rating, worst_rating=scale.worst_rating)


def _package(ws: Workspace, report: Report, request: ExportRequest, target: Path) -> None:
    from ..reports import package

    members = package.plan_evidence(report)
    _progress(request, 0, 5, "writing PDF")
    pdf_bytes = render_report(ws, report, "pdf", request)
    _check_cancel(request)
    _progress(request, 1, 5, "writing HTML")
    files = [
        ("report/report.pdf", pdf_bytes),
        ("report/report.html", render_report(ws, report, "html", request)),
        ("data/statements.json", render_report(ws, report, "json", request)),
        ("data/statements.csv", render_report(ws, report, "csv", request)),
        ("data/claimreview.jsonld", render_report(ws, report, "claimreview", request)),
    ]
    _check_cancel(request)
    _progress(request, 3, 5, "copying evidence files")
    package.write(target, files, members, report=report,
                  cancelled=lambda: _cancelled(request))


def _progress(request: ExportRequest | None, done: int, total: int, text: str) -> None:
    if request is not None and request.progress is not None:
        with contextlib.suppress(Exception):  # a progress display never breaks an export
            request.progress(done, total, text)


def _cancelled(request: ExportRequest | None) -> bool:
    return bool(request is not None and request.cancel is not None and request.cancel.is_set())


def _check_cancel(request: ExportRequest | None) -> None:
    if _cancelled(request):
        raise ExportCancelled("export cancelled; nothing was written")
