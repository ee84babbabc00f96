"""The Markdown report: the same sections as the PDF, as plain text that renders anywhere.

User text is escaped both for Markdown (so a quote cannot turn into a link,
heading or table cell) and for HTML (so a Markdown viewer that passes HTML
through shows `<script>` as text).
"""

from __future__ import annotations

import re

from .common import (
    DOT,
    EVIDENCE_GROUPS,
    citation_parts,
    retraction_text,
    verdict_facts,
    withdrawn_text,
)
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
    Figures,
    Paragraph,
    Report,
    Section,
    StatementTable,
    StatementView,
    Table,
    long_date,
    percent,
    short_date,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")


def md(text: object) -> str:
    """Escape for Markdown and HTML, keeping the text readable; newlines become spaces."""
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", " ".join(value.split()))
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1)
                           else m.group(2) + "\\" + m.group(3), value)


def url(value: str | None) -> str:
    """An autolink for http(s) URLs; anything else as escaped text."""
    if not value:
        return ""
    v = value.strip()
    if re.match(r"^https?://[^\s<>]+$", v, re.IGNORECASE):
        return f"<{v}>"
    return md(v)


def _citation(c: Citation, prefix: str = "Source") -> str:
    parts = citation_parts(c, md, url)
    return f"{prefix}: {'. '.join(parts)}" if parts else ""


def _verdict(s: StatementView) -> str:
    text = f"**{md(s.verdict_label)}**"
    return text + (f" ({s.mark})" if s.mark else "")


def _cell(column: str, s: StatementView, block: StatementTable) -> str:
    if column == COL_DATE:
        return md(short_date(s.stated_on))
    if column == COL_CHECK_BY:
        return md(short_date(s.check_by) or s.check_by_phrase or "\u2013")
    if column == COL_SPEAKER:
        return md(s.speaker_name)
    if column == COL_VERDICT:
        return _verdict(s)
    if column == COL_OVERDUE:
        days = f", {s.days_overdue} days" if s.days_overdue is not None else ""
        return md(f"{s.state_label}{days}")
    if column == COL_ASSIGNEE:
        return md(s.assignee or "\u2013")
    text = f"\u201c{md(s.quote)}\u201d"
    if block.show_expectation and s.expectation:
        text += f"<br>*Expected:* {md(s.expectation)}"
    if block.show_rationale and s.rationale:
        text += f"<br>*Verdict:* {md(s.rationale)}"
    return text


