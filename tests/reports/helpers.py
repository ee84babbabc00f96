"""Helpers for the report tests: read outputs back with real readers."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck_app.domain.filters import StatementFilter
from factcheck_app.services import speakers
from factcheck_app.services.queries import statement_ids
from factcheck_app.services.workspace import Workspace

XSS = "<script>alert(1)</script>"
# Text that tries to leave every context it is written into: HTML, a <script> element,
# an HTML comment, a CSS string, a spreadsheet formula, Markdown.
HOSTILE_QUOTE = f'=HYPERLINK("http://evil.example") {XSS} </script><!-- ]]> [x](javascript:1)'
EVIL_URL = 'https://evil.example/a?b="><script>alert(3)</script>'
HOSTILE_ORG = 'Evil "Org" </style><script>alert(2)</script>'


def statement_id(ws: Workspace, speaker: str) -> str:
    """The id of the (first) statement by a speaker, by name."""
    row = speakers.speaker_by_name(ws, speaker)
    return statement_ids(ws, StatementFilter(speaker_ids=(row["id"],)))[0]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, read back with poppler's pdftotext."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed; `make test` "
                    "installs it")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_info(path: Path) -> dict[str, str]:
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True,
                         text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}
