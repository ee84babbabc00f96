"""The HTML report: one self-contained, print-friendly file.

Styles and charts (SVG, written as text) are inline; nothing is fetched. Every
piece of user text goes through `escape`, links are made only from http(s)
URLs, colours only from #rgb/#rrggbb values, and the ClaimReview JSON-LD is
written so that no text can close its <script> element. That JSON-LD element is
the only <script> in the page.
"""

from __future__ import annotations

from . import claimreview
from .charts import bar_chart_svg
from .common import (
    DASH,
    DOT,
    EVIDENCE_GROUPS,
    citation_parts,
    escape,
    fact_rows,
    retraction_text,
    text_html,
    verdict_facts,
    web_url,
    withdrawn_text,
)
from .html_style import css_string, stylesheet
from .model import (
    COL_ASSIGNEE,
    COL_CHECK_BY,
    COL_DATE,
    COL_OVERDUE,
    COL_SPEAKER,
    COL_VERDICT,
    COLUMN_LABELS,
    DRAFT_MARK,
    METHOD,
    BarChart,
    Citation,
    Dossier,
    EvidenceItem,
    Figures,
    Paragraph,
    Report,
    Section,
    StatementTable,
    StatementView,
    Table,
    long_date,
    percent,
    safe_colour,
    short_date,
)

__all__ = ["css_string", "escape", "link", "render_html", "text_html"]


def link(url: str | None, label: str | None = None) -> str:
    """A link for http(s) URLs only; anything else (javascript:, data:) stays plain text."""
    if not url:
        return ""
    safe = web_url(url)
    if safe:
        return f'<a href="{escape(safe)}">{escape(label or url)}</a>'
    return f'<span class="url">{escape(label or url)}</span>'


def _badge(label: str, colour: str) -> str:
    return f'<span class="badge" style="background:{safe_colour(colour)}">{escape(label)}</span>'


def _draft_badge(s: StatementView) -> str:
    """DRAFT, or RETRACTED, beside a statement not approved."""
    return f' <span class="badge draft">{s.mark}</span>' if s.mark else ""


def _citation(c: Citation, prefix: str = "Source") -> str:
    if not c and not c.location:
        return ""
    parts = citation_parts(c, escape, link)
    return f'<p class="cite">{escape(prefix)}: {". ".join(parts)}</p>' if parts else ""


def _figures(block: Figures) -> str:
    cells = []
    for f in block.items:
        style = f' style="--c:{safe_colour(f.colour)}"' if f.colour else ""
        cells.append(f'<div class="figure"{style}><div class="n">{escape(f.value)}</div>'
                     f'<div class="l">{escape(f.label)}</div></div>')
    return f'<div class="figures">{"".join(cells)}</div>'


def _chart(block: BarChart) -> str:
    caption = f"<figcaption>{escape(block.caption)}</figcaption>" if block.caption else ""
    return (f'<figure class="chart-box"><div class="chart-title">{escape(block.title)}</div>'
            f"{bar_chart_svg(block)}{caption}</figure>")


def _table(block: Table) -> str:
    numeric = block.numeric or tuple(False for _ in block.headers)
    head = "".join(f'<th{" class=num" if n else ""}>{escape(h)}</th>'
                   for h, n in zip(block.headers, numeric, strict=False))
    rows = "".join("<tr>" + "".join(f'<td{" class=num" if n else ""}>{escape(c)}</td>'
                                    for c, n in zip(row, numeric, strict=False)) + "</tr>"
                   for row in block.rows)
    title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _status(s: StatementView) -> str:
    if s.days_overdue is None:
        return escape(s.state_label)
    css = "late" if s.state == "overdue" else "dueish"
    days = f"{s.days_overdue} day{'s' if s.days_overdue != 1 else ''}"
    return f'<span class="{css}">{escape(s.state_label)}</span><div class="sub">{days}</div>'


def _cell(column: str, s: StatementView, block: StatementTable) -> str:
    if column == COL_DATE:
        return f'<td class="nowrap">{escape(short_date(s.stated_on))}</td>'
    if column == COL_CHECK_BY:
        return f'<td class="nowrap">{escape(short_date(s.check_by) or s.check_by_phrase or DASH)}</td>'
    if column == COL_SPEAKER:
        return f"<td>{escape(s.speaker_name)}</td>"
    if column == COL_VERDICT:
        return f"<td>{_badge(s.verdict_label, s.verdict_colour)}{_draft_badge(s)}</td>"
    if column == COL_OVERDUE:
        return f'<td class="nowrap">{_status(s)}</td>'
    if column == COL_ASSIGNEE:
        return f"<td>{escape(s.assignee or DASH)}</td>"
    parts = [f'<div class="q">\u201c{text_html(s.quote)}\u201d</div>']
    if block.show_expectation and s.expectation:
        parts.append(f'<div class="sub">Expected: {text_html(s.expectation)}</div>')
    if block.show_rationale and s.rationale:
        parts.append(f'<div class="sub">Verdict: {text_html(s.rationale)}</div>')
    return f'<td><a class="anchor" id="row-{escape(s.id)}"></a>{"".join(parts)}</td>'


