"""Vocabulary of the record: kinds, stances, content that an approval is bound to."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import InvalidInput

KINDS = ("promise", "prediction", "denial", "assertion", "threat", "opinion")
KIND_LABELS = {
    "promise": "Promise",
    "prediction": "Prediction",
    "denial": "Denial",
    "assertion": "Assertion of fact",
    "threat": "Threat",
    "opinion": "Opinion",
}
STANCES = ("supports", "contradicts", "context")
STANCE_LABELS = {"supports": "Supports", "contradicts": "Contradicts", "context": "Context"}
SPEAKER_KINDS = ("person", "body")
SOURCE_KINDS = ("article", "transcript", "video", "post", "document")

# The statement fields an approval covers. Editing any of them after approval
# sends the statement back to draft (see services.statements).
CONTENT_FIELDS = (
    "quote",
    "original_text",
    "original_language",
    "speaker_id",
    "stated_on",
    "stated_precision",
    "source_id",
    "source_start",
    "source_end",
    "location",
    "kind",
    "tags",
    "expectation",
    "check_by",
    "check_by_phrase",
    "verdict",
    "verdict_rationale",
    "verdict_confidence",
)


def choice(value: str, options: Iterable[str], *, what: str) -> str:
    """Normalise `value` to one of `options` or refuse naming the valid ones."""
    options = tuple(options)
    wanted = (value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if wanted in options:
        return wanted
    raise InvalidInput(f"{what} must be one of {', '.join(options)} (got {value!r})")


def check_fields(fields: Iterable[str], allowed: Iterable[str], *, what: str) -> None:
    """Refuse a field a record does not have, naming it (e.g. a typo in an import)."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise InvalidInput(f"{what} {'has' if what == 'evidence' else 'have'} no field "
                           f"{sorted(unknown)[0]!r}")


def normalise_tags(tags: Iterable[str] | str | None) -> list[str]:
    """Tags as a sorted list of distinct, trimmed, lower-case words."""
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.split(",")
    return sorted({t.strip().lower() for t in tags if t and t.strip()})


def confidence(value: Any) -> float | None:
    """A verdict confidence between 0 and 1 (accepts '80%' and 80)."""
    if value in (None, ""):
        return None
    text = str(value).strip().rstrip("%")
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(f"confidence must be a number from 0 to 1, not {value!r}") from None
    if number > 1:
        number /= 100
    if not 0 <= number <= 1:
        raise InvalidInput(f"confidence must be between 0 and 1 (or 0-100%), not {value!r}")
    return round(number, 4)


# What an approval covers of each linked piece of evidence, besides the link itself:
# editing the evidence a verdict rests on reopens the statements it bears on.
EVIDENCE_CONTENT_FIELDS = ("occurred_on", "title", "summary", "excerpt", "url", "source_id")


def content_hash(statement: Mapping[str, Any], links: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 of what a reviewer approved: the statement's content, its evidence links
    and the content of the linked evidence (`links` rows carry the evidence fields)."""
    payload = {
        "statement": {field: statement.get(field) for field in CONTENT_FIELDS},
        "links": sorted(
            [str(link["evidence_id"]), str(link["stance"]), str(link.get("note") or "")]
            + [str(link.get(field) or "") for field in EVIDENCE_CONTENT_FIELDS]
            for link in links
        ),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
