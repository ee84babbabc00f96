"""Reading ClaimReview JSON-LD: from a .json/.jsonld file or embedded in a saved HTML page.

Only data is read: JSON is parsed, HTML is scanned for ld+json script blocks by an
HTML parser; nothing found in the input is ever executed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from .datafile import kind_of, load_json


class _LdJsonBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and any(k == "type" and (v or "").strip().lower() == "application/ld+json"
                                   for k, v in attrs):
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


@dataclass(frozen=True)
class ClaimReviewItem:
    claim: str
    speaker: str | None
    speaker_kind: str
    claim_date: str | None
    appearance_url: str | None
    rating_name: str | None
    rating_value: float | None
    best: float | None
    worst: float | None
    review_url: str | None
    review_author: str | None
    review_date: str | None
    # What our own export writes as well, so a re-import loses neither rationale nor source.
    review_body: str | None = None
    claim_text: str | None = None  # the claim in its original words, when it differs
    speaker_title: str | None = None  # the claim author's jobTitle
    appearance_title: str | None = None  # where the claim appeared: headline or name
    appearance_outlet: str | None = None  # …its publisher
    appearance_date: str | None = None  # …and its date


def _walk(node: Any):
    """Every dict in a JSON-LD document, through @graph and nested lists."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, (list, dict)):
                yield from _walk(value)


def _types(node: dict) -> set[str]:
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str)}


def _text(node: Any, key: str, where: str) -> str | None:
    """A text property; a value of another type is refused naming the property."""
    value = node.get(key) if isinstance(node, dict) else None
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{where}: {key!r} must be text, not {kind_of(value)}")


def _name(value: Any, where: str) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value, "name", where)
    return value if isinstance(value, str) else None


def _url(value: Any, where: str) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value, "url", where) or _text(value, "@id", where)
    return value if isinstance(value, str) else None


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _string(value: Any) -> str | None:
    """Text as given, stripped; anything that is not text counts as absent."""
    return value.strip() or None if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_claimreviews(text: str) -> list[ClaimReviewItem]:
    """All ClaimReview items in a JSON-LD document or an HTML page; ValueError if none."""
    stripped = text.lstrip()
    documents: list[Any] = []
    if stripped.startswith(("{", "[")):
        documents.append(load_json(text))  # a DataFileError is a ValueError
    else:
        parser = _LdJsonBlocks()
        parser.feed(text)
        for block in parser.blocks:
            try:
                documents.append(load_json(block))
            except ValueError:
                continue  # a broken (or absurdly nested) block on a page is skipped
    items = []
    for node in _walk(documents):
        if "ClaimReview" not in _types(node):
            continue
        where = f"ClaimReview {len(items) + 1}"
        claim = (_text(node, "claimReviewed", where) or "").strip()
        reviewed = node.get("itemReviewed") or {}
        author = reviewed.get("author") if isinstance(reviewed, dict) else None
        if isinstance(author, list):
            author = author[0] if author else None
        rating = node.get("reviewRating") or {}
        appearance = _first(reviewed.get("appearance") or reviewed.get("firstAppearance")) \
            if isinstance(reviewed, dict) else None
        if not isinstance(appearance, dict):
            appearance = {}
        items.append(ClaimReviewItem(
            claim=claim,
            speaker=_name(author, f"{where}, itemReviewed.author"),
            speaker_kind="body" if isinstance(author, dict) and "Organization" in _types(author) else "person",
            claim_date=_text(reviewed, "datePublished", f"{where}, itemReviewed"),
            appearance_url=_url(reviewed.get("appearance") or reviewed.get("firstAppearance"),
                                f"{where}, itemReviewed.appearance")
            if isinstance(reviewed, dict) else None,
            rating_name=_text(rating, "alternateName", f"{where}, reviewRating"),
            rating_value=_number(rating.get("ratingValue")) if isinstance(rating, dict) else None,
            best=_number(rating.get("bestRating")) if isinstance(rating, dict) else None,
            worst=_number(rating.get("worstRating")) if isinstance(rating, dict) else None,
            review_url=_text(node, "url", where),
            review_author=_name(node.get("author"), f"{where}, author"),
            review_date=_text(node, "datePublished", where),
            review_body=_string(node.get("reviewBody")),
            claim_text=_string(reviewed.get("text")) if isinstance(reviewed, dict) else None,
            speaker_title=_string(author.get("jobTitle")) if isinstance(author, dict) else None,
            appearance_title=_string(appearance.get("headline") or appearance.get("name")),
            appearance_outlet=_name(appearance.get("publisher"), f"{where}, appearance.publisher"),
            appearance_date=_string(appearance.get("datePublished")),
        ))
    if not items:
        raise ValueError("no ClaimReview found (expected JSON-LD with \"@type\": \"ClaimReview\")")
    return items