def _statement_table(block: StatementTable) -> str:
    if not block.statements:
        return f'<p class="muted">{escape(block.empty)}</p>'
    head = "".join(f"<th>{escape(COLUMN_LABELS[c])}</th>" for c in block.columns)
    rows = "".join("<tr>" + "".join(_cell(c, s, block) for c in block.columns) + "</tr>"
                   for s in block.statements)
    title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _evidence_item(e: EvidenceItem, compact: bool) -> str:
    head = []
    if e.occurred_label:
        head.append(f'<span class="ev-date">{escape(e.occurred_label)}</span>')
    head.append(escape(e.title or e.summary[:90]))
    parts = [f'<div class="ev-head">{"".join(head)}</div>']
    if e.withdrawn:
        parts.insert(0, f'<div class="withdrawn">{escape(withdrawn_text(e))}</div>')
    if e.title or not compact:
        parts.append(f"<div>{text_html(e.summary)}</div>")
    if e.excerpt and not compact:
        parts.append(f'<div class="excerpt">\u201c{text_html(e.excerpt)}\u201d</div>')
    if e.note:
        parts.append(f'<div class="sub">Why it matters: {text_html(e.note)}</div>')
    cite = _citation(e.citation)
    if cite:
        parts.append(cite)
    for a in e.attachments:
        where = f" \u2014 in this package as {escape(a.package_path)}" if a.package_path else ""
        parts.append(f'<p class="cite">File: {escape(a.file_name)} ({a.size:,} bytes, SHA-256 '
                     f"{escape(a.sha256[:16])}\u2026){where}</p>")
    if e.withdrawn:
        return f'<li class="withdrawn-item">{"".join(parts)}</li>'
    return (f'<li style="--s:{safe_colour(e.stance_colour)}">{"".join(parts)}</li>')


def _dossier(block: Dossier) -> str:
    s = block.statement
    compact = block.compact
    colour = safe_colour(s.verdict_colour)
    out = [f'<article class="dossier{" compact" if compact else ""}" id="claim-{escape(s.id)}" '
           f'style="--v:{colour}">']
    kicker = [s.kind_label, s.stated_label] if compact else [s.kind_label, f"ref. {s.short_id}"]
    out.append(f'<div class="kicker">{escape(DOT.join(k for k in kicker if k))}'
               f"{_draft_badge(s)}</div>")
    out.append(f'<blockquote class="quote">\u201c{text_html(s.quote)}\u201d</blockquote>')
    who = f"<strong>{escape(s.speaker_name)}</strong>"
    if s.speaker and s.speaker.description:
        who += f", {escape(s.speaker.description)}"
    out.append(f'<p class="attribution">\u2014 {who}, {escape(s.stated_label)}</p>')
    if not compact or s.source:
        out.append(_citation(s.source))
    out.append('<div class="verdict">' + _badge(s.verdict_label, s.verdict_colour)
               + f'<span class="facts-line">{escape(DOT.join(verdict_facts(s)))}</span>'
               + (f"<p>{text_html(s.rationale)}</p>" if s.rationale else "") + "</div>")
    if not compact:
        rows = fact_rows(s, aside=lambda html: f'<span class="muted">{html}</span>',
                         original=lambda html: f'<span class="q">{html}</span>')
        out.append('<dl class="facts">' + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>"
                                                  for k, v in rows) + "</dl>")
    elif s.expectation:
        out.append(f'<p class="sub">Expected: {text_html(s.expectation)}'
                   + (f" \u00b7 check by {escape(s.check_by_label)}" if s.check_by else "")
                   + "</p>")
    for stance, title in EVIDENCE_GROUPS:
        items = s.evidence_with(stance)
        if items:
            out.append(f"<h3>{escape(title)}</h3><ol class=\"evidence\">"
                       + "".join(_evidence_item(e, compact) for e in items) + "</ol>")
    if not s.evidence and not compact:
        out.append('<h3>Evidence</h3><p class="muted">No evidence is linked.</p>')
    if s.history and not compact:
        rows = "".join(
            f'<tr><td class="nowrap">{escape(long_date(h.at[:10]))}</td>'
            f"<td>{_badge(h.label, h.colour)}</td><td>{escape(h.by or '')}</td>"
            f"<td>{text_html(h.rationale or '')}"
            + (f' <span class="muted">({percent(h.confidence)})</span>' if h.confidence is not None
               else "") + "</td></tr>" for h in s.history)
        out.append("<h3>Verdict history</h3><table><thead><tr><th>Date</th><th>Verdict</th>"
                   f"<th>By</th><th>Rationale</th></tr></thead><tbody>{rows}</tbody></table>")
    out.append(_signoff(s))
    out.append("</article>")
    return "".join(out)


