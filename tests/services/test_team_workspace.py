"""Opening a team workspace by URL, from the services and the command line: who acts is
the login, its password comes from the usual places and is never shown."""

from __future__ import annotations

import json

import pytest

from factcheck_app.cli import main
from factcheck_app.domain.errors import InvalidInput, PermissionDenied
from factcheck_app.services import evidence as ev
from factcheck_app.services import queries, statements
from factcheck_app.services.workspace import Workspace
from factcheck_app.storage.attachments import MAX_TEAM_FILE
from tests.conftest import TEST_PASSPHRASE, drop_database, new_database, team_url
from tests.history_helpers import history_count


@pytest.fixture
def url(request: pytest.FixtureRequest):
    """A fresh copy of the team workspace of `ws` (users admin, ana, rob, rita)."""
    server = request.getfixturevalue("pg_server")
    dbname = new_database(server, request.getfixturevalue("services_template"))
    yield team_url(server, dbname)
    drop_database(server, dbname)


def test_the_command_line_works_on_a_team_url_as_the_login(url, capsys) -> None:
    assert main(["statement", "add", url, "--as", "ana", "--quote", "Bridge by June",
                 "--stated", "2024-01-10", "--check-by", "by the end of June"]) == 0
    capsys.readouterr()
    assert main(["statement", "list", url, "--as", "rob", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["quote"] for row in listed] == ["Bridge by June"]
    with Workspace.open(url, user="rob", passphrase=TEST_PASSPHRASE) as ws:
        row = queries.get_statement(ws, listed[0]["id"])
        assert row["created_by"] == ws.find_user("ana").id  # stamped by the server
        assert row["check_by"] == "2024-06-30"


def test_a_wrong_password_is_refused_with_a_message(url, capsys, monkeypatch) -> None:
    with pytest.raises(PermissionDenied, match="wrong passphrase for Rob Kessler"):
        with Workspace.open(url, user="ana", passphrase=TEST_PASSPHRASE) as ws:
            ws.sign_in("rob", "not rob's password")
    monkeypatch.delenv("FACTCHECK_PASSPHRASE")  # the URL's own password, then
    assert main(["statement", "list", url.replace("postgresql://", "postgresql://rob:nope@")]) == 2
    err = capsys.readouterr().err
    assert "password authentication failed" in err and "nope" not in err


def test_the_password_may_come_from_a_pgpass_file(url, tmp_path, monkeypatch) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:rita:{TEST_PASSPHRASE}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with Workspace.open(url, user="rita") as ws:
        assert ws.user.name == "rita" and ws.user.role == "reviewer"


def test_label_and_identity_never_show_the_password(url) -> None:
    with_password = url.replace("postgresql://", f"postgresql://ana:{TEST_PASSPHRASE}@")
    with Workspace.open(with_password) as ws:
        assert ws.user.name == "ana"
        assert TEST_PASSPHRASE not in ws.label and "ana" in ws.label
        assert TEST_PASSPHRASE not in repr(ws.identity)
    with Workspace.open(url, user="ana", passphrase=TEST_PASSPHRASE) as ws:
        identity = ws.identity
        assert TEST_PASSPHRASE not in repr(identity)
        # the window's worker thread opens its own connection as the same login
        with Workspace.open(url, user=identity) as worker:
            assert worker.user == ws.user
            sid = statements.add_statement(worker, quote="Q", stated_on="2024").created
        assert queries.get_statement(ws, sid)["created_by"] == ws.user.id


def test_a_file_too_large_for_the_team_server_is_refused_and_changes_nothing(url, tmp_path
                                                                            ) -> None:
    video = tmp_path / "rally.mp4"
    with open(video, "wb") as handle:  # sparse: the size is real, the disk space is not used
        handle.truncate(MAX_TEAM_FILE + 1)
    with Workspace.open(url, user="ana", passphrase=TEST_PASSPHRASE) as ws:
        before = history_count(ws)
        with pytest.raises(InvalidInput, match=r"rally.mp4 is 200 MB; a team workspace keeps "
                                               r"files of up to 200 MB"):
            ev.add_evidence(ws, summary="The rally", files=[video])
        assert ev.list_evidence(ws) == [] and history_count(ws) == before
