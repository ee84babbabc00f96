"""ingest layer: articles (plain text or saved HTML) to candidate statements."""
from __future__ import annotations

from .extract import Candidate, ExtractedArticle, extract_article

__all__ = ["Candidate", "ExtractedArticle", "extract_article"]
