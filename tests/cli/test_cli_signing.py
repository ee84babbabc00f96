"""Signing on the command line: --as NAME needs NAME's passphrase; passphrases are set,
changed and issued with `user passphrase`; `check` and `verify-package` prove who signed."""

from __future__ import annotations

import sqlite3

import pytest

from .test_cli import CLI, _add, cli, snapshot  # noqa: F401 - the `cli` fixture


def test_acting_as_someone_else_with_the_wrong_passphrase_is_refused(
        cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = _add(cli)["id"]
    cli.ok("review", "submit", cli.w, sid, "--as", "ana")
    before = snapshot(cli.w)
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", "a guess at rob's")
    code, out, err = cli("review", "approve", cli.w, sid, "--as", "rob")
    assert code == 2 and out == ""
    assert err.strip() == ("factcheck: wrong passphrase for Rob Kessler; nothing was changed")
    assert snapshot(cli.w) == before


def test_without_a_passphrase_or_a_terminal_the_change_is_refused(
        cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(cli.w)
    monkeypatch.delenv("FACTCHECK_PASSPHRASE")
    code, _, err = cli("user", "role", cli.w, "ana", "admin", "--as", "admin")
    assert code == 2
    assert "Ada Admin signs in with a passphrase" in err and "FACTCHECK_PASSPHRASE" in err
    assert snapshot(cli.w) == before
    # reading needs none: nothing is written, so nothing is signed
    assert "ana" in cli.ok("user", "list", cli.w)


def test_passphrases_are_issued_and_changed(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = _add(cli)["id"]
    monkeypatch.setenv("FACTCHECK_NEW_PASSPHRASE", "issued by the admin")
    assert "new key" in cli.ok("user", "passphrase", cli.w, "rob", "--as", "admin")
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", "issued by the admin")
    monkeypatch.setenv("FACTCHECK_NEW_PASSPHRASE", "rob's own secret")
    assert "changed the passphrase of Rob Kessler" in cli.ok(
        "user", "passphrase", cli.w, "--as", "rob")
    code, _, err = cli("comment", cli.w, sid, "hello", "--as", "rob")
    assert code == 2 and "wrong passphrase for Rob Kessler" in err
    monkeypatch.setenv("FACTCHECK_PASSPHRASE", "rob's own secret")
    cli.ok("comment", cli.w, sid, "hello", "--as", "rob")
    assert "ok" in cli.ok("check", cli.w)


def test_check_names_the_first_bad_signature(cli: CLI) -> None:
    sid = _add(cli)["id"]
    conn = sqlite3.connect(cli.w)
    seq = conn.execute("SELECT max(seq) FROM signatures").fetchone()[0]
    conn.execute("DROP TRIGGER signatures_no_update")
    conn.execute("UPDATE signatures SET signature = (CASE WHEN substr(signature, 1, 1) = '0' "
                 "THEN '1' ELSE '0' END) || substr(signature, 2) WHERE seq = ?", [seq])
    conn.commit()
    conn.close()
    code, _, err = cli("check", cli.w)
    assert code == 1 and sid
    assert f"signature #{seq} by Ana Petrova does not match the history" in err


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_passphrase_is_asked_for(cli: CLI, monkeypatch) -> None:
    from factcheck_app import cli_commands

    asked: list[str] = []
    monkeypatch.delenv("FACTCHECK_PASSPHRASE")
    monkeypatch.setattr(cli_commands.sys, "stdin", _Terminal())
    monkeypatch.setattr(cli_commands.getpass, "getpass",
                        lambda prompt: asked.append(prompt) or "not the passphrase")
    code, _, err = cli("speaker", "add", cli.w, "Someone", "--as", "rob")
    assert asked == ["Passphrase for rob: "]
    assert code == 2 and "wrong passphrase for Rob Kessler" in err
