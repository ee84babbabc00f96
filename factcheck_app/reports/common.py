"""What the HTML, PDF and Markdown renderers share: escaping, safe links, and the small
pieces of wording every report prints the same way. No Qt here."""

from __future__ import annotations

from collections.abc import Callable
from html import escape as _escape
from urllib.parse import urlsplit

from .model import Citation, EvidenceItem, StatementView, long_date, percent

DASH = "\u2013"
DOT = " \u00b7 "
# How a dossier groups its evidence, in the order it is printed.
EVIDENCE_GROUPS = (("contradicts", "Evidence against"), ("supports", "Evidence for"),
                   ("context", "Context"))


def escape(text: object) -> str:
    """HTML-escaped text (quotes too); None is the empty string."""
    return _escape("" if text is None else str(text), quote=True)


def text_html(text: str | None) -> str:
    """Escaped text keeping its line breaks."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def web_url(url: str | None) -> str | None:
    """The URL, stripped, when it is http(s) and so safe to link; None for anything else
    (javascript:, data:, a bare word)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    return url.strip() if scheme in ("http", "https") else None


def citation_parts(c: Citation, text: Callable[[str], str],
                   link: Callable[[str], str]) -> list[str]:
    """A citation's text and its URL, each formatted by the renderer, to join with ". "."""
    parts = [text(c.text())] if c.text() else []
    if c.url:
        parts.append(link(c.url))
    return parts


def fact_rows(s: StatementView, *, aside: Callable[[str], str],
              original: Callable[[str], str]) -> list[tuple[str, str]]:
    """A full dossier's facts as (label, HTML) rows: what would show it held, the check-by
    date, kind, tags, the original wording, the review state. The renderer styles the
    check-by phrase (`aside`) and the original wording (`original`)."""
    rows = []
    if s.expectation:
        rows.append(("What would show it held", text_html(s.expectation)))
    check = escape(s.check_by_label) if s.check_by else "no date set"
    if s.check_by_phrase:
        check += " " + aside(f"(\u201c{escape(s.check_by_phrase)}\u201d)")
    rows.append(("Check by", check))
    rows.append(("Kind", escape(s.kind_label)))
    if s.tags:
        rows.append(("Tags", escape(", ".join(s.tags))))
    if s.original_text and s.original_text != s.quote:
        lang = f" ({escape(s.original_language)})" if s.original_language else ""
        rows.append((f"Original{lang}", original(text_html(s.original_text))))
    rows.append(("Review", escape(s.review_label)))
    return rows


def verdict_facts(s: StatementView) -> list[str]:
    """What is known about a verdict beyond its label: how sure, and since when."""
    facts = []
    if s.confidence is not None:
        facts.append(f"confidence {percent(s.confidence)}")
    if s.resolved_on:
        facts.append(f"rated {long_date(s.resolved_on)}")
    return facts


def retraction_text(s: StatementView) -> str:
    """Why a retracted statement was withdrawn: 'Retracted on 3 May 2024 by Rob Kessler:
    the video was edited' (plain text; the renderer escapes it)."""
    text = "Retracted"
    if s.retracted_at:
        text += f" on {long_date(s.retracted_at[:10])}"
    if s.retracted_by:
        text += f" by {s.retracted_by}"
    return text + (f": {s.retraction_reason}" if s.retraction_reason else "")


def withdrawn_text(e: EvidenceItem) -> str:
    """'Withdrawn on 3 May 2024: the photo was staged' for retracted evidence."""
    text = f"Withdrawn on {long_date((e.retracted_at or '')[:10])}"
    return text + (f": {e.retracted_reason}" if e.retracted_reason else "")
