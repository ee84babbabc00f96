"""A few seconds of benchmarks/team_load.py: concurrent analysts lose no update and
meet no raw error (the timings are the benchmark's business, not a test's)."""

from __future__ import annotations

import psycopg

from benchmarks.team_load import lost_updates, run_load


def test_concurrent_analysts_lose_nothing(pg_server) -> None:
    result = run_load(pg_server, analysts=5, seconds=2.5, dbname="loadsmoke")
    tally = result["tally"]
    assert len(tally.edits) > 5 and sum(tally.commits.values()) > 15  # it really ran
    assert result["lost"] == 0
    assert dict(tally.raw_errors) == {}
    assert result["chain"] is None


def test_the_check_would_see_a_lost_update(pg_server) -> None:
    """Guard against a check that cannot fail: an acknowledged edit the history lacks."""
    result = run_load(pg_server, analysts=2, seconds=1, dbname="loadcheck")
    tally = result["tally"]
    statement_id, _seen, token = tally.edits[0]
    tally.edits.append((statement_id, "what nobody saw", "overwritten unseen"))
    with psycopg.connect(pg_server.url(dbname="loadcheck")) as conn:
        assert lost_updates(conn, tally) == 1
