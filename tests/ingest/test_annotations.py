"""The annotated sample articles are well-formed: every quote, speaker mention and
deadline phrase is in the text, and every split is one the quality benchmark reports."""
from __future__ import annotations

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck_app.ingest.evaluation import sample_articles

from .conftest import ARTICLES

KINDS = {"promise", "prediction", "denial", "threat", "assertion", "opinion"}
STATED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ARTICLES_WITH_TEXT = [(name, txt, ann) for name, txt, _html, ann in sample_articles(ARTICLES)
                      if txt is not None]
ARTICLES_WITH_HTML = [(name, html, ann) for name, _txt, html, ann in sample_articles(ARTICLES)
                      if html is not None]


class _PageText(HTMLParser):
    """The characters a reader sees on a page (scripts and styles left out); the standard
    library's parser, so this check does not lean on the extractor it is there to score."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _flat(s: str) -> str:
    return " ".join(s.split())


def _benchmark_splits() -> tuple[str, ...]:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction_quality.py"
    spec = importlib.util.spec_from_file_location("extraction_quality", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SPLITS


def test_every_split_is_reported_by_the_benchmark():
    used = {ann.get("split", "dev") for _name, _txt, ann in ARTICLES_WITH_TEXT}
    assert {"heldout3", "heldout4"} <= used
    assert used <= set(_benchmark_splits())


@pytest.mark.parametrize("name,txt,ann", ARTICLES_WITH_TEXT, ids=[a[0] for a in ARTICLES_WITH_TEXT])
def test_annotations_point_into_the_text(name, txt, ann):
    text = txt.read_text(encoding="utf-8")
    at = 0
    for q in ann["quotes"]:
        found = text.find(q["text"], at)
        assert found >= 0, f"{name}: quote not in the text, or out of order: {q['text'][:60]!r}"
        at = found + len(q["text"])
        assert q["speaker"] and q["speaker_mention"] in text, (name, q["speaker_mention"])
        if "kind" in q:
            assert q["kind"] in KINDS, (name, q["kind"])
            assert STATED.fullmatch(q["stated_on"]), (name, q["stated_on"])
            phrase, due = q["check_by_phrase"], q["check_by"]
            assert phrase is None or phrase in q["text"], (name, phrase)
            assert due is None or (phrase and DAY.fullmatch(due)), (name, phrase, due)
    for o in ann.get("optional_quotes", []):
        assert o["text"] in text and o["reason"], (name, o["text"])


@pytest.mark.parametrize("name,html,ann", ARTICLES_WITH_HTML, ids=[a[0] for a in ARTICLES_WITH_HTML])
def test_annotations_point_into_the_page(name, html, ann):
    """An article scored on its HTML page too: its headline, quotes and speaker mentions
    are all text a reader sees on that page."""
    parser = _PageText()
    parser.feed(html.read_text(encoding="utf-8", errors="replace"))
    page = _flat("".join(parser.parts))
    assert ann["title"] and _flat(ann["title"]) in page, name
    for q in ann["quotes"]:
        assert _flat(q["text"]) in page, (name, q["text"][:60])
        assert _flat(q["speaker_mention"]) in page, (name, q["speaker_mention"])
    assert ann.get("published") is None or DAY.fullmatch(ann["published"]), name
