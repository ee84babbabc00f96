"""Importing statements and evidence from CSV, JSON and ClaimReview: all or nothing.

Every row is checked and written inside one transaction; the first problem
aborts the whole import with a message naming the row and the field, and the
workspace is left exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import Cancelled, FactcheckError, InvalidInput
from ..ingest.claimreview import ClaimReviewItem, parse_claimreviews
from . import evidence as ev
from . import statements
from .lookup import resolve_id
from .sources import add_source
from .workspace import Changes, Workspace

# Documented in README ("Importing"): columns for a statements CSV.
STATEMENT_COLUMNS = ("quote", "speaker", "stated_on", "kind", "tags", "expectation", "check_by",
                     "original_text", "original_language", "source_title", "source_url",
                     "source_outlet", "source_published", "verdict", "verdict_rationale",
                     "verdict_confidence")
# …and for an evidence CSV (statement_id + stance link it to an existing statement).
EVIDENCE_COLUMNS = ("summary", "occurred_on", "title", "excerpt", "url", "statement_id",
                    "stance", "note")
MAX_ROWS = 200_000


class _RowError(Exception):
    pass


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise InvalidInput(f"field {key!r} must be text")
    return str(value).strip()


def _field(where: str, key: str, error: Exception) -> InvalidInput:
    return InvalidInput(f"{where}, field {key!r}: {error}")


def _import_statement(ws: Workspace, row: Mapping[str, Any], where: str,
                      sources: dict[tuple[str, str], str]) -> str:
    quote = _text(row, "quote")
    if not quote:
        raise InvalidInput(f"{where}, field 'quote': a statement needs its quote")
    stated = _text(row, "stated_on") or _text(row, "stated")
    try:
        parse_fuzzy_date(stated)
    except InvalidInput as error:
        raise _field(where, "stated_on", error) from None
    fields: dict[str, Any] = {"quote": quote, "stated_on": stated}
    for key in ("kind", "expectation", "check_by", "original_text", "original_language"):
        if _text(row, key):
            fields[key] = _text(row, key)
    tags = row.get("tags")
    if tags:
        fields["tags"] = tags if isinstance(tags, list) else str(tags)
    speaker = row.get("speaker")
    if isinstance(speaker, dict):
        speaker = speaker.get("name")
    if speaker:
        fields["speaker"] = str(speaker)
    source = row.get("source") if isinstance(row.get("source"), dict) else {
        "title": _text(row, "source_title"), "url": _text(row, "source_url"),
        "outlet": _text(row, "source_outlet"), "published_on": _text(row, "source_published")}
    if source and (source.get("title") or source.get("url")):
        key = (source.get("title") or "", source.get("url") or "")
        if key not in sources:
            try:
                sources[key] = add_source(ws, title=source.get("title") or source.get("url"),
                                          url=source.get("url") or "",
                                          outlet=source.get("outlet") or "",
                                          published_on=source.get("published_on") or None).created
            except FactcheckError as error:
                raise InvalidInput(f"{where}, source: {error}") from None
        fields["source_id"] = sources[key]
    try:
        statement_id = statements.add_statement(ws, **fields).created
    except FactcheckError as error:
        raise InvalidInput(f"{where}: {error}") from None
    verdict = _text(row, "verdict")
    if verdict and verdict.lower() != "pending":
        try:
            statements.set_verdict(ws, statement_id=statement_id, verdict=verdict,
                                   rationale=_text(row, "verdict_rationale"),
                                   confidence=row.get("verdict_confidence") or None)
        except FactcheckError as error:
            raise _field(where, "verdict", error) from None
    for n, item in enumerate(row.get("evidence") or [], start=1):
        if not isinstance(item, Mapping):
            raise InvalidInput(f"{where}, evidence {n}: must be an object")
        _import_evidence(ws, {**item, "statement_id": statement_id}, f"{where}, evidence {n}")
    return statement_id


def _import_evidence(ws: Workspace, row: Mapping[str, Any], where: str) -> str:
    summary = _text(row, "summary")
    if not summary:
        raise InvalidInput(f"{where}, field 'summary': evidence needs a summary")
    occurred = _text(row, "occurred_on") or None
    if occurred:
        try:
            parse_fuzzy_date(occurred)
        except InvalidInput as error:
            raise _field(where, "occurred_on", error) from None
    try:
        evidence_id = ev.add_evidence(ws, summary=summary, occurred_on=occurred,
                                      title=_text(row, "title"), excerpt=_text(row, "excerpt"),
                                      url=_text(row, "url") or _text(row, "source_url")).created
    except FactcheckError as error:
        raise InvalidInput(f"{where}: {error}") from None
    target = _text(row, "statement_id")
    if target:
        try:
            statement_id = resolve_id(ws, "statement", target)
            ev.link(ws, statement_id=statement_id, evidence_id=evidence_id,
                    stance=_text(row, "stance") or "context", note=_text(row, "note"))
        except FactcheckError as error:
            raise InvalidInput(f"{where}, field 'statement_id'/'stance': {error}") from None
    return evidence_id


def _csv_rows(text: str) -> tuple[list[str], Iterator[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InvalidInput("the CSV file is empty")
    return [f.strip().lower() for f in reader.fieldnames], (
        {(k or "").strip().lower(): v for k, v in row.items()} for row in reader)


def import_csv(ws: Workspace, text: str, *, job: Any = None) -> Changes:
    columns, rows = _csv_rows(text.lstrip("\ufeff"))
    if "quote" in columns:
        kind, unknown = "statements", set(columns) - set(STATEMENT_COLUMNS)
    elif "summary" in columns:
        kind, unknown = "evidence", set(columns) - set(EVIDENCE_COLUMNS)
    else:
        raise InvalidInput("a CSV import needs a 'quote' column (statements) or a 'summary' "
                           "column (evidence)")
    if unknown:
        raise InvalidInput(f"unknown column {sorted(unknown)[0]!r}; the {kind} columns are: "
                           f"{', '.join(STATEMENT_COLUMNS if kind == 'statements' else EVIDENCE_COLUMNS)}")
    return _run(ws, kind, rows, first_row=2, job=job)


def import_json(ws: Workspace, text: str, *, job: Any = None) -> Changes:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not valid JSON: {error.msg} at line {error.lineno}") from None
    if isinstance(data, list):
        data = {"statements": data}
    if not isinstance(data, dict) or not ({"statements", "evidence"} & set(data)):
        raise InvalidInput("a JSON import needs a \"statements\" or \"evidence\" list")
    changes = Changes()
    with ws.store.transaction():
        for kind in ("statements", "evidence"):
            items = data.get(kind) or []
            if not isinstance(items, list) or any(not isinstance(i, dict) for i in items):
                raise InvalidInput(f"\"{kind}\" must be a list of objects")
            done = _run(ws, kind, iter(items), first_row=1, job=job)
            changes = Changes(statements=changes.statements | done.statements,
                              tables=changes.tables | done.tables,
                              message=f"{changes.message} {done.message}".strip())
    return changes


def import_claimreview(ws: Workspace, text: str, *, job: Any = None) -> Changes:
    try:
        items = parse_claimreviews(text)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    rows = [_claimreview_row(ws, item) for item in items]
    return _run(ws, "statements", iter(rows), first_row=1, noun="ClaimReview", job=job)


def _claimreview_row(ws: Workspace, item: ClaimReviewItem) -> dict[str, Any]:
    verdict = ""
    for name in (item.rating_name, _level_rated(ws, item.rating_value)):
        try:
            verdict = ws.scale.normalise(name) if name else ""
        except InvalidInput:
            verdict = ""
        if verdict:
            break
    # The review's own words first, then whose review it was: nothing of it is lost.
    provenance = " ".join(filter(None, [
        f"Rated “{item.rating_name}”" if item.rating_name else "Reviewed",
        f"by {item.review_author}" if item.review_author else None,
        f"on {item.review_date[:10]}" if item.review_date else None,
        f"({item.review_url})" if item.review_url else None]))
    rationale = "\n\n".join(filter(None, [item.review_body, provenance]))
    source = None
    if item.appearance_url or item.appearance_title:  # where the claim was made
        source = {"title": item.appearance_title or item.appearance_url,
                  "url": item.appearance_url or "", "outlet": item.appearance_outlet or "",
                  "published_on": item.appearance_date or ""}
    elif item.review_url:  # nothing said where: the review itself is the one source
        source = {"title": item.review_url, "url": item.review_url}
    return {"quote": item.claim, "speaker": item.speaker,
            "stated_on": (item.claim_date or item.review_date or "")[:10],
            "original_text": item.claim_text or "", "source": source,
            "verdict": verdict, "verdict_rationale": rationale, "expectation": None}


def _level_rated(ws: Workspace, value: float | None) -> str | None:
    """The scale's level with this ClaimReview rating, when the rating names one."""
    if value is None:
        return None
    return next((lv.key for lv in ws.scale.levels if lv.rating == value), None)


