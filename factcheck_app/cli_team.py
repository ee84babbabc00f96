"""The `factcheck team` command line: its arguments (cheap to build: the window's start
parses them too); what each does is in cli_team_commands."""

from __future__ import annotations

import argparse

from .domain.workflow import ROLES

_URL_HELP = ("PostgreSQL connection URL or libpq string, e.g. "
             "postgresql://you@db.example.org/newsroom?sslmode=verify-full")


def add_team_parser(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="a shared team workspace on a PostgreSQL server"
                          ).add_subparsers(dest="action", required=True)
    p = team.add_parser("init", help="set up a team workspace in an existing, empty database")
    p.add_argument("url", help=_URL_HELP)
    p.add_argument("--admin", default=None,
                   help="login of the first admin (default: the login in the URL)")
    p.add_argument("--display-name", default="")
    _password_options(p)
    p = team.add_parser("add-user", help="give someone a login and a role (admins)")
    p.add_argument("url", help=_URL_HELP)
    p.add_argument("name", help="their login name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--display-name", default="")
    _password_options(p)
    p = team.add_parser("set-role", help="change a user's role (admins)")
    p.add_argument("url", help=_URL_HELP)
    p.add_argument("name")
    p.add_argument("role", choices=ROLES)
    p = team.add_parser("passwd", help="change your own password on the team server, or "
                        "(admins) set a new one for a team member who forgot theirs")
    p.add_argument("url", help=_URL_HELP + "; its login is the one whose password changes")
    p.add_argument("--user", default=None, metavar="NAME",
                   help="(admins) set this team member's password instead of your own")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the new password from standard input (else typed twice)")
    p = team.add_parser("push", help="copy a solo workspace into a new team workspace (admins)")
    p.add_argument("workspace", help="the .factcheck file")
    p.add_argument("url", help=_URL_HELP)
    p = team.add_parser("upgrade", help="bring the server schema up to this Factcheck's "
                        "(the login that set it up, or a superuser)")
    p.add_argument("url", help=_URL_HELP)
    p = team.add_parser("check", help="verify the team workspace's history chain")
    p.add_argument("url", help=_URL_HELP)


def _password_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--password-stdin", action="store_true",
                       help="read the new login's password from standard input")
    group.add_argument("--no-password", action="store_true",
                       help="no password (the login authenticates by certificate or peer)")
