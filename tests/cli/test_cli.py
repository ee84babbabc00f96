"""The `factcheck` command line, end to end on real workspace files."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_app.cli import main
from factcheck_app.services import evidence as ev
from factcheck_app.services import statements, users
from factcheck_app.services.workspace import Workspace


class CLI:
    """Runs `factcheck` in-process and returns (exit status, stdout, stderr)."""

    def __init__(self, capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
        self.capsys = capsys
        self.w = str(workspace)

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, f"{args}: exit {code}: {err}"
        assert err == ""
        return out

    def json(self, *args: str):
        return json.loads(self.ok(*args, "--format", "json"))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> CLI:
    run = CLI(capsys, tmp_path / "team.factcheck")
    assert run.ok("init", run.w, "--as", "admin", "--display-name", "Ada Admin").startswith(
        "created ")
    for name, role, display in (("ana", "analyst", "Ana Petrova"), ("rob", "reviewer", "Rob Kessler"),
                                ("rita", "reviewer", "Rita Moreno")):
        assert run.ok("user", "add", run.w, name, "--role", role, "--display-name", display,
                      "--as", "admin").strip() == f"added {role} {name}"
    return run


def _add(cli: CLI, quote: str = "The media holding should start working this year",
         *extra: str) -> dict:
    return cli.json("statement", "add", cli.w, "--quote", quote, "--speaker", "Aleksandr Lukashenko",
                    "--stated", "2023-01-10", "--kind", "promise", "--check-by",
                    "in the first half of the year", "--tags", "media, union state",
                    "--as", "ana", *extra)


def snapshot(path: str) -> dict[str, list]:
    """Everything a refused command must leave exactly as it was."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall()
                for t in ("history", "statements", "links", "evidence", "attachments", "users",
                          "speakers", "comments", "settings", "verdicts")}
    finally:
        conn.close()


# ---------------------------------------------------------------- the journey
def test_statement_add_list_show_edit(cli: CLI) -> None:
    added = _add(cli)
    assert added["check_by"] == "2023-06-30" and added["review_state"] == "draft"
    sid = added["id"]

    rows = cli.json("statement", "list", cli.w)
    assert [(r["id"], r["speaker_name"], r["tags"]) for r in rows] == [
        (sid, "Aleksandr Lukashenko", ["media", "union state"])]
    assert cli.json("statement", "list", cli.w, "--speaker", "aleksandr lukashenko")[0]["id"] == sid
    assert cli.json("statement", "list", cli.w, "--tag", "MEDIA")[0]["id"] == sid
    assert cli.json("statement", "list", cli.w, "--verdict", "broken") == []
    assert cli.ok("statement", "list", cli.w, "--state", "approved").strip() == "no statements match"

    shown = cli.json("statement", "show", cli.w, sid[:8])
    assert shown["quote"] == "The media holding should start working this year"
    assert shown["check_by_phrase"] == "in the first half of the year"
    assert shown["version"] == 1
    text = cli.ok("statement", "show", cli.w, sid)
    assert "check by  2023-06-30  (from 'in the first half of the year')" in text

    assert cli.ok("statement", "edit", cli.w, sid[:8], "--expectation", "A joint holding "
                  "broadcasts", "--version", "1", "--as", "ana").strip() == "saved"
    shown = cli.json("statement", "show", cli.w, sid)
    assert shown["expectation"] == "A joint holding broadcasts" and shown["version"] == 2

    opinion = cli.json("statement", "add", cli.w, "--quote", "It was a fine speech",
                       "--stated", "2023-01", "--kind", "opinion", "--as", "ana")
    assert cli.json("statement", "show", cli.w, opinion["id"])["kind"] == "opinion"

    vague = cli.json("statement", "add", cli.w, "--quote", "Mines and ditches", "--stated",
                     "2023-01", "--check-by", "in the coming months", "--as", "ana")
    assert vague["check_by"] is None
    assert "is vague: no date set" in cli.ok("statement", "add", cli.w, "--quote", "Later",
                                             "--stated", "2023", "--check-by", "soon",
                                             "--as", "ana")


