"""HTML pages (title, outlet, date, body) and the public API's input handling."""
from __future__ import annotations

import json

import pytest

from factcheck_app.ingest import Candidate, ExtractedArticle, extract_article

from .conftest import ARTICLES

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Council approves bridge | Riverside Gazette</title>
<meta property="og:title" content="Council approves bridge plan">
<meta property="og:site_name" content="Riverside Gazette">
<meta property="article:published_time" content="2023-01-10T21:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Council approves new bridge plan after long debate</h1>
<p>The city council voted 7-2 on Tuesday to approve a new pedestrian bridge over the river,
ending a debate that had lasted more than two years.</p>
<p>"This bridge will connect two neighbourhoods that have been cut off for decades," Mayor
Alice Brandt said after the vote.</p>
<p>Councillor Mark Devlin, who voted against the plan, said the cost was too high. "We are
spending money we simply do not have," he said on Monday during a debate.</p>
<p>Brandt said in October that the bridge would be "the most important project of my term."</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/x">Mayor says "we will fix the potholes this year"</a>
</li></ul></aside>
<footer>© 2023 Riverside Gazette. All rights reserved.</footer>
</body></html>"""


def test_html_page_title_outlet_date_and_quotes():
    art = extract_article(PAGE.encode("utf-8"))            # detected as HTML by its content
    assert art.title == "Council approves new bridge plan after long debate"   # visible <h1>
    assert art.outlet == "Riverside Gazette"
    assert art.published == "2023-01-10"
    assert art.language == "en"
    assert "Home" not in art.text and "potholes" not in art.text and "©" not in art.text
    got = [(c.speaker, c.stated_on, c.stated_precision) for c in art.candidates]
    assert got == [("Alice Brandt", "2023-01-10", "day"), ("Mark Devlin", "2023-01-09", "day"),
                   ("Alice Brandt", "2022-10", "month")]
    for c in art.candidates:
        assert art.text[c.start:c.end] == c.quote


@pytest.mark.parametrize("name, title, published", [
    # the visible headline differs from og:title; the date is only in a "Published ..." line
    ("usatoday-epstein-guards-charged", "Two federal prison officers charged with falsifying "
     "records in connection with Jeffrey Epstein's suicide", "2019-11-19"),
    # htmldate alone picks the URL's 2019/11/20 here
    ("detroitnews-indiana-teachers-rally", "Thousands of teachers pack Indiana Statehouse for "
     "protest", "2019-11-19"),
    # the date comes from <time datetime>
    ("nbcnews-msn-migrant-flu-shots", "Doctors offer to give free flu shots to detained migrants, "
     "warn of epidemic", "2019-11-19"),
    ("ap-sondland-testimony-preview", "Unpredictable Sondland faces questions about Trump, "
     "Ukraine", "2019-11-20"),
])
def test_sample_pages_title_and_date(name, title, published):
    art = extract_article((ARTICLES / f"{name}.html").read_bytes(), filename=f"{name}.html")
    assert (art.title, art.published) == (title, published)
    assert not art.text.startswith(title)


def test_hover_cards_inside_paragraphs_are_dropped():
    art = extract_article((ARTICLES / "thehill-omar-threat-plea.html").read_bytes())
    first = art.text.split("\n")[0]
    assert "Rep. Ilhan Omar (D-Minn.)" in first and "Hillicon Valley" not in first


def test_to_json_shape():
    art = extract_article('"We did nothing wrong at all," Tom Hale said.')
    data = art.to_json()
    assert set(data) == {"title", "outlet", "published", "language", "statements"}
    assert data["statements"] == [{
        "quote": "We did nothing wrong at all,", "speaker": "Tom Hale", "stated_on": None,
        "stated_precision": "day", "stated_how": "publication", "kind": "denial",
        "checkable": True, "check_by_phrase": None, "check_by": None, "check_by_vague": False,
        "check_by_note": "", "start": 1, "end": 29, "context": art.text}]
    json.dumps(data)


def test_results_are_frozen_dataclasses():
    art = extract_article('"We did nothing wrong at all," Tom Hale said.')
    assert isinstance(art, ExtractedArticle) and isinstance(art.candidates[0], Candidate)
    with pytest.raises(AttributeError):
        art.title = "x"                                            # type: ignore[misc]


@pytest.mark.parametrize("data", [b"", "   \n\t ", b"\x00\x01\x02binary\x00" * 10,
                                  "<html><body></body></html>"])
def test_empty_or_undecodable_input_raises_value_error(data):
    with pytest.raises(ValueError):
        extract_article(data)


def test_bytes_in_legacy_encodings_and_filename_suffix():
    text = 'Café owner Ana Ruiz said: "We will reopen next week after the flood."'
    art = extract_article(text.encode("cp1252"), filename="note.txt")
    assert art.text == text
    assert [c.speaker for c in art.candidates] == ["Ana Ruiz"]
    assert extract_article(text.encode("utf-16")).text == text
    # a .txt file is read as text even if it mentions tags
    art = extract_article("Use <p> and <div> tags. <html> is fine too.", filename="a.txt")
    assert "<div>" in art.text
