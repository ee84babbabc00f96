"""Statements from articles: extract candidates, then accept the ticked ones in one step."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.dates import parse_fuzzy_date
from ..domain.deadlines import resolve_deadline
from ..ingest.extract import Candidate, ExtractedArticle, extract_article
from ..storage import source_rows, speaker_rows
from . import statements
from .sources import add_source
from .workspace import Changes, Workspace


@dataclass(frozen=True)
class Proposal:
    """A candidate as the analyst accepts it (edited quote, speaker, date, kind…)."""

    quote: str
    speaker: str | None
    stated_on: str | None
    start: int
    end: int
    kind: str = "assertion"
    expectation: str = ""
    check_by: str = ""
    check_by_date: str | None = None   # the date the extractor found for check_by, if any


def proposal_of(c: Candidate) -> Proposal:
    """A candidate as proposed: its stated date, kind and check-by phrase (with its date)."""
    return Proposal(c.quote, c.speaker, c.stated_on, c.start, c.end, kind=c.kind,
                    check_by=c.check_by_phrase or "", check_by_date=c.check_by)


def check_by_value(p: Proposal, stated: str) -> str:
    """What to record as check-by: the phrase when it resolves on its own ("by the end of
    June"); the date the article gave when only the article dates it ("after the
    exercises")."""
    phrase = (p.check_by or "").strip()
    if not phrase or not p.check_by_date:
        return phrase
    first = parse_fuzzy_date(stated).first_day
    return phrase if resolve_deadline(phrase, first).due is not None else p.check_by_date


def known_speakers(ws: Workspace) -> list[tuple[str, list[str]]]:
    """(name, aliases) of every speaker: only the two columns matching needs, read once."""
    return [(name, json.loads(aliases or "[]"))
            for name, aliases in speaker_rows.names_with_aliases(ws.store)]


def extract(ws: Workspace | None, data: str | bytes, *, filename: str | None = None,
            published: str | None = None) -> ExtractedArticle:
    """Run the extractor, resolving speakers to existing records when a workspace is given.
    published (YYYY-MM-DD) is the analyst's date for an article that states none."""
    day = None
    if published:
        try:
            day = dt.date.fromisoformat(published.strip())
        except ValueError:
            raise InvalidInput(f"publication date {published!r} is not a date: "
                               "write it as YYYY-MM-DD") from None
    try:
        return extract_article(data, filename=filename, published=day,
                               known_speakers=known_speakers(ws) if ws else ())
    except ValueError as error:
        raise InvalidInput(str(error)) from None


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def possible_duplicates(ws: Workspace, quotes: Sequence[str]) -> dict[str, list[dict]]:
    """Existing statements whose quote contains, or is contained in, each candidate."""
    from .queries import search_all

    found: dict[str, list[dict]] = {}
    for quote in quotes:
        key = _normal(quote)
        words = key.split()
        if len(words) < 3:
            continue
        probe = " ".join(words[:8])
        hits = [s for s in search_all(ws, f'"{probe}"', limit=5)["statements"]
                if key in _normal(s["quote"]) or _normal(s["quote"]) in key]
        if hits:
            found[quote] = hits
    return found


def accept(ws: Workspace, article: ExtractedArticle, proposals: Sequence[Proposal], *,
           raw: bytes, file_name: str, url: str = "") -> Changes:
    """Create the source (archived copy + text) and the accepted statements as drafts.

    Each quote is verified to occur in the source text at its offsets (an edited
    quote is searched for again), so every statement keeps its place in the source.
    """
    ws.require_user()
    if not proposals:
        raise InvalidInput("tick at least one quotation to import")
    source_id, stored = existing_source(ws, raw)
    reused = source_id is not None
    # offsets are into the text the source keeps: the earlier import's, when it is reused
    text = stored if reused and stored else article.text
    checked: list[tuple[Proposal, int, int]] = []
    for n, p in enumerate(proposals, start=1):
        quote = p.quote.strip()
        if text[p.start:p.end] == quote:
            start, end = p.start, p.end
        else:
            start = _nearest(text, quote, p.start)
            if not quote or start < 0:
                raise InvalidInput(f"quotation {n} does not occur in the article text; "
                                   "keep an edited quote verbatim")
            end = start + len(quote)
        checked.append((p, start, end))
    with ws.store.transaction():
        if source_id is None:
            source_id = add_source(ws, title=article.title or Path(file_name).stem,
                                   outlet=article.outlet or "", url=url,
                                   published_on=article.published,
                                   language=article.language or "", kind="article",
                                   full_text=text, file_bytes=raw, file_name=file_name).created
        created = []
        for p, start, end in checked:
            stated = p.stated_on or article.published
            if not stated:
                raise InvalidInput(f"give the date for “{p.quote[:40]}…”: the article has no date")
            fields: dict[str, Any] = dict(
                quote=text[start:end], stated_on=stated,
                source_id=source_id, source_start=start, source_end=end, kind=p.kind,
                expectation=p.expectation, check_by=check_by_value(p, stated))
            if p.speaker:
                fields["speaker"] = p.speaker
            created.append(statements.add_statement(ws, **fields).created)
    return Changes(statements=frozenset(created),
                   tables=frozenset({"statements", "sources", "speakers"}), created=source_id,
                   message=f"imported {len(created)} statement{'s' if len(created) != 1 else ''} "
                           f"from {article.title or file_name}"
                           + (" (the source was already in the workspace)" if reused else ""),
                   undo=_undo_step(created, source_id, reused))


def existing_source(ws: Workspace, raw: bytes) -> tuple[str | None, str | None]:
    """(id, text) of the source already holding this very file or text (same SHA-256)."""
    sha = hashlib.sha256(raw).hexdigest()
    return source_rows.source_with_file(ws.store, sha) or (None, None)


def _nearest(text: str, quote: str, near: int) -> int:
    """The occurrence of quote closest to where the extractor saw it; -1 when absent."""
    best, at = -1, text.find(quote) if quote else -1
    while at >= 0:
        if best < 0 or abs(at - near) < abs(best - near):
            best = at
        at = text.find(quote, at + 1)
    return best


def _undo_step(created: list[str], source_id: str, reused: bool) -> dict:
    """Undoing an import removes what it added: its statements, and the source only when
    this import made it (a reused source belongs to the earlier import too)."""
    return {"op": "delete_import", "statement_ids": created,
            "source_id": None if reused else source_id}


def import_article_file(ws: Workspace, path: Path, *, published: str | None = None) -> Changes:
    """The command-line path: accept every proposed quotation as a draft."""
    raw = Path(path).read_bytes()
    article = extract(ws, raw, filename=Path(path).name, published=published)
    proposals = [proposal_of(c) for c in article.candidates]
    if not proposals:
        raise InvalidInput(f"no quotations found in {Path(path).name}")
    return accept(ws, article, proposals, raw=raw, file_name=Path(path).name)