def _signoff(s: StatementView) -> str:
    if not s.draft and s.approved_by:
        return (f'<div class="signoff">Reviewed and approved by <strong>{escape(s.approved_by)}'
                f"</strong> on {escape(long_date((s.approved_at or '')[:10]))}.</div>")
    what = (escape(retraction_text(s)) if s.retracted
            else f"Not approved (review: {escape(s.review_label.lower())})")
    return (f'<div class="signoff pending"><strong>{s.mark}</strong> \u2014 {what}. '
            "Not for publication.</div>")


def _block(block) -> str:
    if isinstance(block, Paragraph):
        css = {"muted": "muted", "notice": "notice", "draft": "notice"}.get(block.tone, "")
        return f'<p class="{css}">{text_html(block.text)}</p>' if css else f"<p>{text_html(block.text)}</p>"
    if isinstance(block, Figures):
        return _figures(block)
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, StatementTable):
        return _statement_table(block)
    if isinstance(block, Dossier):
        return _dossier(block)
    raise TypeError(f"no HTML for {type(block).__name__}")


def _section(section: Section) -> str:
    cls = ' class="new-page"' if section.new_page else ""
    title = f"<h2>{escape(section.title)}</h2>" if section.title else ""
    return f"<section{cls}>{title}{''.join(_block(b) for b in section.blocks)}</section>"


def render_html(report: Report, claim_reviews: list[dict] | None = None) -> str:
    org = escape(report.organisation)
    org_html = (link(report.organisation_url, report.organisation)
                if report.organisation_url else org)
    meta = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in report.scope)
    meta += f"<dt>Published by</dt><dd>{org}</dd><dt>Date</dt><dd>{escape(report.generated_label)}</dd>"
    legend = "".join(f'<span><i class="swatch" style="background:{safe_colour(b.colour)}"></i>'
                     f"{escape(b.label)}</span>" for b in report.legend)
    figures = _figures(Figures(report.cover_figures)) if report.cover_figures else ""
    banner = ""
    if report.draft:
        banner = (f'<div class="draft-banner" role="note">{DRAFT_MARK} \u2014 includes assessments '
                  'not yet approved. Not for publication.</div>'
                  f'<div class="watermark" aria-hidden="true">{DRAFT_MARK}</div>')
    jsonld = ""
    if claim_reviews:
        jsonld = ('<script type="application/ld+json">'
                  f"{claimreview.for_script_tag(claim_reviews)}</script>")
    body = "".join(_section(s) for s in report.sections)
    title = f"{report.kind_label}: {report.title} \u2014 {report.organisation}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Factcheck">
<meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<style>{stylesheet(report)}</style>
{jsonld}
</head>
<body class="{'is-draft' if report.draft else 'is-published'}">
{banner}
<div class="page">
<header class="masthead"><span class="org">{org_html}</span><span class="kind">{escape(report.kind_label)}</span></header>
<section class="cover">
<p class="eyebrow">{escape(report.kind_label)}{DOT + DRAFT_MARK if report.draft else ''}</p>
<h1>{escape(report.title)}</h1>
<p class="subtitle">{escape(report.subtitle)}</p>
<dl class="meta">{meta}</dl>
{figures}
<p class="method"><strong>How this works.</strong> {escape(METHOD)}</p>
<p class="policy">{escape(report.policy)}</p>
<div class="legend">Verdict scale: {legend}</div>
</section>
<main>{body}</main>
<footer class="foot">{org} \u00b7 {escape(report.kind_label)} \u00b7 generated {escape(report.generated_label)} with Factcheck.
{escape(report.policy)}</footer>
</div>
</body>
</html>
"""
