"""The server refuses what the rules forbid, whatever the client: each test logs in as a
team member with a bare SQL client (a modified Factcheck) and tries."""

from __future__ import annotations

import psycopg
import pytest

from . import raw


def test_an_analyst_cannot_approve_even_with_raw_sql(team) -> None:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana)
        raw.update(ana, "statements", sid, review_state="in_review")
        with pytest.raises(psycopg.Error) as error:
            raw.update(ana, "statements", sid, review_state="approved")
        assert error.value.sqlstate == "FCP01"
        assert "only a reviewer or admin may approve" in str(error.value)
        assert raw.statement(ana, sid)["review_state"] == "in_review"


def test_a_reviewer_cannot_approve_their_own_work(team) -> None:
    with team.connect("rob") as rob:
        sid = raw.add_statement(rob)
        raw.update(rob, "statements", sid, review_state="in_review")
        with pytest.raises(psycopg.Error) as error:
            raw.update(rob, "statements", sid, review_state="approved")
        assert error.value.sqlstate == "FCR01"
        assert "four-eyes" in str(error.value)
        assert raw.statement(rob, sid)["approved_by"] is None


def test_approval_fields_cannot_be_written_by_a_client(team) -> None:
    rob_id = team.user_id("rob")
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana)
        for fields in ({"approved_by": rob_id}, {"approved_hash": "0" * 64},
                       {"approved_at": "2024-01-01T00:00:00+00:00"},
                       {"review_state": "approved", "approved_by": rob_id}):
            with pytest.raises(psycopg.Error) as error:
                raw.update(ana, "statements", sid, **fields)
            assert error.value.sqlstate in ("FCP01", "FCR01"), fields
        with pytest.raises(psycopg.Error):  # nor born approved
            raw.add_statement(ana, review_state="approved", approved_by=rob_id)
        with pytest.raises(psycopg.Error):  # nor pass the last edit to someone else
            raw.update(ana, "statements", sid, last_editor_id=rob_id)
        assert raw.statement(ana, sid)["approved_by"] is None


def test_a_reviewer_approves_someone_elses_work_and_the_server_signs_it(team) -> None:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana)
        raw.update(ana, "statements", sid, review_state="in_review")
    with team.connect("rob") as rob:
        raw.update(rob, "statements", sid, review_state="approved")
        row = raw.statement(rob, sid)
        assert row["review_state"] == "approved"
        assert row["approved_by"] == team.user_id("rob")
        assert len(row["approved_hash"]) == 64
        assert row["approved_hash"] == rob.execute(
            "SELECT factcheck.fc_content_hash(s) FROM factcheck.statements s WHERE id = %s",
            [sid]).fetchone()[0]
        change = raw.last_change_set(rob)
        assert (change["user_name"], change["action"]) == ("rob", "workflow")


def test_held_needs_supporting_evidence_before_approval(team) -> None:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana, verdict="held")
        raw.update(ana, "statements", sid, review_state="in_review")
    with team.connect("rob") as rob:
        with pytest.raises(psycopg.Error) as error:
            raw.update(rob, "statements", sid, review_state="approved")
        assert "held verdict needs at least one linked piece of evidence that supports" in str(
            error.value)
    with team.connect("ana") as ana:
        raw.add_evidence(ana, sid, "contradicts")  # the wrong stance does not help
    with team.connect("rob") as rob:
        with pytest.raises(psycopg.Error):
            raw.update(rob, "statements", sid, review_state="approved")
    with team.connect("ana") as ana:
        raw.add_evidence(ana, sid, "supports", summary="Bridge opened in December")
    with team.connect("rob") as rob:
        raw.update(rob, "statements", sid, review_state="approved")
        assert raw.statement(rob, sid)["review_state"] == "approved"


def test_broken_needs_contradicting_evidence(team) -> None:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana, verdict="broken")
        raw.add_evidence(ana, sid, "supports")
        raw.update(ana, "statements", sid, review_state="in_review")
    with team.connect("rob") as rob, pytest.raises(psycopg.Error) as error:
        raw.update(rob, "statements", sid, review_state="approved")
    assert "contradicts" in str(error.value)


def _approved(team) -> str:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana, verdict="broken")
        raw.add_evidence(ana, sid, "contradicts")
        raw.update(ana, "statements", sid, review_state="in_review")
    with team.connect("rob") as rob:
        raw.update(rob, "statements", sid, review_state="approved")
    return sid


def test_an_approved_statement_edited_goes_back_to_draft(team) -> None:
    sid = _approved(team)
    with team.connect("ana") as ana:
        raw.update(ana, "statements", sid, verdict_rationale="Closed in 2024 as well")
        row = raw.statement(ana, sid)
    assert row["review_state"] == "draft"
    assert (row["approved_by"], row["approved_hash"], row["approved_at"]) == (None, None, None)
    assert row["last_editor_id"] == team.user_id("ana")


