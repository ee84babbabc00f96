"""schema.org ClaimReview JSON-LD: how search engines and fact-check aggregators read us.

One ClaimReview per statement whose assessment is APPROVED and rated (not
pending). Drafts are never published as ClaimReview, whatever the report shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..domain.errors import InvalidInput
from .model import StatementView

CONTEXT = "https://schema.org"


def publishable(s: StatementView) -> bool:
    return not s.draft and s.verdict != "pending" and bool(s.approved_at)


def why_unpublishable(organisation_url: str) -> str | None:
    """Why no ClaimReview can be published with this organisation URL, or None if it can.

    A ClaimReview's `url` must be the page a reader lands on; with no web address of our
    own there is none, and a made-up one would send search engines nowhere."""
    base = (organisation_url or "").strip()
    if not base:
        return ("ClaimReview needs the web page the reviews are published on, and this "
                "workspace has none. An admin sets it with: factcheck setting WORKSPACE "
                "organisation_url https://… (the address where the HTML report is published; "
                "each review links to it with #claim-<statement id>)")
    if not base.lower().startswith(("http://", "https://")):
        return (f"ClaimReview needs a web address to link to, and the workspace's "
                f"organisation_url {base!r} is not one (it must start with https://)")
    return None


def review_url(statement_id: str, organisation_url: str) -> str:
    """Where the review lives: the page at the organisation URL (where the HTML report is
    published) at the statement's anchor, the same anchor the HTML report gives it."""
    return f"{organisation_url.strip().split('#')[0]}#claim-{statement_id}"


def claim_review(s: StatementView, *, organisation: str, organisation_url: str,
                 best_rating: int, worst_rating: int) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    if s.rating is not None:
        rating["ratingValue"] = s.rating
    rating.update(bestRating=best_rating, worstRating=worst_rating, alternateName=s.verdict_label)

    claim: dict[str, Any] = {"@type": "Claim"}
    if s.speaker:
        author: dict[str, Any] = {"@type": "Person" if s.speaker.kind == "person" else "Organization",
                                  "name": s.speaker.name}
        if s.speaker.kind == "person" and s.speaker.title:
            author["jobTitle"] = s.speaker.title
        elif s.speaker.description:
            author["description"] = s.speaker.description
        claim["author"] = author
    claim["datePublished"] = s.stated_on
    source = s.source_record or {}
    if source:
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        if source.get("url"):
            appearance["url"] = source["url"]
        if source.get("title"):
            appearance["headline"] = source["title"]
        if source.get("outlet"):
            appearance["publisher"] = {"@type": "Organization", "name": source["outlet"]}
        if source.get("published_on"):
            appearance["datePublished"] = source["published_on"]
        claim["appearance"] = appearance
    if s.original_text and s.original_text != s.quote:
        claim["text"] = s.original_text

    publisher: dict[str, Any] = {"@type": "Organization", "name": organisation}
    if organisation_url:
        publisher["url"] = organisation_url
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": review_url(s.id, organisation_url),
        "claimReviewed": s.quote,
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": publisher,
        "datePublished": (s.approved_at or "")[:10],
    }
    if s.rationale:
        review["reviewBody"] = s.rationale
    return review


def claim_reviews(statements: Iterable[StatementView], *, organisation: str,
                  organisation_url: str, best_rating: int, worst_rating: int) -> list[dict]:
    """One ClaimReview per publishable statement; refused (why_unpublishable's text)
    when the organisation URL gives them no page to point to."""
    problem = why_unpublishable(organisation_url)
    if problem:
        raise InvalidInput(problem)
    return [claim_review(s, organisation=organisation, organisation_url=organisation_url,
                         best_rating=best_rating, worst_rating=worst_rating)
            for s in statements if publishable(s)]


def to_jsonld(reviews: list[dict]) -> str:
    """The .jsonld file: a JSON array, one ClaimReview object per approved statement."""
    return json.dumps(reviews, ensure_ascii=False, indent=2)


def for_script_tag(reviews: list[dict]) -> str:
    """JSON for inside <script type="application/ld+json">: no character of user text can
    end the element or open a comment, because < > & are written as JSON escapes (and the
    JavaScript line separators too). json.loads reads it back unchanged."""
    text = json.dumps(reviews, ensure_ascii=False, indent=1)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
