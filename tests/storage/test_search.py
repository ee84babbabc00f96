"""Full-text search: whatever a user types is safe, and large result sets stay ordered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from factcheck_app.domain.filters import StatementFilter
from factcheck_app.domain.ids import new_id
from factcheck_app.services import queries, statements
from factcheck_app.services.demo import build_demo
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage import records, statement_queries
from factcheck_app.storage.statement_queries import RANK_LIMIT, fts_query

NASTY = ['"', '""', '"unclosed', 'a"b', "(", ")", "foo)", "(brothers", "AND", "OR", "NOT",
         "NEAR", "NEAR(a b)", "NEAR/3", "*", "a*", "**", "brothers*", "x AND y", "brothers OR",
         "OR brothers", "-", "-brothers", "^", "^brothers", ":", "quote:x", "col:", "{a b}",
         "'", "\\", "'s", "a\x00b", "brothers \"", "+", "[", "]", "%", "_", "é",
         "bridges AND NOT mines", "(bridges OR mines) AND", "\"bridges\" \"", "😀", ";--",
         "'; DROP TABLE statements; --"]


@pytest.fixture(scope="module")
def shared_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """One demo workspace for the read-only tests below (building 40 would be slow)."""
    ws = build_demo(tmp_path_factory.mktemp("search") / "demo.factcheck")
    yield ws
    ws.close()


@pytest.mark.parametrize("text", NASTY)
def test_user_text_never_breaks_the_query(shared_demo: Workspace, text: str) -> None:
    demo_ws = shared_demo
    found = queries.search_all(demo_ws, text)
    assert set(found) == {"statements", "evidence", "sources"}
    for sort in ("relevance", "stated"):
        f = StatementFilter(text=text, sort=sort)
        total = queries.count_statements(demo_ws, f)
        assert len(queries.statement_page(demo_ws, f, limit=100)) == total
    assert demo_ws.store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 12


@pytest.mark.parametrize(("text", "query"), [
    ("bridges", '"bridges"*'),
    ("blown up bridges", '"blown" "up" "bridges"*'),
    ('"blown up" bridges', '"blown up" "bridges"*'),
    ('"blown up"', '"blown up"'),
    ("NEAR(a b)", '"NEAR" "a" "b"'),
    ("x AND y", '"x" "AND" "y"'),
    ("a", '"a"'),  # a single letter is not a useful prefix
    ("*", ""),
    ("()", ""),
])
def test_fts_query_quotes_every_word(text: str, query: str) -> None:
    assert fts_query(text) == query


def test_operators_are_searched_as_words(demo_ws: Workspace) -> None:
    """'OR' must not widen the search into "brothers OR bridges": every word must match."""
    for word in ("brothers", "bridges"):
        assert queries.list_statements(demo_ws, StatementFilter(text=word))
    assert queries.list_statements(demo_ws, StatementFilter(text="brothers OR bridges")) == []
    assert queries.list_statements(demo_ws, StatementFilter(text="bridges NOT mines")) == []


def test_quoted_phrase_matches_only_the_phrase(demo_ws: Workspace) -> None:
    words = queries.list_statements(demo_ws, StatementFilter(text="support brothers"))
    phrase = queries.list_statements(demo_ws, StatementFilter(text='"our brothers"'))
    assert [r["quote"] for r in phrase] == [
        "We support and will continue to support our brothers,"]
    assert len(words) >= len(phrase)
    assert queries.list_statements(demo_ws, StatementFilter(text='"brothers our"')) == []


def test_search_finds_statements_by_their_speakers_aliases(demo_ws: Workspace) -> None:
    rows = queries.list_statements(demo_ws, StatementFilter(text="Peskov"))
    assert [r["speaker_name"] for r in rows] == ["Dmitri Peskov"]


def test_prefix_search_as_you_type(demo_ws: Workspace) -> None:
    rows = queries.list_statements(demo_ws, StatementFilter(text="bridg"))
    assert [r["quote"][:25] for r in rows] == ["Almost all the bridges ha"]


def _bulk_statements(ws: Workspace, n: int) -> None:
    """n statements mentioning 'budget', stated on n different days, in one transaction."""
    start = date(2015, 1, 1)
    rows = []
    for i in range(n):
        day = (start + timedelta(days=i)).isoformat()
        rows.append({"id": new_id(), "quote": f"The budget will balance, promise {i}",
                     "stated_on": day, "stated_precision": "day", "stated_sort": day,
                     "kind": "promise", "tags": "[]", "verdict": "pending",
                     "review_state": "draft"})
    with ws.store.transaction() as db:
        records.insert_many(db, "statements", rows, actor=ws.actor)


def test_frequent_term_orders_by_date_instead_of_rank(ws: Workspace) -> None:
    n = RANK_LIMIT + 100
    _bulk_statements(ws, n)
    ws.sign_in("ana")
    # very relevant (budget four times) but the oldest of all
    relevant = statements.add_statement(
        ws, quote="Budget, budget, budget: the budget first", stated_on="2001-01-01").created

    f = StatementFilter(text="budget", sort="relevance")
    assert queries.count_statements(ws, f) == n + 1
    page = queries.statement_page(ws, f, offset=0, limit=20)
    stated = [r["stated_on"] for r in page]
    assert stated == sorted(stated, reverse=True)
    assert stated[0] == (date(2015, 1, 1) + timedelta(days=n - 1)).isoformat()
    ids = statement_queries.ids(ws.store.db, f, ws.today())
    assert len(ids) == n + 1 and ids[-1] == relevant  # oldest last, not ranked first
    nxt = queries.statement_page(ws, f, offset=20, limit=20)
    assert not {r["id"] for r in page} & {r["id"] for r in nxt}
    assert len(queries.search_all(ws, "budget")["statements"]) == 50


def test_rare_term_is_ranked_by_relevance(ws: Workspace) -> None:
    ws.sign_in("ana")
    statements.add_statement(ws, quote="A zebra crossing will be painted", stated_on="2023-05-01")
    best = statements.add_statement(ws, quote="Zebra, zebra, zebra: the zebra plan",
                                    stated_on="2020-01-01").created
    statements.add_statement(ws, quote="The zoo gets a zebra and a new lion enclosure with "
                                       "plenty of space for every other animal",
                             stated_on="2022-01-01")
    rows = queries.list_statements(ws, StatementFilter(text="zebra", sort="relevance"))
    assert len(rows) == 3
    assert rows[0]["id"] == best  # the oldest, but by far the most relevant
    by_date = queries.list_statements(ws, StatementFilter(text="zebra", sort="stated"))
    assert [r["stated_on"] for r in by_date] == ["2023-05-01", "2022-01-01", "2020-01-01"]


def test_an_unclosed_quote_still_searches_its_words():
    from factcheck_app.storage.statement_queries import fts_query

    assert '"blown"' in fts_query('"blown up') and '"up"*' in fts_query('"blown up')