def test_editing_linked_evidence_withdraws_the_approval(team) -> None:
    sid = _approved(team)
    with team.connect("ana") as ana:
        evidence_id = ana.execute("SELECT evidence_id FROM factcheck.links WHERE statement_id = %s",
                                  [sid]).fetchone()[0]
        ana.rollback()
        raw.update(ana, "evidence", evidence_id, summary="Bridge opened after all")
        assert raw.statement(ana, sid)["review_state"] == "draft"


def test_unlinking_the_evidence_withdraws_the_approval(team) -> None:
    sid = _approved(team)
    with team.connect("rita") as rita:
        with rita.transaction():
            rita.execute("DELETE FROM factcheck.links WHERE statement_id = %s", [sid])
        row = raw.statement(rita, sid)
    assert row["review_state"] == "draft"
    assert row["last_editor_id"] == team.user_id("rita")  # unlinking is an edit


def test_nobody_can_update_or_delete_the_history(team) -> None:
    with team.connect("ana") as ana:
        raw.add_statement(ana)
        for sql in ("UPDATE factcheck.change_sets SET user_name = 'rob'",
                    "DELETE FROM factcheck.change_sets",
                    "TRUNCATE factcheck.change_sets",
                    "INSERT INTO factcheck.change_sets SELECT * FROM factcheck.change_sets LIMIT 1"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                ana.execute(sql)
            ana.rollback()
    # Not even the server's superuser, through the history's own triggers.
    with team.connect() as owner:
        for sql in ("UPDATE factcheck.change_sets SET user_name = 'rob'",
                    "DELETE FROM factcheck.change_sets", "TRUNCATE factcheck.change_sets"):
            with pytest.raises(psycopg.Error) as error:
                owner.execute(sql)
            assert "append-only" in str(error.value)
            owner.rollback()


def test_history_names_the_login_one_change_set_per_transaction(team) -> None:
    rob_id = team.user_id("rob")
    with team.connect("ana") as ana:
        with ana.transaction():
            ana.execute("SET LOCAL factcheck.reason = 'from the morning briefing'")
            for n in range(3):
                ana.execute("INSERT INTO factcheck.statements (id, quote, created_by, updated_by) "
                            "VALUES (%s, %s, %s, %s)", [f"s{n}", f"Quote {n}", rob_id, rob_id])
        change = raw.last_change_set(ana)
        row = raw.statement(ana, "s1")
    assert change["user_name"] == "ana"
    assert change["user_id"] == team.user_id("ana")
    assert change["reason"] == "from the morning briefing"
    assert [c["id"] for c in change["changes"]] == ["s0", "s1", "s2"]
    assert change["changes"][0]["fields"]["quote"] == "Quote 0"
    # the client's claim to be rob is overruled
    assert row["created_by"] == row["updated_by"] == team.user_id("ana")


def test_set_role_does_not_change_who_acts(team) -> None:
    with team.connect("ana") as ana:
        prefix = ana.execute("SELECT value FROM factcheck.team_meta WHERE id = 'role_prefix'"
                             ).fetchone()[0]
        ana.execute(f"SET ROLE {prefix}_analyst")
        ana.commit()  # SET ROLE outlives the transaction
        raw.add_statement(ana)
        assert raw.last_change_set(ana)["user_name"] == "ana"
        with pytest.raises(psycopg.Error):
            ana.execute(f"SET ROLE {prefix}_reviewer")


def test_the_import_switch_is_only_an_admins(team) -> None:
    rob_id = team.user_id("rob")
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana)
        with pytest.raises(psycopg.Error):
            raw.approve_in_import_mode(ana, sid, rob_id)
        assert raw.statement(ana, sid)["review_state"] == "draft"


def test_only_admins_change_settings_and_four_eyes_is_read_from_them(team) -> None:
    with team.connect("rob") as rob:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.update(rob, "settings", "four_eyes", value="false")
        sid = raw.add_statement(rob)
        raw.update(rob, "statements", sid, review_state="in_review")
    with team.connect("boss") as boss:
        raw.update(boss, "settings", "four_eyes", value="false")
    with team.connect("rob") as rob:  # a one-person team may approve its own work
        raw.update(rob, "statements", sid, review_state="approved")
        assert raw.statement(rob, sid)["approved_by"] == team.user_id("rob")


def test_only_the_author_edits_a_comment(team) -> None:
    ana_id, rob_id = team.user_id("ana"), team.user_id("rob")
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana)
        with ana.transaction():
            ana.execute("INSERT INTO factcheck.comments (id, statement_id, user_id, body) "
                        "VALUES ('c1', %s, %s, 'Photo by our stringer')", [sid, ana_id])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor in someone's name
            with ana.transaction():
                ana.execute("INSERT INTO factcheck.comments (id, statement_id, user_id, body) "
                            "VALUES ('c2', %s, %s, 'Looks fine to me')", [sid, rob_id])
    with team.connect("rob") as rob:
        assert raw.update(rob, "comments", "c1", body="Rob was here") == 0
        with rob.transaction():
            assert rob.execute("DELETE FROM factcheck.comments WHERE id = 'c1'").rowcount == 0
        assert rob.execute("SELECT body FROM factcheck.comments WHERE id = 'c1'"
                           ).fetchone()[0] == "Photo by our stringer"
    with team.connect("ana") as ana:
        assert raw.update(ana, "comments", "c1", body="Photo by our stringer, 5 Jan") == 1


