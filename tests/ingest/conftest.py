"""Shared helpers for the ingest tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_app.ingest import ExtractedArticle, extract_article

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
ARTICLES = SAMPLES / "articles"


def quotes_of(text: str, **kw) -> dict[str, str | None]:
    """quote -> speaker for a snippet."""
    return {c.quote: c.speaker for c in extract_article(text, **kw).candidates}


@pytest.fixture(scope="session")
def seed() -> ExtractedArticle:
    return extract_article((SAMPLES / "seed-article.txt").read_bytes(), filename="seed-article.txt")
