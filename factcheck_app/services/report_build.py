"""Assembling a report: the Report model (reports.model) for each kind, from a request.

    dossier  every statement in full, one after another
    speaker  one speaker's track record
    period   statements made or resolved in a date range
    due      statements whose check-by date has come, still without a verdict

Published reports hold only APPROVED assessments; `include_drafts` adds the rest,
and then every page says DRAFT. The due list holds no assessment (its statements still
await a verdict), so it lists every due statement either way.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.filters import StatementFilter
from ..domain.states import GRACE_DAYS, OVERDUE, track_record
from ..domain.verdicts import PENDING, UNAPPROVED, UNAPPROVED_COLOUR, UNAPPROVED_LABEL
from ..domain.workflow import APPROVED
from ..reports import model
from ..reports.model import (
    COL_ASSIGNEE,
    COL_CHECK_BY,
    COL_DATE,
    COL_OVERDUE,
    COL_SPEAKER,
    COL_STATEMENT,
    COL_VERDICT,
    Bar,
    BarChart,
    Dossier,
    Figure,
    Figures,
    Paragraph,
    Report,
    Section,
    Speaker,
    StatementTable,
    StatementView,
    Table,
    long_date,
)
from . import queries
from .report_request import ExportRequest
from .report_scope import period_label, resolve_scope
from .report_views import (
    level_colour,
    level_label,
    outcome_levels,
    outcome_of,
    statement_views,
)
from .workspace import Workspace

NOTABLE_LIMIT = 10


def build_report(ws: Workspace, request: ExportRequest) -> Report:
    """The Report model the request describes (the renderers turn it into files)."""
    request.check(writing=False)
    if request.report is None:
        raise InvalidInput(f"choose a report: {', '.join(model.KINDS)}")
    scope = resolve_scope(ws, request)
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
        legend=tuple(Bar(lv.label, 0, lv.colour)
                     for lv in outcome_levels(scale, unapproved=request.include_drafts)),
        best_rating=scale.best_rating, worst_rating=scale.worst_rating)
    builder(ws, request, scope, report, scale)
    report.scope.append(("Statements", str(len(report.statements))))
    if request.report == model.DUE:
        report.scope.append(("Assessments", "none yet: every statement listed awaits a verdict"))
    else:
        report.scope.append(("Assessments", "approved and drafts (marked DRAFT)" if report.draft
                             else "approved by a second analyst only"))
    if report.left_out:
        report.sections.insert(0, Section("", [Paragraph(_left_out_text(report.left_out),
                                                         "notice")]))
    return report


UNAPPROVED_NOTE = (f"A verdict not yet approved by a second analyst is counted apart "
                   f"(\u201c{UNAPPROVED_LABEL}\u201d), not as an outcome.")


def _awaiting(n: int) -> str:
    if n == 1:
        return "1 verdict awaits a second analyst's approval and is counted apart."
    return f"{n} verdicts await a second analyst's approval and are counted apart."


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
            quote = " ".join(queries.get_statement(ws, unapproved[0])["quote"].split())
            quote = quote if len(quote) <= 60 else quote[:59] + "…"
            raise InvalidInput(
                f"“{quote}” is not approved; a published dossier holds only approved "
                "assessments (include drafts for a copy marked DRAFT)")
    views = statement_views(ws, published, request)
    if not views:
        raise InvalidInput("no approved statement matches; nothing to put in a dossier "
                           "(include drafts for a copy marked DRAFT)")
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
    # Approved verdicts only: in a report with drafts, the rest are counted apart.
    counts = track_record(({"check_by": v.check_by, "verdict": outcome_of(v)} for v in views),
                          today)
    checkable = sum(counts.values())
    held, broken = counts.get("held", 0), counts.get("broken", 0)
    pending, unapproved = counts.get(PENDING, 0), counts.get(UNAPPROVED, 0)
    report.cover_figures = (
        Figure("statements", str(len(views))),
        Figure("past check-by", str(checkable)),
        Figure(level_label(scale, "held", "held"), str(held), level_colour(scale, "held")),
        Figure(level_label(scale, "broken", "broken"), str(broken), level_colour(scale, "broken")),
        *((Figure(UNAPPROVED_LABEL.lower(), str(unapproved), UNAPPROVED_COLOUR),)
          if unapproved else ()),
        Figure(level_label(scale, PENDING, "pending"), str(pending), level_colour(scale, PENDING)),
    )
    levels = outcome_levels(scale, unapproved=request.include_drafts)
    bars = tuple(Bar(lv.label, counts.get(lv.key, 0), lv.colour) for lv in levels)
    intro = (f"{len(views)} statement{'s' if len(views) != 1 else ''} by {speaker['name']} "
             f"{'are' if len(views) != 1 else 'is'} on record. {checkable} had a check-by date "
             f"that has passed by {long_date(today.isoformat())}: held {held}, "
             f"broken {broken}, still pending {pending}.")
    if counts.get("partly_held"):
        intro = intro[:-1] + f", partly held {counts['partly_held']}."
    if unapproved:
        intro += f" {_awaiting(unapproved)}"
    overview = Section("Track record", [
        Paragraph(intro),
        Figures(tuple(Figure(lv.label, str(counts.get(lv.key, 0)), lv.colour) for lv in levels)),
        BarChart("Statements past their check-by date, by verdict", bars,
                 "Only statements whose check-by date has passed count towards a track record; "
                 "later or undated ones are listed below but not counted."
                 + (f" {UNAPPROVED_NOTE}" if request.include_drafts else "")),
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
    # Only the period's own statements are read: SQL picks those made or resolved in it.
    ids, made = queries.made_or_resolved(ws, published, low=low, high=high)
    views = statement_views(ws, published, request, ids=ids)

    def in_range(day: str | None) -> bool:
        return bool(day) and (not low or day >= low) and (not high or day <= high)

    resolved = [v for v in views if in_range(v.resolved_on)]
    report.statements = views
    if not request.include_drafts:  # what the period would hold with drafts, made in it
        report.left_out = (queries.count_statements(ws, f.with_(stated_from=low, stated_to=high))
                           - len(made))
    period = period_label(low, high)
    report.title = "Statements and outcomes" if not (low or high) else period
    report.subtitle = ("What officials said and what then happened" if not (low or high)
                       else "Statements made or resolved in the period, and what then happened")
    mix = Counter(outcome_of(v) for v in views)  # approved verdicts; drafts apart
    worst = [lv for lv in scale.levels if lv.rating == scale.worst_rating]
    broken_key = worst[0].key if worst else "broken"
    broken = [v for v in views if outcome_of(v) == broken_key]
    broken_drafts = sum(v.draft and v.verdict == broken_key for v in views)
    report.cover_figures = (
        Figure("made in period", str(len(made & {v.id for v in views}))),
        Figure("resolved in period", str(len(resolved))),
        Figure(level_label(scale, "held", "held"), str(mix.get("held", 0)), level_colour(scale, "held")),
        Figure(level_label(scale, broken_key, "broken"), str(len(broken)), level_colour(scale, broken_key)),
        *((Figure(UNAPPROVED_LABEL.lower(), str(mix[UNAPPROVED]), UNAPPROVED_COLOUR),)
          if mix.get(UNAPPROVED) else ()),
        Figure(level_label(scale, PENDING, "pending"), str(mix.get(PENDING, 0)),
               level_colour(scale, PENDING)),
    )
    shown = outcome_levels(scale, unapproved=request.include_drafts)
    bars = tuple(Bar(lv.label, mix.get(lv.key, 0), lv.colour) for lv in shown)
    by_speaker: dict[str, Counter] = {}
    for v in views:
        by_speaker.setdefault(v.speaker_name, Counter())[outcome_of(v)] += 1
    ranked = sorted(by_speaker.items(), key=lambda kv: (-sum(kv[1].values()), kv[0].lower()))
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
                  f"{mix.get(PENDING, 0)} still await one."
                  + (f" {_awaiting(mix[UNAPPROVED])}" if mix.get(UNAPPROVED) else "")),
        BarChart("Verdicts of the statements in this report", bars,
                 "Current verdict of every statement made or resolved in the period."
                 + (f" {UNAPPROVED_NOTE}" if request.include_drafts else "")),
        Table(("Speaker", "Total", *(lv.label for lv in shown)), tuple(rows),
              numeric=(False, True, *(True for _ in shown)), title="By speaker"),
    ]))
    notable = sorted(broken, key=lambda v: (-(v.confidence or 0), v.resolved_on or "",
                                            v.stated_sort), reverse=False)[:NOTABLE_LIMIT]
    blocks: list = [Dossier(v, compact=True) for v in notable]
    broken_label = level_label(scale, broken_key, "broken")
    if not blocks:
        blocks = [Paragraph(f"No approved verdict in the period is {broken_label}."
                            if broken_drafts else
                            f"No statement in the period was rated {broken_label}.", "muted")]
    elif len(broken) > len(notable):
        blocks.insert(0, Paragraph(f"The {len(notable)} most clear-cut of {len(broken)} "
                                   "broken statements, by the analysts' confidence.", "muted"))
    if broken_drafts:  # drafts are listed under All statements, marked, not as outcomes
        blocks.append(Paragraph(
            f"{broken_drafts} more rated {broken_label} await a second analyst's approval; "
            "they are listed under All statements, marked DRAFT.", "muted"))
    report.sections.append(Section(f"Notable {level_label(scale, broken_key, 'broken').lower()} "
                                   "statements", blocks, new_page=True))
    report.sections.append(Section("All statements", _by_year(
        views, (COL_DATE, COL_SPEAKER, COL_STATEMENT, COL_VERDICT), show_expectation=False,
        empty="No statement was made or resolved in the period."), new_page=True))


def _due(ws, request, scope, report, scale) -> None:
    f, low, high = scope.filter, scope.low, scope.high
    due_filter = f.with_(due="due_or_overdue", sort="check_by", descending=False,
                         check_by_from=low, check_by_to=high)
    # A statement awaiting a verdict holds no assessment to approve, so a published due
    # list lists it whatever its review state; verdicts alone need a second analyst.
    views = statement_views(ws, due_filter, request)
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


def _names(counts: Counter) -> str:
    names = [n for n, _ in counts.most_common()]
    if len(names) <= 3:
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return f"{', '.join(names[:2])} and {len(names) - 2} others"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
