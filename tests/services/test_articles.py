"""Article import as a use case: one source per file, proposals per quote, size limits."""

from __future__ import annotations

import pytest

from factcheck_app.cli import main
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.ingest.extract import MAX_INPUT_BYTES
from factcheck_app.resources import resource
from factcheck_app.services import articles, undo
from factcheck_app.services.workspace import Workspace
from tests.conftest import TEST_PASSPHRASE


def _count(ws: Workspace, table: str) -> int:
    return ws.store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_importing_the_same_file_twice_reuses_its_source(ws):
    ws.sign_in("ana")
    path = resource("samples", "seed-article.txt")
    first = articles.import_article_file(ws, path)
    second = articles.import_article_file(ws, path)
    assert _count(ws, "sources") == 1
    assert second.created == first.created
    assert "already in the workspace" in second.message
    ids = ws.store.db.execute("SELECT DISTINCT source_id FROM statements").fetchall()
    assert ids == [(first.created,)]


def test_pasted_text_equal_to_an_imported_one_reuses_the_source(ws):
    ws.sign_in("ana")
    text = '"We will reopen the bridge by June," Mayor Anna Lee said on Monday.'
    raw = text.encode("utf-8")
    for _ in range(2):
        article = articles.extract(ws, raw, filename="pasted-article.txt")
        c = article.candidates[0]
        articles.accept(ws, article, [articles.Proposal(c.quote, c.speaker, "2024-03-04",
                                                        c.start, c.end)],
                        raw=raw, file_name="pasted-article.txt")
    assert _count(ws, "sources") == 1
    assert _count(ws, "statements") == 2


def test_undoing_an_import_onto_a_reused_source_keeps_the_source(ws):
    ws.sign_in("ana")
    raw = b'"We will reopen the bridge by June," Mayor Anna Lee said on Monday.'
    first = articles.extract(ws, raw, filename="a.txt")
    c = first.candidates[0]
    proposal = [articles.Proposal(c.quote, c.speaker, "2024-03-04", c.start, c.end)]
    articles.accept(ws, first, proposal, raw=raw, file_name="a.txt")
    again = articles.accept(ws, first, proposal, raw=raw, file_name="a.txt")
    undo.apply(ws, again.undo)
    assert _count(ws, "sources") == 1
    assert _count(ws, "statements") == 1


def test_undoing_a_multi_quote_import_onto_a_reused_source_keeps_it_and_the_first_import(ws):
    ws.sign_in("ana")
    raw = ('"We will reopen the bridge by June," Mayor Anna Lee said on Monday. '
           '"The tolls will go," she added.').encode("utf-8")
    article = articles.extract(ws, raw, filename="a.txt")
    proposals = [articles.Proposal(c.quote, c.speaker, "2024-03-04", c.start, c.end)
                 for c in article.candidates]
    assert len(proposals) == 2
    first = articles.accept(ws, article, proposals, raw=raw, file_name="a.txt")
    again = articles.accept(ws, article, proposals, raw=raw, file_name="a.txt")
    assert _count(ws, "statements") == 4
    undone = undo.apply(ws, again.undo)
    assert _count(ws, "sources") == 1
    assert "2 imported statements" in undone.message
    kept = {r[0] for r in ws.store.db.execute("SELECT id FROM statements")}
    assert kept == set(first.statements)
    # undoing the first import, which made the source, still removes it with its statements
    undo.apply(ws, first.undo)
    assert _count(ws, "sources") == 0 and _count(ws, "statements") == 0


def test_cli_import_article_twice_makes_one_source(ws, capsys):
    path = resource("samples", "seed-article.txt")
    ws_path = ws.store.target
    ws.close()
    for _ in range(2):
        assert main(["import-article", str(ws_path), str(path), "--as", "ana"]) == 0
    out = capsys.readouterr().out
    assert "already in the workspace" in out
    reopened = Workspace.open(ws_path, passphrase=TEST_PASSPHRASE)  # a team login's password
    try:
        assert _count(reopened, "sources") == 1
    finally:
        reopened.close()


def test_an_input_over_the_limit_is_refused_with_a_message(ws, tmp_path, capsys):
    with pytest.raises(InvalidInput, match="over the 16 MB that article import takes"):
        articles.extract(None, b"x" * (MAX_INPUT_BYTES + 1), filename="dump.txt")
    big = tmp_path / "dump.txt"
    big.write_bytes(b"word " * (MAX_INPUT_BYTES // 5 + 1))
    assert main(["extract", str(big)]) == 2
    err = capsys.readouterr().err
    assert "MB" in err and "unexpected" not in err.lower()