def _run(ws: Workspace, kind: str, rows: Iterator[Mapping[str, Any]], *, first_row: int,
         noun: str = "row", job: Any = None) -> Changes:
    """Import rows in one transaction. `job` (optional) has progress(done, total, text)
    and a `cancelled` flag: a cancelled import raises and rolls back entirely."""
    created: list[str] = []
    sources: dict[tuple[str, str], str] = {}
    with ws.store.transaction():
        for n, row in enumerate(rows, start=first_row):
            if n - first_row >= MAX_ROWS:
                raise InvalidInput(f"too many rows: at most {MAX_ROWS:,} per import")
            if job is not None and (n - first_row) % 25 == 0:
                if job.cancelled:
                    raise Cancelled("import cancelled; nothing was imported")
                job.progress(n - first_row, 0, f"{kind}: {noun} {n}")
            where = f"{noun} {n}"
            if kind == "statements":
                created.append(_import_statement(ws, row, where, sources))
            else:
                _import_evidence(ws, row, where)
                created.append("")
    count = len(created)
    return Changes(statements=frozenset(c for c in created if c),
                   tables=frozenset({"statements", "evidence", "speakers", "sources", "links"}),
                   message=f"imported {count} {kind if count != 1 else kind.rstrip('s')}")


def import_file(ws: Workspace, path: Path, fmt: str | None = None, *, job: Any = None) -> Changes:
    """Import by format, guessed from the file name when not given."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"cannot read {path.name}: {error}") from None
    fmt = (fmt or "").lower() or {".csv": "csv", ".json": "json", ".jsonld": "claimreview",
                                  ".html": "claimreview", ".htm": "claimreview"}.get(
        path.suffix.lower(), "")
    if fmt == "json" and '"ClaimReview"' in text:
        fmt = "claimreview"
    if fmt == "csv":
        return import_csv(ws, text, job=job)
    if fmt == "json":
        return import_json(ws, text, job=job)
    if fmt == "claimreview":
        return import_claimreview(ws, text, job=job)
    raise InvalidInput(f"cannot tell the format of {path.name}: use --format csv, json or claimreview")
