"""Importing statements and evidence from CSV, JSON and ClaimReview: all or nothing.

Every row is checked and written inside one transaction; the first problem
aborts the whole import with a message naming the row and the field, and the
workspace is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..domain.dates import parse_fuzzy_date
from ..domain.errors import Cancelled, FactcheckError, InvalidInput
from ..ingest.claimreview import ClaimReviewItem, parse_claimreviews
from ..ingest.datafile import DataFileError, kind_of, load_json, read_csv
from . import evidence as ev
from . import statements
from .lookup import resolve_id
from .sources import add_source
from .speakers import add_speaker, find_speaker
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


def _field(where: str, key: str, error: Exception | str) -> InvalidInput:
    return InvalidInput(f"{where}, field {key!r}: {error}")


def _text(row: Mapping[str, Any], key: str, where: str) -> str:
    """A text field (a number is taken as its digits); anything else is refused."""
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _field(where, key, f"must be text, not {kind_of(value)}")
    return str(value).strip()


def _tags(row: Mapping[str, Any], where: str) -> list[str] | str | None:
    value = row.get("tags")
    if value in (None, "", []):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return value
    bad = next((t for t in value if not isinstance(t, str)), None) if isinstance(value, list) \
        else value
    raise _field(where, "tags", f"must be a list of words or comma-separated text, not "
                                f"{'a list holding ' if isinstance(value, list) else ''}"
                                f"{kind_of(bad)}")


SPEAKER_DETAILS = ("kind", "title", "affiliation", "country")


def _speaker(row: Mapping[str, Any], where: str) -> dict[str, str]:
    """Who said it: a name, with the details a new speaker record gets (kind, title,
    affiliation, country) from a "speaker" object, or, as our JSON export writes them,
    from "speaker_details" beside the name."""
    value = row.get("speaker")
    if isinstance(value, Mapping):  # {"name": ..., "title": ...} as some tools write it
        details, at = value, f"{where}, speaker"
        name = _text(value, "name", at)
    else:
        name = _text(row, "speaker", where)
        details, at = row.get("speaker_details") or {}, f"{where}, speaker_details"
        if not isinstance(details, Mapping):
            raise _field(where, "speaker_details", f"must be an object, not {kind_of(details)}")
    return {"name": name, **{key: _text(details, key, at) for key in SPEAKER_DETAILS}}


def _speaker_id(ws: Workspace, speaker: Mapping[str, str], where: str) -> str:
    """The speaker's record: the one already known by that name or alias as it is, else
    a new one with the details the file gives."""
    found = find_speaker(ws, speaker["name"])
    if found:
        return found["id"]
    details = {key: speaker[key] for key in SPEAKER_DETAILS if speaker[key]}
    try:
        return add_speaker(ws, name=speaker["name"], **details).created
    except FactcheckError as error:
        raise InvalidInput(f"{where}, speaker: {error}") from None


def _source(row: Mapping[str, Any], where: str) -> dict[str, str]:
    """The statement's source: a "source" object (JSON) or source_* columns (CSV)."""
    value = row.get("source")
    if value is not None and not isinstance(value, Mapping):
        raise _field(where, "source", f"must be an object with title, url, outlet and "
                                      f"published_on, not {kind_of(value)}")
    if value is not None:
        return {key: _text(value, key, f"{where}, source")
                for key in ("title", "url", "outlet", "published_on")}
    return {"title": _text(row, "source_title", where), "url": _text(row, "source_url", where),
            "outlet": _text(row, "source_outlet", where),
            "published_on": _text(row, "source_published", where)}


