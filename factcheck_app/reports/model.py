"""The report model: what a report says, independent of how it is drawn.

services/reports.py builds a `Report` from the workspace; each renderer in this
package (PDF, HTML, Markdown, data, ClaimReview) turns the same `Report` into a
file. A report is a title page plus sections made of a few kinds of block, so
every renderer handles blocks, not report kinds.

Everything here is plain data: no Qt, no SQL, no workspace.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

DOSSIER, SPEAKER, PERIOD, DUE = "dossier", "speaker", "period", "due"
KINDS = (DOSSIER, SPEAKER, PERIOD, DUE)
KIND_LABELS = {
    DOSSIER: "Statement dossier",
    SPEAKER: "Speaker track record",
    PERIOD: "Period summary",
    DUE: "Due and overdue",
}
PAGE_SIZES = ("a4", "letter")

DRAFT_MARK = "DRAFT"
RETRACTED_MARK = "RETRACTED"
DRAFT_NOTICE = "DRAFT \u2014 includes assessments not yet approved by a reviewer. Not for publication."
PUBLISHED_NOTICE = "Every assessment in this report was approved by a second analyst."
DUE_NOTICE = "No assessment is published here: every statement listed still awaits a verdict."
METHOD = ("Each statement is recorded with what would show that it held and a date to check it "
          "by. Once that date has passed, an analyst rates the outcome against the evidence, "
          "which is cited with every verdict; a second analyst reviews the rating before it is "
          "published.")


@dataclass(frozen=True)
class Speaker:
    id: str | None
    name: str
    kind: str = "person"  # "person" or "body"
    title: str | None = None
    affiliation: str | None = None
    country: str | None = None

    @property
    def description(self) -> str:
        """'Kremlin spokesman, Presidential Executive Office, Russia' (no part said twice)."""
        parts: list[str] = []
        for part in (self.title, self.affiliation, self.country):
            if part and not any(part.lower() in p.lower() for p in parts):
                parts.append(part)
        return ", ".join(parts)


@dataclass(frozen=True)
class Citation:
    """Where something was published: enough to find it again."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # a label, e.g. "10 January 2023"
    url: str | None = None
    location: str | None = None  # page, timestamp

    def text(self) -> str:
        """"Title", Outlet, 10 January 2023, p. 4 (without the URL)."""
        parts = []
        if self.title:
            parts.append(f"\u201c{self.title}\u201d")
        for part in (self.outlet, self.published, self.location):
            if part:
                parts.append(part)
        return ", ".join(parts)

    def __bool__(self) -> bool:
        return bool(self.title or self.outlet or self.url)


@dataclass
class Attachment:
    id: str
    file_name: str
    sha256: str
    size: int
    media_type: str | None = None
    # opens the stored bytes to read (wherever the workspace keeps them); never published
    blob: Callable[[], BinaryIO] | None = field(default=None, repr=False)
    package_path: str | None = None  # its name inside a verifiable package


@dataclass
class EvidenceItem:
    id: str
    stance: str  # supports / contradicts / context
    stance_label: str
    stance_colour: str
    occurred_on: str | None
    occurred_label: str
    title: str | None
    summary: str
    excerpt: str | None
    note: str | None  # why it bears on the statement
    url: str | None  # the evidence's own link
    source_url: str | None  # its source's link
    citation: Citation
    attachments: list[Attachment] = field(default_factory=list)
    retracted_at: str | None = None  # withdrawn: it stays listed, marked, with the reason
    retracted_reason: str | None = None

    @property
    def withdrawn(self) -> bool:
        return bool(self.retracted_at)


@dataclass(frozen=True)
class VerdictStep:
    verdict: str
    label: str
    colour: str
    rationale: str | None
    confidence: float | None
    at: str  # ISO timestamp
    by: str | None


@dataclass
class StatementView:
    """One statement with its assessment, ready to print."""

    id: str
    quote: str
    original_text: str | None
    original_language: str | None
    speaker: Speaker | None
    stated_on: str
    stated_precision: str | None
    stated_label: str
    stated_sort: str
    kind: str
    kind_label: str
    tags: list[str]
    expectation: str | None
    check_by: str | None
    check_by_label: str
    check_by_phrase: str | None
    state: str  # upcoming / due / overdue / resolved / no_date
    state_label: str
    days_overdue: int | None
    verdict: str
    verdict_label: str
    verdict_colour: str
    rating: int | None
    rationale: str | None
    confidence: float | None
    review_state: str
    review_label: str
    draft: bool  # its assessment is not approved
    approved_by: str | None
    approved_at: str | None
    resolved_on: str | None  # when the current verdict was recorded (YYYY-MM-DD)
    assignee: str | None
    source: Citation
    source_record: dict | None  # id, title, outlet, url, published_on as stored
    source_start: int | None
    source_end: int | None
    evidence: list[EvidenceItem] = field(default_factory=list)
    history: list[VerdictStep] = field(default_factory=list)
    retracted: bool = False  # withdrawn after approval (only in reports with drafts)
    retracted_at: str | None = None
    retracted_by: str | None = None
    retraction_reason: str | None = None

    @property
    def mark(self) -> str:
        """What a statement not approved is marked with: RETRACTED or DRAFT ('' if approved)."""
        if self.retracted:
            return RETRACTED_MARK
        return DRAFT_MARK if self.draft else ""

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker else "Unattributed"

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def evidence_with(self, stance: str) -> list[EvidenceItem]:
        return [e for e in self.evidence if e.stance == stance]