def test_evidence_verdict_review_comment(cli: CLI, tmp_path: Path) -> None:
    sid = _add(cli)["id"]
    scan = tmp_path / "broadcast log.pdf"
    scan.write_bytes(b"%PDF-1.4 no broadcasts in H1 2023")
    eid = cli.ok("evidence", "add", cli.w, "--summary", "No joint broadcasts by July 2023",
                 "--occurred", "2023-07", "--file", str(scan), "--as", "ana").strip()
    shown_files = list((Path(cli.w).parent / "team.factcheck.files").rglob("*"))
    assert any(p.is_file() and p.read_bytes() == scan.read_bytes() for p in shown_files)
    evidence = cli.json("evidence", "list", cli.w)
    assert [(e["id"], e["files"], e["occurred_on"]) for e in evidence] == [(eid, 1, "2023-07")]

    assert cli.ok("evidence", "link", cli.w, sid[:8], eid[:8], "--stance", "supports",
                  "--as", "ana").strip() == "evidence linked (supports)"
    assert cli.ok("evidence", "unlink", cli.w, sid[:8], eid[:8], "--as", "ana").strip() == \
        "evidence unlinked"
    assert cli.json("statement", "show", cli.w, sid)["evidence"] == []
    cli.ok("evidence", "link", cli.w, sid, eid, "--stance", "contradicts", "--note",
           "Nothing aired", "--as", "ana")
    assert cli.ok("verdict", cli.w, sid[:8], "Broken", "--rationale", "Not launched",
                  "--confidence", "80%", "--as", "ana").strip() == "rated Broken"

    assert cli.ok("review", "submit", cli.w, sid, "--as", "ana").strip() == \
        "Send to review: now in review"
    assert cli.ok("review", "request-changes", cli.w, sid, "-m", "Cite the broadcaster",
                  "--as", "rob").strip() == "Request changes: now changes requested"
    cli.ok("review", "submit", cli.w, sid, "--as", "ana")
    assert cli.ok("review", "approve", cli.w, sid, "--as", "rita", "-m", "Good").strip() == \
        "Approve: now approved"
    assert cli.ok("comment", cli.w, sid, "Published in the weekly", "--as", "rob").strip() == \
        "comment added"
    shown = cli.json("statement", "show", cli.w, sid)
    assert shown["review_state"] == "approved" and shown["verdict"] == "broken"
    assert shown["verdict_confidence"] == 0.8
    assert [c["body"] for c in shown["comments"]] == ["Cite the broadcaster", "Good",
                                                       "Published in the weekly"]
    assert shown["approved_by_name"] == "Rita Moreno"
    assert cli.ok("review", "reopen", cli.w, sid, "--as", "rob").strip() == "Reopen: now draft"
    assert "ok (integrity, history chain" in cli.ok("check", cli.w)


def test_search_json(cli: CLI) -> None:
    sid = _add(cli)["id"]
    cli.ok("evidence", "add", cli.w, "--summary", "The holding never aired", "--as", "ana")
    found = cli.json("search", cli.w, "holding")
    assert [s["id"] for s in found["statements"]] == [sid]
    assert [e["summary"] for e in found["evidence"]] == ["The holding never aired"]
    assert cli.json("search", cli.w, '"(NEAR OR*') == {"statements": [], "evidence": [],
                                                     "sources": []}
    assert cli.ok("search", cli.w, "zzzzz").strip() == "nothing found"


@pytest.mark.parametrize(("phrase", "printed"), [
    ("by the end of June", "2023-06-30"),
    ("within 3 months", "2023-04-10"),
    ("this year", "2023-12-31"),
    ("soon", "vague"),
    ("in due course", "vague"),
])
def test_deadline_prints_a_date_or_vague(capsys, phrase: str, printed: str) -> None:
    assert main(["deadline", phrase, "--stated", "2023-01-10"]) == 0
    out, err = capsys.readouterr()
    assert out == printed + "\n" and err == ""


