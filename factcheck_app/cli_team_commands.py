"""What each `factcheck team` command does: create a team workspace on PostgreSQL, add
users, push a solo workspace into it, check its history. Connection URLs go to libpq
as they are; passwords come from a prompt, ~/.pgpass or PGPASSFILE, never from us."""

from __future__ import annotations

import contextlib
import getpass
import sys
from collections.abc import Callable, Iterator
from typing import Any

import psycopg

from .domain.errors import InvalidInput
from .services.team_push import push_solo
from .services.workspace import DEFAULT_SETTINGS
from .team import admin, chain, migrate, solo_proof
from .team.connection import connect, describe, terminal_prompt

TEAM_COMMANDS: dict[str, Callable[[Any], int | None]] = {}


def _team(name: str):
    def register(func):
        TEAM_COMMANDS[f"team {name}"] = func
        return func
    return register


def _new_password(args, login: str) -> str | None:
    """The new password of a login (it is only ever sent hashed)."""
    if getattr(args, "no_password", False):
        return None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"New password for {login}: ")
        if getpass.getpass("Again: ") != password:
            raise InvalidInput("the two passwords differ; nothing was changed")
    else:
        raise InvalidInput(f"give {login}'s password on standard input with --password-stdin, "
                           "or --no-password for a login that authenticates otherwise")
    if not password:
        raise InvalidInput("the password is empty; nothing was changed")
    return password


@contextlib.contextmanager
def _workspace(url: str) -> Iterator[psycopg.Connection]:
    """A connection to a team workspace this Factcheck can work with."""
    with connect(url, prompt=terminal_prompt()) as conn:
        migrate.check_schema(conn)
        yield conn


@_team("init")
def init(args) -> None:
    with connect(args.url, prompt=terminal_prompt()) as conn:
        login = args.admin or conn.info.user
        exists = admin.login_exists(conn, login)
        password = None if exists else _new_password(args, login)
        roles = admin.init_workspace(conn, admin=login, password=password,
                                     display_name=args.display_name, settings=DEFAULT_SETTINGS)
    print(f"team workspace ready ({describe(args.url)}); {login} is its admin; "
          f"group roles {roles.prefix}_analyst, _reviewer, _admin")


@_team("add-user")
def add_user(args) -> None:
    with _workspace(args.url) as conn:
        exists = admin.login_exists(conn, args.name)
        password = None if exists else _new_password(args, args.name)
        admin.add_user(conn, name=args.name, role=args.role, password=password,
                       display_name=args.display_name)
    print(f"added {args.role} {args.name}" + (" (an existing login)" if exists else ""))


@_team("set-role")
def set_role(args) -> None:
    with _workspace(args.url) as conn:
        admin.set_role(conn, name=args.name, role=args.role)
    print(f"{args.name} is now {args.role}")


@_team("passwd")
def passwd(args) -> None:
    with _workspace(args.url) as conn:
        login = admin.check_login(args.user) if args.user else conn.info.user
        admin.change_password(conn, login=login, password=_new_password(args, login))
    print(f"changed the password of {login}; it was sent to the server only as a SCRAM "
          "verifier")


@_team("push")
def push_(args) -> None:
    with _workspace(args.url) as conn:
        result = push_solo(args.workspace, conn)
    counts = ", ".join(f"{n} {table}" for table, n in result.counts.items() if n)
    print(f"pushed {counts}; {result.files} files; {result.approvals_kept} approvals kept; "
          f"{result.history_entries} history entries archived (sha256 {result.history_sha256[:12]}); "
          f"{result.signatures} solo signatures kept")
    for statement_id in result.approvals_withdrawn:
        print(f"  {statement_id}: its approval no longer covered its content; now a draft")


@_team("upgrade")
def upgrade(args) -> None:
    with connect(args.url, prompt=terminal_prompt()) as conn:
        names = admin.upgrade_workspace(conn)
    print(f"applied {', '.join(names)}" if names else "the schema is up to date")


@_team("check")
def check(args) -> int:
    with _workspace(args.url) as conn:
        problem = chain.verify(conn)
        total = chain.count(conn)
        solo = solo_proof.problems(conn)
    for line in ([f"history: {problem.message}"] if problem else []) + solo:
        print(line)
    if problem or solo:
        return 1
    print(f"history: {total} change sets, chain intact")
    return 0