def test_a_stale_version_writes_nothing(team) -> None:
    with team.connect("ana") as ana, team.connect("rob") as rob:
        sid = raw.add_statement(ana)
        version = raw.statement(ana, sid)["version"]
        with ana.transaction():
            assert ana.execute("UPDATE factcheck.statements SET expectation = 'Opens' "
                               "WHERE id = %s AND version = %s", [sid, version]).rowcount == 1
        with rob.transaction():  # rob loaded the same version: his save must not win unseen
            assert rob.execute("UPDATE factcheck.statements SET expectation = 'Closed' "
                               "WHERE id = %s AND version = %s", [sid, version]).rowcount == 0
        row = raw.statement(ana, sid)
    assert (row["expectation"], row["version"]) == ("Opens", version + 1)


def test_a_login_outside_the_team_sees_nothing(team, pg_server) -> None:
    with psycopg.connect(pg_server.url(), autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS outsider")
        conn.execute("CREATE ROLE outsider LOGIN PASSWORD 'pw-out'")
    url = pg_server.url(user="outsider", password="pw-out", dbname=team.dbname)
    with psycopg.connect(url) as outsider, pytest.raises(psycopg.errors.InsufficientPrivilege):
        outsider.execute("SELECT * FROM factcheck.statements")


def test_an_analyst_cannot_add_users(team) -> None:
    with team.connect("ana") as ana, pytest.raises(psycopg.Error) as error:
        ana.execute("SELECT factcheck.create_login('mallory', NULL, 'reviewer')")
    assert error.value.sqlstate in ("FCP01", "42501")


def test_other_windows_hear_of_each_change(team) -> None:
    with team.connect("rob", autocommit=True) as listener, team.connect("ana") as ana:
        listener.execute("LISTEN factcheck")
        sid = raw.add_statement(ana)
        heard = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    assert heard == [f'{{"table" : "statements", "id" : "{sid}"}}']


def test_full_text_search_finds_a_statement(team) -> None:
    with team.connect("ana") as ana:
        sid = raw.add_statement(ana, "The media holding will be sold by spring")
        raw.add_statement(ana, "Taxes will not rise")
        found = [row[0] for row in ana.execute(
            "SELECT id FROM factcheck.search_statements('media holding')")]
        plan = "\n".join(row[0] for row in ana.execute(
            "EXPLAIN SELECT id FROM factcheck.statements "
            "WHERE search @@ websearch_to_tsquery('simple', 'holding')"))
    assert found == [sid]
    assert "statements_search" in plan or "Seq Scan" in plan  # GIN once the table is big


def test_retracting_a_statement_is_a_reviewers_and_freezes_it(team) -> None:
    sid = _approved(team)
    with team.connect("ana") as ana, pytest.raises(psycopg.Error) as error:
        raw.update(ana, "statements", sid, review_state="retracted")
    assert error.value.sqlstate == "FCP01"
    with team.connect("rita") as rita:
        raw.update(rita, "statements", sid, review_state="retracted")
        row = raw.statement(rita, sid)
        assert (row["review_state"], row["approved_by"]) == ("retracted", None)
        with pytest.raises(psycopg.Error) as error:
            raw.update(rita, "statements", sid, quote="Rewritten afterwards")
        assert "retracted statement is kept" in str(error.value)


def test_retracted_evidence_withdraws_approvals_and_cannot_be_linked_again(team) -> None:
    sid = _approved(team)
    with team.connect("ana") as ana:
        evidence_id = ana.execute("SELECT evidence_id FROM factcheck.links WHERE statement_id = %s",
                                  [sid]).fetchone()[0]
        ana.rollback()
        with pytest.raises(psycopg.Error) as error:  # an analyst may not retract
            raw.update(ana, "evidence", evidence_id, retracted_at="2024-02-01T00:00:00+00:00",
                       retracted_reason="Doctored photo")
        assert error.value.sqlstate == "FCP01"
    with team.connect("rita") as rita:
        raw.update(rita, "evidence", evidence_id, retracted_at="2024-02-01T00:00:00+00:00",
                   retracted_reason="Doctored photo")
        assert raw.statement(rita, sid)["review_state"] == "draft"
        other = raw.add_statement(rita, "Another promise")
        with pytest.raises(psycopg.Error) as error, rita.transaction():
            rita.execute("INSERT INTO factcheck.links (id, statement_id, evidence_id, stance) "
                         "VALUES ('l-again', %s, %s, 'supports')", [other, evidence_id])
        assert "retracted" in str(error.value)