def _list_of_objects(row: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = row.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _field(where, key, f"must be a list of objects, not {kind_of(value)}")
    for n, item in enumerate(value, start=1):
        if not isinstance(item, Mapping):
            raise InvalidInput(f"{where}, {key} {n}: must be an object, not {kind_of(item)}")
    return value


def _import_statement(ws: Workspace, row: Mapping[str, Any], where: str,
                      sources: dict[tuple[str, str], str]) -> str:
    quote = _text(row, "quote", where)
    if not quote:
        raise InvalidInput(f"{where}, field 'quote': a statement needs its quote")
    stated = _text(row, "stated_on", where) or _text(row, "stated", where)
    try:
        parse_fuzzy_date(stated)
    except InvalidInput as error:
        raise _field(where, "stated_on", error) from None
    fields: dict[str, Any] = {"quote": quote, "stated_on": stated}
    for key in ("kind", "expectation", "check_by", "original_text", "original_language"):
        if _text(row, key, where):
            fields[key] = _text(row, key, where)
    tags = _tags(row, where)
    if tags:
        fields["tags"] = tags
    speaker = _speaker(row, where)
    if speaker["name"]:
        fields["speaker_id"] = _speaker_id(ws, speaker, where)
    verdict = _text(row, "verdict", where)
    rationale = _text(row, "verdict_rationale", where)
    confidence = _text(row, "verdict_confidence", where) or None
    items = _list_of_objects(row, "evidence", where)
    source = _source(row, where)
    if source["title"] or source["url"]:
        key = (source["title"], source["url"])
        if key not in sources:
            try:
                sources[key] = add_source(ws, title=source["title"] or source["url"],
                                          url=source["url"], outlet=source["outlet"],
                                          published_on=source["published_on"] or None).created
            except FactcheckError as error:
                raise InvalidInput(f"{where}, source: {error}") from None
        fields["source_id"] = sources[key]
    try:
        statement_id = statements.add_statement(ws, **fields).created
    except FactcheckError as error:
        raise InvalidInput(f"{where}: {error}") from None
    if verdict and verdict.lower() != "pending":
        try:
            statements.set_verdict(ws, statement_id=statement_id, verdict=verdict,
                                   rationale=rationale, confidence=confidence)
        except FactcheckError as error:
            raise _field(where, "verdict", error) from None
    for n, item in enumerate(items, start=1):
        _import_evidence(ws, {**item, "statement_id": statement_id}, f"{where}, evidence {n}")
    return statement_id


def _import_evidence(ws: Workspace, row: Mapping[str, Any], where: str) -> str:
    summary = _text(row, "summary", where)
    if not summary:
        raise InvalidInput(f"{where}, field 'summary': evidence needs a summary")
    occurred = _text(row, "occurred_on", where) or None
    if occurred:
        try:
            parse_fuzzy_date(occurred)
        except InvalidInput as error:
            raise _field(where, "occurred_on", error) from None
    stance, note = _text(row, "stance", where), _text(row, "note", where)
    target = _text(row, "statement_id", where)
    try:
        evidence_id = ev.add_evidence(
            ws, summary=summary, occurred_on=occurred, title=_text(row, "title", where),
            excerpt=_text(row, "excerpt", where),
            url=_text(row, "url", where) or _text(row, "source_url", where)).created
    except FactcheckError as error:
        raise InvalidInput(f"{where}: {error}") from None
    if target:
        try:
            statement_id = resolve_id(ws, "statement", target)
            ev.link(ws, statement_id=statement_id, evidence_id=evidence_id,
                    stance=stance or "context", note=note)
        except FactcheckError as error:
            raise InvalidInput(f"{where}, field 'statement_id'/'stance': {error}") from None
    return evidence_id


def import_csv(ws: Workspace, text: str, *, job: Any = None) -> Changes:
    try:
        columns, rows = read_csv(text)
    except DataFileError as error:
        raise InvalidInput(str(error)) from None
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
    return _run(ws, kind, _checked(rows), first_row=2, job=job)


def _checked(rows: Iterator[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    """Rows whose reading problems (a bad CSV line) surface as InvalidInput."""
    try:
        yield from rows
    except DataFileError as error:
        raise InvalidInput(str(error)) from None


def import_json(ws: Workspace, text: str, *, job: Any = None) -> Changes:
    try:
        data = load_json(text)
    except DataFileError as error:
        raise InvalidInput(str(error)) from None
    if isinstance(data, list):
        data = {"statements": data}
    if not isinstance(data, dict) or not ({"statements", "evidence"} & set(data)):
        raise InvalidInput("a JSON import needs a \"statements\" or \"evidence\" list")
    changes = Changes()
    with ws.store.transaction():
        for kind in ("statements", "evidence"):
            items = data.get(kind) or []
            if not isinstance(items, list):
                raise InvalidInput(f"\"{kind}\" must be a list of objects, not {kind_of(items)}")
            for n, item in enumerate(items, start=1):
                if not isinstance(item, dict):
                    raise InvalidInput(f"\"{kind}\" item {n} must be an object, not "
                                       f"{kind_of(item)}")
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
    speaker = {"name": item.speaker, "kind": item.speaker_kind,
               "title": item.speaker_title} if item.speaker else None
    return {"quote": item.claim, "speaker": speaker,
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
    raise InvalidInput(f"cannot tell the format of {path.name}: a data file ends in .csv, "
                       ".json or .jsonld")