def _table(headers: list[str], rows: list[list[str]], numeric: list[bool]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |",
           "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out + [""]


def _dossier(block: Dossier, level: str) -> list[str]:
    s, compact = block.statement, block.compact
    out = []
    kicker = DOT.join(k for k in (s.kind_label, s.stated_label, f"ref. {s.short_id}") if k)
    out.append(f"*{md(kicker)}*" + (f" \u2014 **{s.mark}**" if s.mark else ""))
    out.append("")
    out.append(f"> \u201c{md(s.quote)}\u201d")
    out.append("")
    who = f"**{md(s.speaker_name)}**"
    if s.speaker and s.speaker.description:
        who += f", {md(s.speaker.description)}"
    out.append(f"\u2014 {who}, {md(s.stated_label)}")
    out.append("")
    cite = _citation(s.source)
    if cite:
        out += [cite, ""]
    facts = verdict_facts(s)
    out.append(f"**Verdict: {md(s.verdict_label)}**" + (f" ({md(DOT.join(facts))})" if facts else ""))
    if s.rationale:
        out += ["", md(s.rationale)]
    out.append("")
    if s.expectation:
        out.append(f"- *What would show it held:* {md(s.expectation)}")
    check = md(s.check_by_label) if s.check_by else "no date set"
    if s.check_by_phrase:
        check += f" (\u201c{md(s.check_by_phrase)}\u201d)"
    out.append(f"- *Check by:* {check}")
    if not compact:
        out.append(f"- *Kind:* {md(s.kind_label)}")
        if s.tags:
            out.append(f"- *Tags:* {md(', '.join(s.tags))}")
        if s.original_text and s.original_text != s.quote:
            out.append(f"- *Original:* {md(s.original_text)}")
        out.append(f"- *Review:* {md(s.review_label)}")
    out.append("")
    for stance, title in EVIDENCE_GROUPS:
        items = s.evidence_with(stance)
        if not items:
            continue
        out += [f"{level} {title}", ""]
        for e in items:
            line = f"- **{md(withdrawn_text(e))}.** " if e.withdrawn else "- "
            line += f"**{md(e.occurred_label or 'Undated')}** \u2014 "
            line += f"**{md(e.title)}.** " if e.title else ""
            line += md(e.summary)
            out.append(line)
            if e.excerpt and not compact:
                out.append(f"  > \u201c{md(e.excerpt)}\u201d")
            if e.note:
                out.append(f"  *Why it matters:* {md(e.note)}")
            cite = _citation(e.citation)
            if cite:
                out.append(f"  {cite}")
            for a in e.attachments:
                where = f", in the package as `{a.package_path}`" if a.package_path else ""
                out.append(f"  File: {md(a.file_name)} ({a.size:,} bytes, SHA-256 "
                           f"`{a.sha256}`{where})")
        out.append("")
    if s.history and not compact:
        out += [f"{level} Verdict history", ""]
        out += _table(["Date", "Verdict", "By", "Rationale"],
                      [[md(short_date(h.at[:10])), md(h.label), md(h.by or ""),
                        md(h.rationale or "") + (f" ({percent(h.confidence)})"
                                                 if h.confidence is not None else "")]
                       for h in s.history], [False] * 4)
    if not s.draft and s.approved_by:
        out.append(f"*Reviewed and approved by {md(s.approved_by)} on "
                   f"{md(long_date((s.approved_at or '')[:10]))}.*")
    else:
        what = (md(retraction_text(s)) if s.retracted
                else f"Not approved (review: {md(s.review_label.lower())})")
        out.append(f"**{s.mark}** \u2014 {what}. Not for publication.")
    out.append("")
    return out


def _chart(block: BarChart) -> list[str]:
    largest = max((b.value for b in block.bars), default=0)
    total = block.total
    out = [f"**{md(block.title)}**", "", "```text"]
    width = max((len(b.label) for b in block.bars), default=0)
    for b in block.bars:
        bar = "\u2588" * (round(30 * b.value / largest) if largest else 0)
        share = f"{round(100 * b.value / total)}%" if total else "-"
        out.append(f"{b.label.replace('`', chr(39)):>{width}}  {bar:<30} {b.value:>5}  {share:>4}")
    out.append("```")
    if block.caption:
        out += ["", f"*{md(block.caption)}*"]
    return out + [""]


def _block(block, level: str) -> list[str]:
    if isinstance(block, Paragraph):
        text = md(block.text)
        return [f"> **Note:** {text}" if block.tone in ("notice", "draft") else text, ""]
    if isinstance(block, Figures):
        return ["  \u00b7  ".join(f"**{md(f.value)}** {md(f.label)}" for f in block.items), ""]
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Table):
        title = [f"{level} {md(block.title)}", ""] if block.title else []
        numeric = list(block.numeric or [False] * len(block.headers))
        return title + _table([md(h) for h in block.headers],
                              [[md(c) for c in row] for row in block.rows], numeric)
    if isinstance(block, StatementTable):
        title = [f"{level} {md(block.title)}", ""] if block.title else []
        if not block.statements:
            return title + [f"*{md(block.empty)}*", ""]
        return title + _table([COLUMN_LABELS[c] for c in block.columns],
                              [[_cell(c, s, block) for c in block.columns]
                               for s in block.statements], [False] * len(block.columns))
    if isinstance(block, Dossier):
        return _dossier(block, level)
    raise TypeError(f"no Markdown for {type(block).__name__}")


def _section(section: Section) -> list[str]:
    out = [f"## {md(section.title)}", ""] if section.title else []
    for block in section.blocks:
        out += _block(block, "###")
    return out


def render_markdown(report: Report) -> str:
    out = []
    if report.draft:
        out += [f"> **{DRAFT_MARK} \u2014 includes assessments not yet approved. "
                "Not for publication.**", ""]
    out += [f"**{md(report.organisation)}**{DOT}{md(report.kind_label)}", "",
            f"# {md(report.title)}", "", f"*{md(report.subtitle)}*", ""]
    for label, value in report.scope + [("Published by", report.organisation),
                                        ("Date", report.generated_label)]:
        out.append(f"- **{md(label)}:** {md(value)}")
    out.append("")
    if report.cover_figures:
        out += _block(Figures(report.cover_figures), "###")
    out += [f"*{md(METHOD)}*", "", f"*{md(report.policy)}*", "", "---", ""]
    for section in report.sections:
        out += _section(section)
    out += ["---", "", f"*{md(report.organisation)}{DOT}{md(report.kind_label)}{DOT}generated "
            f"{md(report.generated_label)} with Factcheck. {md(report.policy)}*", ""]
    return "\n".join(out)
