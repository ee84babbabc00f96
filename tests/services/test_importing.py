"""Imports: articles, CSV, JSON and ClaimReview — all or nothing, errors name row and field."""

from __future__ import annotations

import json

import pytest

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.resources import resource
from factcheck_app.services import articles, importing, queries
from factcheck_app.services.check import check_workspace
from tests.history_helpers import history_count


def _counts(ws):
    counts = {t: ws.store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("statements", "sources", "speakers", "evidence", "links")}
    return {**counts, "history": history_count(ws)}


def test_article_import_keeps_offsets_and_archived_copy(ws):
    ws.sign_in("ana")
    path = resource("samples", "seed-article.txt")
    changes = articles.import_article_file(ws, path)
    assert len(changes.statements) >= 10
    source = queries.get_statement(ws, next(iter(changes.statements)))["source"]
    assert source["title"] == "Lukashenko promotes the integration of Belarus with Russia"
    assert source["published_on"] == "2023-01-10"
    assert source["file_sha256"]
    text = ws.store.db.execute("SELECT full_text FROM sources WHERE id = ?", [source["id"]]).fetchone()[0]
    for statement_id in changes.statements:
        s = queries.get_statement(ws, statement_id)
        assert text[s["source_start"]:s["source_end"]] == s["quote"]
        assert s["review_state"] == "draft"
    speakers = {queries.get_statement(ws, i)["speaker"]["name"] for i in changes.statements}
    assert "Aleksandr Lukashenko" in speakers and "Vladimir Makei" in speakers
    assert check_workspace(ws) == []


def test_article_accept_refuses_an_edited_quote_not_in_the_text(ws):
    ws.sign_in("ana")
    article = articles.extract(ws, resource("samples", "seed-article.txt").read_bytes())
    c = article.candidates[0]
    before = _counts(ws)
    bad = articles.Proposal("words nobody said", c.speaker, c.stated_on, c.start, c.end)
    good = articles.Proposal(c.quote, c.speaker, c.stated_on, c.start, c.end)
    with pytest.raises(InvalidInput, match="quotation 2 does not occur"):
        articles.accept(ws, article, [good, bad], raw=b"x", file_name="a.txt")
    assert _counts(ws) == before


def test_duplicates_are_flagged(demo_ws):
    article = articles.extract(demo_ws, resource("samples", "seed-article.txt").read_bytes())
    found = articles.possible_duplicates(demo_ws, [c.quote for c in article.candidates])
    assert any("Not a single soldier" in q for q in found)


def test_csv_import_and_all_or_nothing(ws, tmp_path):
    ws.sign_in("ana")
    good = tmp_path / "good.csv"
    good.write_text("quote,speaker,stated_on,kind,check_by,verdict\n"
                    "We will build 100 schools,Jane Doe,2024-03-01,promise,within two years,\n"
                    "Taxes will not rise,John Roe,2024-05,promise,by the end of next year,\n",
                    encoding="utf-8")
    changes = importing.import_file(ws, good)
    assert "imported 2 statements" in changes.message
    rows = {r["quote"]: r for r in queries.list_statements(ws)}
    assert rows["We will build 100 schools"]["check_by"] == "2026-03-01"
    assert rows["Taxes will not rise"]["check_by"] == "2025-12-31"
    before = _counts(ws)
    bad = tmp_path / "bad.csv"
    bad.write_text("quote,speaker,stated_on\nFine,New Person,2024-01-01\nBroken,X,notadate\n",
                   encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"row 3, field 'stated_on'"):
        importing.import_file(ws, bad)
    assert _counts(ws) == before  # the good first row and its new speaker were rolled back