def test_export_json_and_csv(cli: CLI, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example","click")'
    sid = cli.json("statement", "add", cli.w, "--quote", formula, "--stated", "2023-02-01",
                   "--speaker", "@mention", "--tags", "-x, +y", "--as", "ana")["id"]
    plain = _add(cli)["id"]

    data = json.loads(cli.ok("export", cli.w, "--format", "json"))
    assert data["schema"] == "factcheck.statements/1"
    by_id = {s["id"]: s for s in data["statements"]}
    assert set(by_id) == {sid, plain}
    assert by_id[sid]["quote"] == formula  # JSON keeps the text exactly

    text = cli.ok("export", cli.w, "--format", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows[sid]["quote"] == "'" + formula
    assert rows[sid]["speaker"] == "'@mention"
    assert rows[sid]["tags"] == "'+y, -x"
    assert rows[plain]["quote"] == "The media holding should start working this year"
    assert rows[plain]["check_by"] == "2023-06-30"

    target = tmp_path / "out.csv"
    assert cli.ok("export", cli.w, "--format", "csv", "-o", str(target)).strip() == f"wrote {target}"
    assert target.read_bytes().decode("utf-8") == text  # CRLF rows, as the CSV RFC says


def test_backup_and_restore(cli: CLI, tmp_path: Path) -> None:
    kept = _add(cli)["id"]
    snap = tmp_path / "snap.factcheck"
    assert cli.ok("backup", cli.w, "-o", str(snap)).strip() == f"backup written to {snap}"
    assert "manual" in cli.ok("backup", cli.w)
    lost = _add(cli, "Added after the backup")["id"]
    assert {r["id"] for r in cli.json("statement", "list", cli.w)} == {kept, lost}

    assert cli.ok("restore", cli.w, str(snap)).startswith("restored ")
    assert {r["id"] for r in cli.json("statement", "list", cli.w)} == {kept}
    assert "ok" in cli.ok("check", cli.w)


def test_workspace_path_with_uri_characters(capsys, tmp_path: Path) -> None:
    run = CLI(capsys, tmp_path / "Q&A #2 ?100%.factcheck")
    run.ok("init", run.w, "--as", "admin")
    run.ok("statement", "add", run.w, "--quote", "x", "--stated", "2023", "--as", "admin")
    assert len(run.json("statement", "list", run.w)) == 1
    assert "ok" in run.ok("check", run.w)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(
        "Q&A #2 ?100%.factcheck")) == []


# ---------------------------------------------------------------- refusals
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A small workspace built once (through the services) and copied for each refusal."""
    path = tmp_path_factory.mktemp("template") / "team.factcheck"
    ws = Workspace.create(path, admin="admin", display_name="Ada Admin")
    for name, role, display in (("ana", "analyst", "Ana Petrova"),
                                ("rob", "reviewer", "Rob Kessler"),
                                ("rita", "reviewer", "Rita Moreno")):
        users.add_user(ws, name=name, role=role, display_name=display)
    ws.sign_in("ana")
    sid = statements.add_statement(ws, quote="The media holding should start working this year",
                                   stated_on="2023-01-10", kind="promise",
                                   check_by="in the first half of the year").created
    eid = ev.add_evidence(ws, summary="No broadcasts").created
    ws.close()
    assert not Path(str(path) + "-wal").exists()  # closed cleanly: one file to copy
    return path, {"S": sid, "E": eid}


@pytest.fixture
def setup(capsys: pytest.CaptureFixture[str], tmp_path: Path,
          template: tuple[Path, dict[str, str]]) -> tuple[CLI, dict[str, str]]:
    path = tmp_path / "team.factcheck"
    shutil.copyfile(template[0], path)
    return CLI(capsys, path), {**template[1], "W": str(path), "T": str(tmp_path)}


REFUSALS = [
    (("statement", "add", "W", "--quote", "x", "--stated", "18 Feb", "--as", "ana"),
     "needs a year"),
    (("statement", "add", "W", "--quote", "x", "--stated", "0000", "--as", "ana"),
     "not a real date"),
    (("statement", "add", "W", "--quote", "x", "--stated", "2023", "--speaker", "Brand New",
      "--check-by", "2023-02-30", "--as", "ana"), "not a real date"),
    (("statement", "add", "W", "--quote", "x", "--stated", "2023", "--source", "abcdef",
      "--as", "ana"), "no source with id 'abcdef'"),
    (("statement", "edit", "W", "S", "--version", "99", "--expectation", "x", "--as", "rob"),
     "was changed by Ana Petrova"),
    (("statement", "edit", "W", "S", "--as", "ana"), "nothing to change"),
    (("statement", "show", "W", "ffffffff"), "no statement with id 'ffffffff'"),
    (("statement", "show", "W", "ab"), "too short"),
    (("user", "add", "W", "mallory", "--role", "reviewer", "--as", "ana"), "only an admin"),
    (("user", "add", "W", "ana", "--role", "reviewer", "--as", "admin"), "already exists"),
    (("setting", "W", "four_eyes", "maybe", "--as", "admin"), "expected on or off"),
    (("setting", "W", "four_eyes", "off", "--as", "rob"), "only an admin"),
    (("review", "approve", "W", "S", "--as", "rob"), "cannot approve a statement that is draft"),
    (("review", "submit", "W", "S", "--as", "nobody"), "no user named 'nobody'"),
    (("review", "reopen", "W", "S", "--as", "rob"), "cannot reopen a statement that is draft"),
    (("review", "request-changes", "W", "S", "-m", "  ", "--as", "rob"), "needs a comment"),
    (("verdict", "W", "S", "maybe", "--as", "ana"), "unknown verdict 'maybe'"),
    (("evidence", "link", "W", "S", "E", "--stance", "supports"), "sign in first"),
    (("evidence", "unlink", "W", "S", "E", "--as", "ana"), "not linked to this statement"),
    (("evidence", "add", "W", "--summary", "x", "--file", "T/missing.pdf", "--as", "ana"),
     "no such file"),
    (("evidence", "add", "W", "--summary", "x", "--url", "ftp://x", "--link", "S",
      "--as", "ana"), "must start with http"),
    (("comment", "W", "S", "   ", "--as", "rob"), "a comment cannot be empty"),
    (("restore", "W", "T/missing.factcheck"), "no such backup"),
    (("deadline", "soon", "--stated", "2023-01"), "--stated must be a full date"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS,
                         ids=[" ".join(a[:2]) + f"-{i}" for i, (a, _) in enumerate(REFUSALS)])
def test_refused_command_exits_2_with_one_line_and_changes_nothing(
        setup: tuple[CLI, dict[str, str]], args: tuple[str, ...], message: str) -> None:
    cli, ids = setup
    argv = []
    for a in args:
        if a in ("W", "S", "E"):
            argv.append(ids[a])
        else:
            argv.append(a.replace("T/", ids["T"] + "/"))
    before = snapshot(cli.w)
    code, out, err = cli(*argv)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("factcheck: ") and message in lines[0], lines[0]
    assert out == ""
    assert snapshot(cli.w) == before


def test_four_eyes_refusal_on_the_command_line(setup: tuple[CLI, dict[str, str]]) -> None:
    cli, ids = setup
    cli.ok("review", "submit", cli.w, ids["S"], "--as", "ana")
    cli.ok("verdict", cli.w, ids["S"], "partly held", "--as", "rob")
    before = snapshot(cli.w)
    code, _, err = cli("review", "approve", cli.w, ids["S"], "--as", "rob")
    assert code == 2 and "four-eyes" in err and len(err.strip().splitlines()) == 1
    assert snapshot(cli.w) == before
    cli.ok("review", "approve", cli.w, ids["S"], "--as", "rita")


def test_check_refuses_a_file_that_is_not_a_workspace(capsys, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n" * 100)
    assert main(["check", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("factcheck: ") and "not a Factcheck workspace" in err
    assert main(["check", str(tmp_path / "missing.factcheck")]) == 2
    assert not (tmp_path / "missing.factcheck").exists()


# ---------------------------------------------------------------- a real process
def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("FACTCHECK_USER", None)
    return subprocess.run([sys.executable, "-m", "factcheck_app", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def test_python_dash_m_end_to_end(tmp_path: Path) -> None:
    w = str(tmp_path / "proc.factcheck")
    done = _run("init", w, "--as", "admin")
    assert done.returncode == 0 and done.stdout.startswith("created "), done.stderr
    done = _run("statement", "add", w, "--quote", "Ceasefire by Friday", "--stated",
                "2023-01-10", "--check-by", "by Friday", "--as", "admin", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["check_by"] == "2023-01-13"
    refused = _run("review", "approve", w, json.loads(done.stdout)["id"], "--as", "admin")
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("factcheck: cannot approve a statement that is draft; "
                                      "from here you can: send to review")
    done = _run("check", w)
    assert done.returncode == 0 and "ok" in done.stdout
    conn = sqlite3.connect(w)
    conn.execute("UPDATE statements SET quote = 'Ceasefire next year'")
    conn.commit()
    conn.close()
    done = _run("check", w)
    assert done.returncode == 1
    assert "field 'quote' was changed outside Factcheck" in done.stderr
