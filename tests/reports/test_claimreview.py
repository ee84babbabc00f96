"""ClaimReview JSON-LD: one per approved, rated statement, with the schema.org fields."""

from __future__ import annotations

import json

from factcheck_app.services.reports import ExportRequest, render


def _reviews(ws, **options):
    return json.loads(render(ws, ExportRequest(format="claimreview", output="-", **options)))


def test_one_claim_review_per_approved_statement(demo):
    reviews = _reviews(demo)
    assert len(reviews) == 3  # Peskov, Makei (Broken), the medical kit (Unverifiable)
    by_author = {r["itemReviewed"]["author"]["name"]: r for r in reviews}
    makei = by_author["Vladimir Makei"]
    assert makei["@context"] == "https://schema.org"
    assert makei["@type"] == "ClaimReview"
    assert makei["claimReviewed"].startswith("Not a single soldier")
    assert makei["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                                     "worstRating": 1, "alternateName": "Broken"}
    claim = makei["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"]["@type"] == "Person"
    assert claim["datePublished"] == "2022-02"
    assert claim["appearance"]["headline"].startswith("Lukashenko promotes")
    assert makei["author"] == {"@type": "Organization", "name": "Factcheck team"}
    assert len(makei["datePublished"]) == 10
    assert makei["url"].startswith("urn:uuid:")
    assert "Kyiv" in makei["reviewBody"]
    kit = by_author["Aleksandr Lukashenko"]
    assert "ratingValue" not in kit["reviewRating"]  # Unverifiable has no place on the scale
    assert kit["reviewRating"]["alternateName"] == "Unverifiable"


def test_drafts_never_become_claim_reviews(demo):
    assert len(_reviews(demo, report="period", include_drafts=True)) == 3


def test_body_author_url_and_appearance(hostile):
    reviews = _reviews(hostile)
    mallory = next(r for r in reviews if r["itemReviewed"]["author"]["name"].startswith("-Mall"))
    assert mallory["itemReviewed"]["author"]["@type"] == "Organization"
    assert mallory["itemReviewed"]["appearance"]["url"].startswith("https://evil.example/")
    assert mallory["author"]["url"] == "https://checks.example.org/"
    assert mallory["url"].startswith("https://checks.example.org/#claim-")
