"""ClaimReview JSON-LD: one per approved, rated statement, with the schema.org fields."""

from __future__ import annotations

import json

import pytest

from factcheck_app.cli import main
from factcheck_app.services.reports import ExportRequest, render

from .conftest import ORGANISATION_URL
from .helpers import statement_id


def _reviews(ws, **options):
    return json.loads(render(ws, ExportRequest(format="claimreview", output="-", **options)))


def test_one_claim_review_per_approved_statement(published):
    reviews = _reviews(published)
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
    assert makei["author"] == {"@type": "Organization", "name": "Factcheck team",
                               "url": ORGANISATION_URL}
    assert len(makei["datePublished"]) == 10
    makei_id = statement_id(published, "Vladimir Makei")
    assert makei["url"] == f"{ORGANISATION_URL}#claim-{makei_id}"
    assert "Kyiv" in makei["reviewBody"]
    kit = by_author["Aleksandr Lukashenko"]
    assert "ratingValue" not in kit["reviewRating"]  # Unverifiable has no place on the scale
    assert kit["reviewRating"]["alternateName"] == "Unverifiable"


def test_drafts_never_become_claim_reviews(published):
    assert len(_reviews(published, report="period", include_drafts=True)) == 3


@pytest.mark.parametrize("report", [None, "period"])
def test_without_a_web_address_the_export_says_why_and_writes_nothing(demo_path, tmp_path,
                                                                      capsys, report):
    out = tmp_path / "reviews.jsonld"
    args = ["export", str(demo_path), "--format", "claimreview", "-o", str(out)]
    assert main(args + (["--report", report] if report else [])) == 2
    error = capsys.readouterr().err
    assert "ClaimReview needs the web page the reviews are published on" in error
    assert "organisation_url" in error
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_the_html_report_embeds_claim_reviews_only_with_a_web_address(demo, published):
    with_url = render(published, ExportRequest(format="html", output="-", report="period"))
    without = render(demo, ExportRequest(format="html", output="-", report="period"))
    assert b"application/ld+json" in with_url and f"{ORGANISATION_URL}#claim-".encode() in with_url
    assert b"application/ld+json" not in without and b"urn:uuid" not in without


def test_body_author_url_and_appearance(hostile):
    reviews = _reviews(hostile)
    mallory = next(r for r in reviews if r["itemReviewed"]["author"]["name"].startswith("-Mall"))
    assert mallory["itemReviewed"]["author"]["@type"] == "Organization"
    assert mallory["itemReviewed"]["appearance"]["url"].startswith("https://evil.example/")
    assert mallory["author"]["url"] == "https://checks.example.org/"
    assert mallory["url"].startswith("https://checks.example.org/#claim-")
