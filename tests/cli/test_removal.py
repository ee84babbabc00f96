"""Taking records back: delete what was never approved, retract what was (kept, marked)."""

from __future__ import annotations

from pathlib import Path

from tests.history_helpers import field_rows
from tests.cli.test_cli import CLI, _add, cli, snapshot  # noqa: F401 - the fixture


def _approved(cli: CLI) -> tuple[str, str]:
    """A statement rated Broken on one contradicting piece of evidence, approved by Rob."""
    sid = _add(cli)["id"]
    eid = cli.ok("evidence", "add", cli.w, "--summary", "No broadcasts by July", "--link", sid,
                 "--stance", "contradicts", "--as", "ana").strip()
    cli.ok("verdict", cli.w, sid, "broken", "--rationale", "Nothing aired", "--as", "ana")
    cli.ok("review", "submit", cli.w, sid, "--as", "ana")
    cli.ok("review", "approve", cli.w, sid, "--as", "rob")
    return sid, eid


def _history(cli: CLI, table: str, record_id: str) -> list[tuple]:
    return field_rows(cli.w, table, record_id)


def _refused(cli: CLI, message: str, *args: str) -> None:
    before = snapshot(cli.w)
    code, out, err = cli(*args)
    assert (code, out) == (2, "") and message in err, err
    assert snapshot(cli.w) == before


def test_an_approved_statement_is_retracted_not_deleted(cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    sid, _ = _approved(cli)
    _refused(cli, "an approved statement cannot be deleted; retract it instead",
             "statement", "delete", cli.w, sid, "--as", "admin")
    _refused(cli, "only a reviewer or admin may retract", "statement", "retract", cli.w, sid,
             "--reason", "x", "--as", "ana")
    assert cli.ok("statement", "retract", cli.w, sid[:8], "--reason", "The ministry corrected "
                  "its figures", "--as", "rita").strip() == "Retract: now retracted"
    shown = cli.json("statement", "show", cli.w, sid)
    assert shown["review_state"] == "retracted" and shown["quote"].startswith("The media")
    assert shown["comments"][-1]["body"] == "Retracted: The ministry corrected its figures"
    assert ("rita", "workflow", "review_state",
            "Retracted: The ministry corrected its figures") in _history(cli, "statements", sid)
    code, out, err = cli("export", cli.w, "--format", "md", "--report", "dossier",
                         "--statement", sid)
    assert code == 2 and "is not approved" in err  # out of published reports
    _refused(cli, "a retracted statement is kept on the record", "statement", "delete", cli.w,
             sid, "--as", "admin")
    assert cli.ok("review", "reopen", cli.w, sid, "--as", "rob").strip() == "Reopen: now draft"
    assert "ok (integrity" in cli.ok("check", cli.w)


def test_a_draft_statement_is_deleted_by_its_creator_or_an_admin(cli: CLI) -> None:  # noqa: F811
    sid = _add(cli)["id"]
    _refused(cli, "only the analyst who recorded this statement, or an admin",
             "statement", "delete", cli.w, sid, "--as", "rob")
    assert cli.ok("statement", "delete", cli.w, sid[:8], "--as", "ana").strip() == \
        "statement deleted"
    assert cli.json("statement", "list", cli.w) == []
    assert ("ana", "delete", None, None) in _history(cli, "statements", sid)
    assert "ok (integrity" in cli.ok("check", cli.w)


def test_evidence_an_approval_cites_is_retracted_and_the_statement_reopens(cli: CLI) -> None:  # noqa: F811
    sid, eid = _approved(cli)
    _refused(cli, "1 approved statement cite this evidence; retract it instead",
             "evidence", "delete", cli.w, eid, "--as", "ana")
    _refused(cli, "retracting evidence needs a reason", "evidence", "retract", cli.w, eid,
             "--reason", "  ", "--as", "rob")
    assert cli.ok("evidence", "retract", cli.w, eid[:8], "--reason", "The log was forged",
                  "--as", "rob").strip() == ("evidence retracted; 1 approved statement citing "
                                             "it went back to draft")
    [row] = cli.json("evidence", "list", cli.w)
    assert row["retracted_reason"] == "The log was forged" and row["retracted_at"]
    assert cli.json("statement", "show", cli.w, sid)["review_state"] == "draft"
    assert ("rob", "retract", "retracted_reason", "Retracted: The log was forged") in \
        _history(cli, "evidence", eid)
    other = _add(cli, "Another promise")["id"]
    _refused(cli, "this evidence was retracted; it cannot be linked again", "evidence", "link",
             cli.w, other, eid, "--stance", "supports", "--as", "ana")
    assert "ok (integrity" in cli.ok("check", cli.w)


def test_unapproved_evidence_is_deleted_with_its_links(cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    sid = _add(cli)["id"]
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    eid = cli.ok("evidence", "add", cli.w, "--summary", "A scan", "--file", scan, "--link", sid,
                 "--stance", "supports", "--as", "ana").strip()
    _refused(cli, "only the analyst who recorded this evidence, or an admin",
             "evidence", "delete", cli.w, eid, "--as", "rob")
    assert cli.ok("evidence", "delete", cli.w, eid, "--as", "admin").strip() == "evidence deleted"
    assert cli.json("evidence", "list", cli.w) == []
    assert cli.json("statement", "show", cli.w, sid)["evidence"] == []
    assert ("admin", "delete", None, None) in _history(cli, "evidence", eid)
    assert "ok (integrity" in cli.ok("check", cli.w)
