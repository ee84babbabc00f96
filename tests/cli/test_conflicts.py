"""Concurrent edits from the command line never replace a change their user did not see."""

from __future__ import annotations

import pytest

from benchmarks.concurrent_edits import make_workspace, race
from factcheck_app.domain.errors import StaleEdit
from factcheck_app.services import statements
from factcheck_app.services.workspace import Workspace
from tests.cli.test_cli import CLI, _add, cli, snapshot  # noqa: F401 - the fixture

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def test_racing_edit_commands_never_overwrite_a_change_they_did_not_see(tmp_path):
    path, statement_id = make_workspace(tmp_path)
    result = race(path, statement_id, 6, with_version=False)
    assert result["silent overwrites"] == 0
    assert result["other failures"] == 0
    assert result["saved"] >= 1 and result["saved"] + result["refused"] == 6


def test_racing_edit_commands_with_version_let_exactly_one_through(tmp_path):
    path, statement_id = make_workspace(tmp_path)
    result = race(path, statement_id, 4, with_version=True)
    assert (result["saved"], result["refused"], result["silent overwrites"]) == (1, 3, 0)


def _other_user_edits(path: str, statement_id: str, **fields) -> None:
    with Workspace.open(path, user="rob") as other:
        statements.edit_statement(other, statement_id=statement_id, **fields)


def test_an_edit_refused_when_its_field_moved_since_it_was_read(cli: CLI) -> None:  # noqa: F811
    sid = _add(cli)["id"]
    with Workspace.open(cli.w, user="ana") as ws:
        seen = statements.read_for_edit(ws, sid)
        _other_user_edits(cli.w, sid, expectation="Rob's reading")
        before = snapshot(cli.w)
        with pytest.raises(StaleEdit, match="expectation of this statement was changed by "
                                            "Rob Kessler at .* UTC after you read it"):
            statements.edit_statement(ws, statement_id=sid, seen=seen, expectation="Ana's")
        with pytest.raises(StaleEdit, match="changed by Rob Kessler"):
            statements.edit_statement(ws, statement_id=sid, seen=seen, check_by="2024-01-01",
                                      expectation="Ana's")
        assert snapshot(cli.w) == before
        # A change to another field is no conflict: both survive.
        _other_user_edits(cli.w, sid, tags="bridges")
        fresh = statements.read_for_edit(ws, sid)
        _other_user_edits(cli.w, sid, tags="bridges, roads")
        statements.edit_statement(ws, statement_id=sid, seen=fresh, location="page 2")
        row = statements.read_for_edit(ws, sid)
        assert (row["location"], row["tags"], row["expectation"]) == (
            "page 2", '["bridges", "roads"]', "Rob's reading")


def test_verdict_refused_when_the_rating_moved_since_it_was_read(cli: CLI) -> None:  # noqa: F811
    sid = _add(cli)["id"]
    with Workspace.open(cli.w, user="ana") as ws:
        seen = statements.read_for_edit(ws, sid)
        with Workspace.open(cli.w, user="rob") as other:
            statements.set_verdict(other, statement_id=sid, verdict="unverifiable",
                                   rationale="No data")
        with pytest.raises(StaleEdit, match="verdict and rationale of this statement was "
                                            "changed by Rob Kessler"):
            statements.set_verdict(ws, statement_id=sid, verdict="partly_held", seen=seen)
        assert statements.read_for_edit(ws, sid)["verdict"] == "unverifiable"


def test_version_option_on_edit_and_verdict_refuses_any_intervening_change(cli: CLI) -> None:  # noqa: F811
    sid = _add(cli)["id"]
    version = cli.json("statement", "show", cli.w, sid)["version"]
    _other_user_edits(cli.w, sid, location="page 9")  # a field neither command touches
    before = snapshot(cli.w)
    for args in (("statement", "edit", cli.w, sid, "--expectation", "x"),
                 ("verdict", cli.w, sid, "partly_held")):
        code, out, err = cli(*args, "--version", str(version), "--as", "ana")
        assert (code, out) == (2, "")
        assert "was changed by Rob Kessler" in err and len(err.strip().splitlines()) == 1
    assert snapshot(cli.w) == before
    version = cli.json("statement", "show", cli.w, sid)["version"]
    assert cli.ok("verdict", cli.w, sid, "partly_held", "--version", str(version),
                  "--as", "ana").startswith("rated")
    # without --version the same edit goes through: the field it changes did not move
    assert cli.ok("statement", "edit", cli.w, sid, "--expectation", "x", "--as", "ana").strip() \
        == "saved"
