"""The `factcheck` command line: every use case the window offers, for scripts and CI."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence

from . import __version__
from .cli_team import add_team_parser
from .domain.errors import FactcheckError
from .domain.records import KINDS
from .paths import log_file


def _workspace_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("workspace", help="path of the .factcheck workspace file, or a team "
                   "workspace's postgresql:// URL (its password: $FACTCHECK_PASSPHRASE, "
                   "~/.pgpass or a prompt)")


def _as(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as",
        dest="user",
        default=os.environ.get("FACTCHECK_USER"),
        help="act as this user (default: $FACTCHECK_USER); changes ask for their "
        "passphrase (or take $FACTCHECK_PASSPHRASE)",
    )


def _version(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--version",
        type=int,
        default=None,
        help="refuse if the statement changed at all since this version (see `statement "
        "show`); without it, refuse only if a field being changed was changed by someone "
        "else after this command read it",
    )


def _removal(sub, noun: str, *, one: str) -> None:
    """`delete` (what was never approved) and `retract` (what was: kept, marked).
    `one` names a single record ("a statement", "a piece of evidence")."""
    p = sub.add_parser("delete", help=f"delete {one} that no approval rests on "
                       "(its creator or an admin; recorded in the history)")
    _workspace_arg(p)
    _as(p)
    p.add_argument("id", help=f"{noun} id (or a unique prefix)")
    p = sub.add_parser("retract", help=f"withdraw an approved {noun}: kept, marked retracted "
                       "with the reason, left out of published reports (reviewers, admins)")
    _workspace_arg(p)
    _as(p)
    p.add_argument("id", help=f"{noun} id (or a unique prefix)")
    p.add_argument("--reason", "-m", required=True, help="why it is withdrawn")


def _fmt(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")


def _published_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="the publication date, for an article that does not state it (or states "
                        "a wrong one); relative dates in the quotes are counted from it")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Record what officials said, link what happened, rate it, review it.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", aliases=["app"],
                       help="open the window (the default with no command)")
    p.add_argument("workspace", nargs="?",
                   help="a workspace file, or a team workspace's postgresql:// URL (a password "
                        "libpq needs and cannot find is asked here); default: the last "
                        "workspace, else the sample")
    p.add_argument("--sample", action="store_true", help="open the bundled sample workspace")
    _as(p)
    p = sub.add_parser("init", help="create an empty workspace; you become its admin")
    _workspace_arg(p)
    _as(p)
    p.add_argument("--display-name", default="")
    p = sub.add_parser("demo", help="build the sample workspace from the seed article")
    _workspace_arg(p)
    p.add_argument("--force", action="store_true", help="replace an existing file")

    user = sub.add_parser("user", help="add or list users").add_subparsers(
        dest="action", required=True
    )
    p = user.add_parser("add")
    _workspace_arg(p)
    _as(p)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("analyst", "reviewer", "admin"))
    p.add_argument("--display-name", default="")
    p = user.add_parser("passphrase", help="change yours, or (admins) set NAME's first one")
    _workspace_arg(p)
    _as(p)
    p.add_argument("name", nargs="?", help="admins: give this user a new key and passphrase")
    p = user.add_parser("list")
    _workspace_arg(p)
    _fmt(p)
    p = user.add_parser("role")
    _workspace_arg(p)
    _as(p)
    p.add_argument("name")
    p.add_argument("role", choices=("analyst", "reviewer", "admin"))

    p = sub.add_parser("setting", help="change a workspace setting (admins)")
    _workspace_arg(p)
    _as(p)
    p.add_argument("key")
    p.add_argument("value")
    p.add_argument("--reason", default=None)

    spk = sub.add_parser("speaker", help="add, list or merge speakers").add_subparsers(
        dest="action", required=True
    )
    p = spk.add_parser("add")
    _workspace_arg(p)
    _as(p)
    p.add_argument("name")
    p.add_argument("--kind", default="person", choices=("person", "body"))
    p.add_argument("--aliases", default="")
    p.add_argument("--title", default="")
    p.add_argument("--affiliation", default="")
    p.add_argument("--country", default="")
    p = spk.add_parser("list")
    _workspace_arg(p)
    _fmt(p)
    p = spk.add_parser("merge", help="fold SPEAKER into KEEP (names become aliases)")
    _workspace_arg(p)
    _as(p)
    p.add_argument("keep")
    p.add_argument("speaker")

    src = sub.add_parser("source", help="add or list sources").add_subparsers(
        dest="action", required=True
    )
    p = src.add_parser("add")
    _workspace_arg(p)
    _as(p)
    p.add_argument("--title", required=True)
    p.add_argument("--outlet", default="")
    p.add_argument("--url", default="")
    p.add_argument("--published", default=None)
    p.add_argument("--language", default="")
    p.add_argument("--kind", default="article")
    p.add_argument("--file", default=None, help="archive this file (text kept for search)")
    p = src.add_parser("list")
    _workspace_arg(p)
    _fmt(p)

    st = sub.add_parser("statement", help="add, list, show or edit statements").add_subparsers(
        dest="action", required=True
    )
    for name in ("add", "edit"):
        p = st.add_parser(name)
        _workspace_arg(p)
        _as(p)
        if name == "edit":
            p.add_argument("id", help="statement id (or a unique prefix)")
            _version(p)
        p.add_argument("--quote", required=name == "add")
        p.add_argument("--speaker", help="speaker name or alias (created if new)")
        p.add_argument("--stated", required=name == "add", help="YYYY-MM-DD, YYYY-MM or YYYY")
        p.add_argument("--kind", choices=KINDS)
        p.add_argument("--expectation")
        p.add_argument("--check-by", help="a date or a phrase")
        p.add_argument("--tags")
        p.add_argument("--source", help="source id")
        p.add_argument("--original-text")
        p.add_argument("--original-language")
        p.add_argument("--location", help="where in the source (page, timestamp)")
        _fmt(p)
    p = st.add_parser("list")
    _workspace_arg(p)
    _fmt(p)
    _as(p)
    p.add_argument("--speaker")
    p.add_argument("--verdict")
    p.add_argument("--state", choices=("draft", "in_review", "changes_requested", "approved"))
    p.add_argument("--kind")
    p.add_argument("--tag")
    p.add_argument("--due", choices=("due", "overdue", "due_or_overdue"))
    p.add_argument("--search", default="")
    p.add_argument("--limit", type=int, default=None)
    p = st.add_parser("show")
    _workspace_arg(p)
    p.add_argument("id")
    _fmt(p)
    _removal(st, "statement", one="a statement")

    ev = sub.add_parser("evidence", help="add, link or unlink evidence").add_subparsers(
        dest="action", required=True
    )
    p = ev.add_parser("add")
    _workspace_arg(p)
    _as(p)
    p.add_argument("--summary", required=True)
    p.add_argument("--occurred", default=None)
    p.add_argument("--title", default="")
    p.add_argument("--excerpt", default="")
    p.add_argument("--source", default=None)
    p.add_argument("--url", default="")
    p.add_argument("--file", action="append", default=[], help="attach a file (repeatable)")
    p.add_argument("--link", default=None, help="also link to this statement id")
    p.add_argument("--stance", default="context", choices=("supports", "contradicts", "context"))
    p.add_argument("--note", default="")
    for name in ("link", "unlink"):
        p = ev.add_parser(name)
        _workspace_arg(p)
        _as(p)
        p.add_argument("statement")
        p.add_argument("evidence")
        if name == "link":
            p.add_argument(
                "--stance", required=True, choices=("supports", "contradicts", "context")
            )
            p.add_argument("--note", default="")
    p = ev.add_parser("list")
    _workspace_arg(p)
    _fmt(p)
    _removal(ev, "evidence", one="a piece of evidence")

    p = sub.add_parser("verdict", help="rate a statement's outcome")
    _workspace_arg(p)
    _as(p)
    p.add_argument("statement")
    p.add_argument("verdict")
    p.add_argument("--rationale", default="")
    p.add_argument("--confidence", default=None)
    _version(p)

    rv = sub.add_parser("review", help="submit, approve, request changes, reopen").add_subparsers(
        dest="action", required=True
    )
    for name in ("submit", "approve", "request-changes", "reopen"):
        p = rv.add_parser(name)
        _workspace_arg(p)
        _as(p)
        p.add_argument("statement")
        p.add_argument("--comment", "-m", default="", required=name == "request-changes")
    p = sub.add_parser("assign", help="say whose turn it is")
    _workspace_arg(p)
    _as(p)
    p.add_argument("statement")
    p.add_argument("user", nargs="?")

    p = sub.add_parser("comment", help="add to a statement's review thread")
    _workspace_arg(p)
    _as(p)
    p.add_argument("statement")
    p.add_argument("text")
    p = sub.add_parser("search", help="full-text search over statements, evidence, sources")
    _workspace_arg(p)
    p.add_argument("text")
    _fmt(p)
    p = sub.add_parser("extract", help="propose the quotations in an article (no workspace)")
    p.add_argument("file", help="a .txt article or an .html page saved from a browser")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _published_arg(p)
    p = sub.add_parser("import-article", help="add an article and its quotations as drafts")
    _workspace_arg(p)
    _as(p)
    p.add_argument("file")
    _published_arg(p)
    p = sub.add_parser("import", help="import statements or evidence (CSV, JSON, ClaimReview)")
    _workspace_arg(p)
    _as(p)
    p.add_argument("file")
    p.add_argument(
        "--format",
        choices=("csv", "json", "claimreview"),
        default=None,
        help="default: from the file name",
    )
    p = sub.add_parser("check", help="verify integrity, history chain and attachments")
    _workspace_arg(p)
    p = sub.add_parser("deadline", help="resolve a check-by phrase to a date")
    p.add_argument("phrase")
    p.add_argument("--stated", required=True)
    p = sub.add_parser(
        "export",
        help="write a report (PDF, HTML, Markdown) or export data",
        description="Write a report or export data. Published reports hold only approved "
        "assessments; --include-drafts adds the rest, marked DRAFT on every page. "
        "--format json|csv without --report exports every statement's data.",
    )
    _workspace_arg(p)
    p.add_argument(
        "--format",
        required=True,
        choices=("pdf", "html", "md", "csv", "json", "claimreview", "package"),
        help="package: one .zip with the report (PDF, HTML), its data, the evidence "
        "files and a SHA-256 manifest (check it with verify-package)",
    )
    p.add_argument(
        "--output",
        "-o",
        default="-",
        help="file to write (default: standard output, for text formats)",
    )
    p.add_argument(
        "--report",
        choices=("dossier", "speaker", "period", "due"),
        default=None,
        help="dossier: statements in full; speaker: a track record; period: what "
        "was said or resolved between --from and --to; due: due and overdue",
    )
    p.add_argument(
        "--statement",
        action="append",
        default=[],
        metavar="ID",
        help="statement id or unique prefix (repeatable)",
    )
    p.add_argument("--speaker", default=None, metavar="NAME", help="speaker name or alias")
    p.add_argument(
        "--from",
        dest="date_from",
        default=None,
        metavar="DATE",
        help="start of the period: YYYY-MM-DD, YYYY-MM or YYYY",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        default=None,
        metavar="DATE",
        help="end of the period (a month or year runs to its last day)",
    )
    p.add_argument(
        "--include-drafts",
        action="store_true",
        help="include assessments not yet approved (marked DRAFT on every page)",
    )
    p.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    p = sub.add_parser("verify-package", help="check a package made by export --format package")
    p.add_argument("package", help="the .zip file")
    p = sub.add_parser("backup", help="take a backup copy now")
    _workspace_arg(p)
    p.add_argument("--output", "-o", default=None)
    p = sub.add_parser("restore", help="replace the workspace with a backup")
    _workspace_arg(p)
    p.add_argument("backup")
    add_team_parser(sub)  # the `team` commands, in their own module
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = {"app": "gui"}.get(args.command, args.command) or "gui"
    if command == "gui" and not hasattr(args, "workspace"):
        args.workspace, args.user = None, os.environ.get("FACTCHECK_USER")
        args.sample = False
    key = command if not getattr(args, "action", None) else f"{command} {args.action}"
    try:
        if command == "gui":  # straight to the window: the services load behind its frame
            from .launch import launch_gui  # noqa: PLC0415

            return launch_gui(
                "sample" if args.sample and not args.workspace else args.workspace, user=args.user
            )
        if command == "team":  # only these need the PostgreSQL driver
            from .cli_team_commands import TEAM_COMMANDS as COMMANDS  # noqa: PLC0415
        else:
            from .cli_commands import COMMANDS  # noqa: PLC0415 - not needed to open the window

        return COMMANDS[key](args) or 0
    except FactcheckError as error:
        print(f"factcheck: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:  # a bug: keep the traceback, tell the user where it is
        path = log_file()
        logging.basicConfig(filename=path, level=logging.INFO)
        logging.getLogger("factcheck").error("unexpected error\n%s", traceback.format_exc())
        print(f"factcheck: unexpected error; details were written to {path}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