# -- blocks ------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: str = "normal"  # normal / muted / notice / draft


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    colour: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Figures:
    items: tuple[Figure, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    caption: str = ""

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)


# Columns a statement table can show, in this order of preference.
COL_DATE, COL_SPEAKER, COL_STATEMENT, COL_CHECK_BY, COL_VERDICT, COL_OVERDUE, COL_ASSIGNEE = (
    "date", "speaker", "statement", "check_by", "verdict", "overdue", "assignee")
COLUMN_LABELS = {
    COL_DATE: "Said", COL_SPEAKER: "Speaker", COL_STATEMENT: "Statement",
    COL_CHECK_BY: "Check by", COL_VERDICT: "Verdict", COL_OVERDUE: "Status",
    COL_ASSIGNEE: "Assigned to",
}


@dataclass(frozen=True)
class StatementTable:
    statements: tuple[StatementView, ...]
    columns: tuple[str, ...]
    show_expectation: bool = True
    show_rationale: bool = False
    empty: str = "No statements."
    title: str = ""  # a sub-heading, e.g. the year when a long list is split by year


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()  # right-align these columns
    title: str = ""


@dataclass(frozen=True)
class Dossier:
    statement: StatementView
    compact: bool = False  # a card in a summary, not a full dossier


Block = Paragraph | Figures | BarChart | StatementTable | Table | Dossier


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False


@dataclass
class Report:
    kind: str
    title: str
    subtitle: str
    organisation: str
    organisation_url: str
    workspace_title: str
    generated_at: str  # ISO timestamp
    today: date
    include_drafts: bool
    page_size: str
    scope: list[tuple[str, str]]  # (label, value) lines for the title page
    sections: list[Section]
    statements: list[StatementView]  # every statement the report covers, for data files
    cover_figures: tuple[Figure, ...] = ()
    legend: tuple[Bar, ...] = ()  # the verdict scale: label and colour
    left_out: int = 0  # statements in scope left out because not approved
    best_rating: int = 5  # the verdict scale's ClaimReview range
    worst_rating: int = 1

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.title())

    @property
    def draft(self) -> bool:
        """Drafts were asked for: the whole document is marked DRAFT on every page."""
        return self.include_drafts

    @property
    def policy(self) -> str:
        if self.draft:
            return DRAFT_NOTICE
        return DUE_NOTICE if self.kind == DUE else PUBLISHED_NOTICE

    @property
    def footer_policy(self) -> str:
        """The policy in a few words, for page footers."""
        if self.draft:
            return "Includes unapproved drafts"
        return "Statements awaiting a verdict" if self.kind == DUE else "Approved assessments only"

    @property
    def running_header(self) -> str:
        return f"{self.organisation} \u00b7 {self.kind_label}"

    @property
    def generated_label(self) -> str:
        """The date the report speaks as of (the workspace's today)."""
        return long_date(self.today.isoformat())

    def all_blocks(self):
        for section in self.sections:
            yield from section.blocks


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(iso: str | None) -> str:
    """'2022-02-24' -> '24 February 2022'; '2022-02' -> 'February 2022'; '2022' as is.

    Month names are spelled out here, not by the C library, so no locale changes them."""
    if not iso:
        return ""
    parts = iso.split("-")
    try:
        if len(parts) >= 3:
            d = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if len(parts) == 2:
            d = date(int(parts[0]), int(parts[1]), 1)
            return f"{MONTHS[d.month - 1]} {d.year}"
    except ValueError:
        return iso
    return iso


_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def safe_colour(value: str | None, fallback: str = "#6b7280") -> str:
    """A #rgb / #rrggbb colour, or the fallback: the verdict scale is workspace data, and
    nothing but a colour may reach a style attribute or a painter."""
    return value if value and _COLOUR.match(value) else fallback


def short_date(iso: str | None) -> str:
    """'2022-02-24' -> '24 Feb 2022'; '2022-02' -> 'Feb 2022': for table cells."""
    label = long_date(iso)
    for month in MONTHS:
        if month in label:
            return label.replace(month, month[:3])
    return label


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"
