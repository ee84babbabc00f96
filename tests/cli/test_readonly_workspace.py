"""A workspace file marked read-only opens for reading; every change is refused clearly."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from tests.cli.test_cli import CLI, _add, cli  # noqa: F401 - the fixture


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def readonly(cli: CLI):  # noqa: F811
    sid = _add(cli)["id"]
    path = Path(cli.w)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # no write bit for anyone
    yield cli, sid
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_reads_work_on_a_read_only_workspace(readonly) -> None:
    cli, sid = readonly
    assert [r["id"] for r in cli.json("statement", "list", cli.w)] == [sid]
    assert cli.json("statement", "show", cli.w, sid)["quote"].startswith("The media holding")
    assert "ok (integrity" in cli.ok("check", cli.w)
    assert "media holding" in cli.ok("export", cli.w, "--format", "csv")


@pytest.mark.parametrize("args", [
    ("statement", "add", "W", "--quote", "x", "--stated", "2023", "--as", "ana"),
    ("statement", "edit", "W", "S", "--expectation", "x", "--as", "ana"),
    ("verdict", "W", "S", "unverifiable", "--as", "ana"),
    ("comment", "W", "S", "hello", "--as", "rob"),
    ("statement", "delete", "W", "S", "--as", "ana"),
])
def test_writes_are_refused_and_the_file_is_untouched(readonly, args) -> None:
    cli, sid = readonly
    before = _digest(cli.w)
    code, out, err = cli(*[cli.w if a == "W" else sid if a == "S" else a for a in args])
    assert (code, out) == (2, "")
    assert "is open read-only (the file is marked read-only); nothing was changed" in err
    assert "unexpected" not in err
    assert _digest(cli.w) == before


def test_attaching_a_file_to_a_read_only_workspace_stores_nothing(readonly, tmp_path) -> None:
    cli, sid = readonly
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    files = Path(cli.w + ".files")
    before = sorted(files.rglob("*")) if files.exists() else []
    for args in (("evidence", "add", cli.w, "--summary", "A photo", "--file", photo),
                 ("source", "add", cli.w, "--title", "A photo", "--file", photo)):
        code, out, err = cli(*args, "--as", "ana")
        assert (code, out) == (2, "") and "is open read-only" in err
    assert (sorted(files.rglob("*")) if files.exists() else []) == before
