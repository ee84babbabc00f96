"""The app re-imports its own ClaimReview export: `factcheck export --format claimreview`
then `factcheck import` into another workspace keeps each claim's words, speaker, date,
source, verdict and the reviewer's rationale."""

from __future__ import annotations

import json

from factcheck_app.cli import main
from factcheck_app.services import queries
from factcheck_app.services.workspace import Workspace


def test_own_claim_review_export_re_imports_without_losing_rationale_or_source(
        published_path, tmp_path, capsys):
    exported = tmp_path / "reviews.jsonld"
    assert main(["export", str(published_path), "--format", "claimreview",
                 "-o", str(exported)]) == 0
    reviews = json.loads(exported.read_text(encoding="utf-8"))
    assert len(reviews) == 3
    target = tmp_path / "other.factcheck"
    assert main(["init", str(target), "--as", "maya"]) == 0
    assert main(["import", str(target), str(exported), "--as", "maya"]) == 0
    capsys.readouterr()
    with Workspace.open(target, readonly=True, backup_on_open=False) as ws:
        imported = {s["quote"]: queries.get_statement(ws, s["id"])
                    for s in queries.list_statements(ws)}
        labels = {lv.key: lv.label for lv in ws.scale.levels}
    assert set(imported) == {r["claimReviewed"] for r in reviews}
    for review in reviews:
        s = imported[review["claimReviewed"]]
        claim = review["itemReviewed"]
        assert s["speaker"]["name"] == claim["author"]["name"]
        assert s["stated_on"] == claim["datePublished"]
        assert s["verdict_rationale"].startswith(review["reviewBody"])
        assert f"by {review['author']['name']}" in s["verdict_rationale"]
        assert review["url"] in s["verdict_rationale"]
        assert review["datePublished"] in s["verdict_rationale"]
        assert labels[s["verdict"]] == review["reviewRating"]["alternateName"]
        appearance = claim.get("appearance")
        if appearance:
            source = s["source"]
            assert source["title"] == appearance["headline"]
            assert source["url"] == appearance.get("url")
            assert source["outlet"] == appearance.get("publisher", {}).get("name")
            assert source["published_on"] == appearance.get("datePublished")
    makei = next(s for s in imported.values() if s["speaker"]["name"] == "Vladimir Makei")
    assert makei["verdict"] == "broken" and makei["source"] is not None
