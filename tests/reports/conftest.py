"""Workspaces for the report tests: the sample one, and one with hostile text approved."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from factcheck_app.services import evidence as ev  # noqa: E402
from factcheck_app.services import review, sources, speakers, statements, users  # noqa: E402
from factcheck_app.services.demo import build_demo  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402

from .helpers import EVIL_URL, HOSTILE_ORG, HOSTILE_QUOTE, XSS  # noqa: E402


@contextlib.contextmanager
def _demo(tmp_path_factory, name: str, **settings: str) -> Iterator[tuple[Path, Workspace]]:
    """A fresh sample workspace with these settings (set by the admin), closed after."""
    path = tmp_path_factory.mktemp(name) / f"{name}.factcheck"
    ws = build_demo(path)
    try:
        ws.sign_in("maya")
        for key, value in settings.items():
            users.set_setting(ws, key=key, value=value)
        yield path, ws
    finally:
        ws.close()


def _read_only(path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(path, readonly=True, backup_on_open=False)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "d.factcheck"
    build_demo(path).close()
    return path


@pytest.fixture()
def demo(demo_path) -> Iterator[Workspace]:
    yield from _read_only(demo_path)


ORGANISATION_URL = "https://checks.example.org/reports/"


@pytest.fixture(scope="session")
def published_path(tmp_path_factory) -> Path:
    """The sample workspace with the web address its reports are published at."""
    with _demo(tmp_path_factory, "published", organisation_url=ORGANISATION_URL) as (path, _):
        return path


@pytest.fixture()
def published(published_path) -> Iterator[Workspace]:
    yield from _read_only(published_path)


@pytest.fixture(scope="session")
def hostile_path(tmp_path_factory) -> Path:
    """The sample workspace plus one approved statement full of hostile text."""
    with _demo(tmp_path_factory, "hostile", organisation=HOSTILE_ORG,
               organisation_url="https://checks.example.org/") as (path, ws):
        ws.sign_in("ana")
        speaker = speakers.add_speaker(ws, name="-Mallory <b>bold</b>", kind="body").created
        source = sources.add_source(ws, title=f"Source {XSS}", outlet="@outlet",
                                    url=EVIL_URL, published_on="2023-03-01").created
        sid = statements.add_statement(
            ws, quote=HOSTILE_QUOTE, speaker_id=speaker, stated_on="2023-03-01",
            kind="promise", expectation="+SUM(A1:A9)", check_by="2023-06-30",
            tags="x", source_id=source).created
        evidence = ev.add_evidence(ws, summary=f"Evidence {XSS}", occurred_on="2023-07-01",
                                   title="-minus", url=EVIL_URL).created
        ev.link(ws, statement_id=sid, evidence_id=evidence, stance="context", note=XSS)
        statements.set_verdict(ws, statement_id=sid, verdict="unverifiable",
                               rationale=f"@rationale {XSS}", confidence=0.5)
        review.submit(ws, statement_id=sid)
        ws.sign_in("rob")
        review.approve(ws, statement_id=sid)
    return path


@pytest.fixture()
def hostile(hostile_path) -> Iterator[Workspace]:
    yield from _read_only(hostile_path)