def test_csv_unknown_column_is_named(ws, tmp_path):
    ws.sign_in("ana")
    path = tmp_path / "x.csv"
    path.write_text("quote,stated_on,colour\nA,2024-01-01,red\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="unknown column 'colour'"):
        importing.import_file(ws, path)


def test_json_import_with_nested_evidence(ws, tmp_path):
    ws.sign_in("ana")
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"statements": [{
        "quote": "The plant will reopen in spring", "speaker": "Mayor Smith",
        "stated_on": "2024-01-15", "kind": "promise", "check_by": "this spring",
        "evidence": [{"summary": "Plant still shut in June", "occurred_on": "2024-06-02",
                      "stance": "contradicts"}]}]}), encoding="utf-8")
    importing.import_file(ws, path)
    (row,) = queries.list_statements(ws)
    s = queries.get_statement(ws, row["id"])
    assert s["check_by"] == "2024-05-31"
    assert [e["stance"] for e in s["evidence"]] == ["contradicts"]


def test_json_bad_evidence_names_it_and_changes_nothing(ws, tmp_path):
    ws.sign_in("ana")
    before = _counts(ws)
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"statements": [
        {"quote": "A", "stated_on": "2024-01-01",
         "evidence": [{"summary": "s", "stance": "maybe"}]}]}), encoding="utf-8")
    with pytest.raises(InvalidInput, match="row 1, evidence 1"):
        importing.import_file(ws, path)
    assert _counts(ws) == before


def test_claimreview_from_html_page(ws, tmp_path):
    ws.sign_in("ana")
    page = tmp_path / "review.html"
    review = {"@context": "https://schema.org", "@type": "ClaimReview",
              "url": "https://checker.example/reviews/1", "claimReviewed": "Crime fell by half",
              "datePublished": "2024-02-02",
              "author": {"@type": "Organization", "name": "Checker"},
              "itemReviewed": {"@type": "Claim", "datePublished": "2024-01-20",
                               "author": {"@type": "Person", "name": "Senator Vale"},
                               "appearance": [{"@type": "CreativeWork",
                                               "url": "https://news.example/a"}]},
              "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                               "worstRating": 1, "alternateName": "Broken"}}
    page.write_text("<html><head><script>alert('never run')</script>"
                    f"<script type=\"application/ld+json\">{json.dumps(review)}</script>"
                    "</head><body>x</body></html>", encoding="utf-8")
    importing.import_file(ws, page)
    (row,) = queries.list_statements(ws)
    s = queries.get_statement(ws, row["id"])
    assert s["quote"] == "Crime fell by half"
    assert s["speaker"]["name"] == "Senator Vale"
    assert s["stated_on"] == "2024-01-20"
    assert s["verdict"] == "broken"
    assert s["source"]["url"] == "https://news.example/a"


def test_claimreview_without_any_review_is_refused(ws, tmp_path):
    ws.sign_in("ana")
    path = tmp_path / "x.jsonld"
    path.write_text('{"@type": "NewsArticle"}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="no ClaimReview"):
        importing.import_file(ws, path)


class _Job:
    """What the window's worker hands a long task: progress out, cancel in."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[int] = []
        self.cancel_after = cancel_after

    @property
    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.reports) >= self.cancel_after

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.reports.append(done)


def _many_rows_csv(tmp_path, n=120):
    path = tmp_path / "many.csv"
    path.write_text("quote,stated_on\n" + "".join(f"Promise number {i},2024-01-01\n"
                                                   for i in range(n)), encoding="utf-8")
    return path


def test_import_reports_progress(ws, tmp_path):
    ws.sign_in("ana")
    job = _Job()
    importing.import_file(ws, _many_rows_csv(tmp_path), job=job)
    assert job.reports and job.reports == sorted(job.reports) and job.reports[-1] >= 100
    assert len(queries.list_statements(ws)) == 120


def test_cancelled_import_changes_nothing(ws, tmp_path):
    from factcheck_app.domain.errors import Cancelled

    ws.sign_in("ana")
    before = _counts(ws)
    with pytest.raises(Cancelled, match="nothing was imported"):
        importing.import_file(ws, _many_rows_csv(tmp_path), job=_Job(cancel_after=2))
    assert _counts(ws) == before
