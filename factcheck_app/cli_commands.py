"""What each `factcheck` subcommand does: parse nothing, call services, print results."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .domain.dates import parse_day
from .domain.deadlines import resolve_deadline
from .domain.errors import InvalidInput, WorkspaceDamaged
from .domain.filters import StatementFilter
from .services import (
    articles,
    export,
    importing,
    maintenance,
    queries,
    review,
    sources,
    speakers,
    statements,
    users,
)
from .services import evidence as ev
from .services.check import check_workspace
from .services.demo import SAMPLE_PASSPHRASE, build_demo
from .services.lookup import resolve_id
from .services.users import NEW_PASSPHRASE
from .services.workspace import Workspace, is_team_target

COMMANDS: dict[str, Callable[[Any], int | None]] = {}


def command(name: str):
    def register(func):
        COMMANDS[name] = func
        return func
    return register


def _open(args, *, write: bool = True) -> Workspace:
    """Open the workspace as --as NAME; writing needs NAME's passphrase (reading does not)."""
    user = getattr(args, "user", None)
    if is_team_target(args.workspace):
        from .team.connection import terminal_prompt  # noqa: PLC0415 - the driver, if needed

        # The login: --as, else $FACTCHECK_USER even for commands that read only (without
        # it libpq would try the system account's name); its password: $FACTCHECK_PASSPHRASE,
        # else libpq's own means (~/.pgpass, PGPASSFILE, a service file), else asked.
        return Workspace.open(args.workspace, user=user or os.environ.get("FACTCHECK_USER"),
                              passphrase=os.environ.get("FACTCHECK_PASSPHRASE"),
                              prompt=terminal_prompt())
    passphrase = _passphrase(f"Passphrase for {user}: ") if user and write else None
    return Workspace.open(args.workspace, user=user, passphrase=passphrase,
                          readonly=not write, backup_on_open=write)


def _passphrase(prompt: str, variable: str = "FACTCHECK_PASSPHRASE") -> str | None:
    """From the environment (scripts), else asked on the terminal without echo; None when
    neither is possible, which the services refuse with a message saying so."""
    if variable in os.environ:
        return os.environ[variable]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


def _new_passphrase(whose: str) -> str:
    """A passphrase to set: $FACTCHECK_NEW_PASSPHRASE, else typed twice."""
    if NEW_PASSPHRASE in os.environ:
        return os.environ[NEW_PASSPHRASE]
    if sys.stdin is None or not sys.stdin.isatty():
        raise InvalidInput(f"set {whose} passphrase: type it at a terminal, or give it in "
                           f"${NEW_PASSPHRASE}")
    first = getpass.getpass(f"New passphrase for {whose}: ")
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInput("the two passphrases differ; nothing was changed")
    return first


def _emit(args, data: Any, text: str) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@command("init")
def init(args) -> None:
    if not args.user:
        raise InvalidInput("name the first user (an admin): factcheck init PATH --as NAME")
    passphrase = (os.environ.get("FACTCHECK_PASSPHRASE")
                  or _new_passphrase(args.user))
    with Workspace.create(args.workspace, admin=args.user, display_name=args.display_name,
                          passphrase=passphrase) as ws:
        print(f"created {ws.path} with admin {args.user}")


@command("demo")
def demo(args) -> None:
    path = Path(args.workspace)
    if path.exists():
        if not args.force:
            raise InvalidInput(f"{path} already exists (use --force to replace it)")
        path.unlink()
    with build_demo(path) as ws:
        count = queries.view_counts(ws)["all"]
        print(f"built the sample workspace {ws.path}: {count} statements; users maya (admin), "
              f"ana (analyst), rob (reviewer), each with the passphrase {SAMPLE_PASSPHRASE!r}")


@command("user add")
def user_add(args) -> None:
    with _open(args) as ws:
        ws.require_user()  # before asking for the new user's passphrase
        print(users.add_user(ws, name=args.name, role=args.role,
                             display_name=args.display_name,
                             passphrase=_new_passphrase(args.name)).message)


@command("user passphrase")
def user_passphrase(args) -> None:
    with _open(args) as ws:
        user = ws.require_user()
        if args.name:
            changes = users.issue_passphrase(ws, name=args.name,
                                             passphrase=_new_passphrase(args.name))
        else:
            old = _passphrase(f"Current passphrase for {user.name}: ")
            changes = users.change_passphrase(ws, old=old, new=_new_passphrase(user.name))
        print(changes.message)


@command("user list")
def user_list(args) -> None:
    with _open(args, write=False) as ws:
        rows = [u.__dict__ for u in users.list_users(ws)]
        _emit(args, rows, "\n".join(f"{u['name']:<16} {u['role']:<9} {u['display_name']}" for u in rows))


@command("user role")
def user_role(args) -> None:
    with _open(args) as ws:
        print(users.set_role(ws, name=args.name, role=args.role).message)


@command("setting")
def setting(args) -> None:
    with _open(args) as ws:
        print(users.set_setting(ws, key=args.key, value=args.value, reason=args.reason).message)


@command("speaker add")
def speaker_add(args) -> None:
    with _open(args) as ws:
        changes = speakers.add_speaker(ws, name=args.name, kind=args.kind, aliases=args.aliases,
                                       title=args.title, affiliation=args.affiliation,
                                       country=args.country)
        print(changes.created)


@command("speaker list")
def speaker_list(args) -> None:
    with _open(args, write=False) as ws:
        rows = speakers.list_speakers(ws)
        _emit(args, rows, "\n".join(
            f"{r['id'][:8]}  {_short(r['name'], 34):<34} {r['statements']:>4} statements  "
            f"held {r['held'] or 0} / broken {r['broken'] or 0} of {r['checkable'] or 0} checkable"
            for r in rows))


@command("speaker merge")
def speaker_merge(args) -> None:
    with _open(args) as ws:
        keep = speakers.speaker_by_name(ws, args.keep)
        gone = speakers.speaker_by_name(ws, args.speaker)
        print(speakers.merge_speakers(ws, keep_id=keep["id"], merge_id=gone["id"]).message)


@command("source add")
def source_add(args) -> None:
    with _open(args) as ws:
        text = ""
        if args.file and Path(args.file).suffix.lower() in (".txt", ".md"):
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
        changes = sources.add_source(
            ws, title=args.title, outlet=args.outlet, url=args.url, published_on=args.published,
            language=args.language, kind=args.kind, full_text=text,
            file=Path(args.file) if args.file else None)
        print(changes.created)


@command("source list")
def source_list(args) -> None:
    with _open(args, write=False) as ws:
        rows = sources.list_sources(ws)
        _emit(args, rows, "\n".join(
            f"{r['id'][:8]}  {r['published_on'] or '':<10}  {_short(r['title'], 60)}" for r in rows))


def _statement_fields(ws: Workspace, args) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    mapping = {"quote": "quote", "stated": "stated_on", "kind": "kind",
               "expectation": "expectation", "check_by": "check_by", "tags": "tags",
               "original_text": "original_text", "original_language": "original_language",
               "location": "location"}
    for arg, field in mapping.items():
        value = getattr(args, arg, None)
        if value is not None:
            fields[field] = value
    if args.speaker is not None:
        fields["speaker"] = args.speaker  # a name or alias; a new name creates the speaker
    if args.source is not None:
        fields["source_id"] = resolve_id(ws, "source", args.source) if args.source else None
    return fields


@command("statement add")
def statement_add(args) -> None:
    with _open(args) as ws:
        changes = statements.add_statement(ws, **_statement_fields(ws, args))
        _show_created(ws, args, changes.created)


def _show_created(ws: Workspace, args, statement_id: str) -> None:
    s = queries.get_statement(ws, statement_id)
    flag = ""
    if s["check_by_phrase"] and not s["check_by"]:
        flag = f" (check-by {s['check_by_phrase']!r} is vague: no date set)"
    _emit(args, {"id": s["id"], "check_by": s["check_by"], "review_state": s["review_state"]},
          f"{s['id']}  check-by {s['check_by'] or '—'}{flag}")


@command("statement edit")
def statement_edit(args) -> None:
    with _open(args) as ws:
        statement_id = resolve_id(ws, "statement", args.id)
        fields = _statement_fields(ws, args)
        if not fields:
            raise InvalidInput("nothing to change: give at least one field, e.g. --expectation")
        # Without --version, what this command read is the baseline: the edit is
        # refused if a field it changes moved meanwhile (it never overwrites unseen).
        seen = statements.read_for_edit(ws, statement_id) if args.version is None else None
        changes = statements.edit_statement(ws, statement_id=statement_id,
                                            expected_version=args.version, seen=seen, **fields)
        print(changes.message)


@command("statement list")
def statement_list(args) -> None:
    with _open(args, write=False) as ws:
        f = StatementFilter(text=args.search)
        if args.speaker:
            f = f.with_(speaker_ids=(speakers.speaker_by_name(ws, args.speaker)["id"],))
        if args.verdict:
            f = f.with_(verdicts=(ws.scale.normalise(args.verdict),))
        if args.state:
            f = f.with_(review_states=(args.state,))
        if args.kind:
            f = f.with_(kinds=(args.kind,))
        if args.tag:
            f = f.with_(tags=(args.tag.lower(),))
        if args.due:
            f = f.with_(due=args.due)
        rows = queries.list_statements(ws, f, limit=args.limit)
        _emit(args, rows, "\n".join(
            f"{r['id'][:8]}  {r['stated_on']:<10} {_short(r['speaker_name'], 22):<22} "
            f"{r['verdict']:<12} {r['review_state']:<17} {_short(r['quote'], 60)}" for r in rows)
            or "no statements match")


@command("statement show")
def statement_show(args) -> None:
    with _open(args, write=False) as ws:
        s = queries.get_statement(ws, resolve_id(ws, "statement", args.id))
        lines = [
            f"“{s['quote']}”",
            f"  said by   {s['speaker']['name'] if s['speaker'] else '—'} on {s['stated_on']}",
            f"  kind      {s['kind']}    tags: {', '.join(s['tags']) or '—'}",
            f"  expect    {s['expectation'] or '—'}",
            f"  check by  {s['check_by'] or '—'}"
            + (f"  (from {s['check_by_phrase']!r})" if s["check_by_phrase"] else ""),
            f"  verdict   {s['verdict']}  {s['verdict_rationale'] or ''}",
            f"  review    {s['review_state']}  (version {s['version']})",
        ]
        for e in s["evidence"]:
            lines.append(f"  evidence  [{e['stance']}] {e['occurred_on'] or ''} {_short(e['summary'], 70)}")
        for c in s["comments"]:
            lines.append(f"  comment   {c['user_name']}: {c['body']}")
        _emit(args, s, "\n".join(lines))


@command("evidence add")
def evidence_add(args) -> None:
    with _open(args) as ws:
        ws.require_user()
        with ws.store.transaction():
            source = resolve_id(ws, "source", args.source) if args.source else None
            changes = ev.add_evidence(ws, summary=args.summary, occurred_on=args.occurred,
                                      title=args.title, excerpt=args.excerpt, source_id=source,
                                      url=args.url, files=[Path(f) for f in args.file])
            if args.link:
                ev.link(ws, statement_id=resolve_id(ws, "statement", args.link),
                        evidence_id=changes.created, stance=args.stance, note=args.note)
        print(changes.created)


@command("evidence link")
def evidence_link(args) -> None:
    with _open(args) as ws:
        print(ev.link(ws, statement_id=resolve_id(ws, "statement", args.statement),
                      evidence_id=resolve_id(ws, "evidence", args.evidence),
                      stance=args.stance, note=args.note).message)


@command("evidence unlink")
def evidence_unlink(args) -> None:
    with _open(args) as ws:
        print(ev.unlink(ws, statement_id=resolve_id(ws, "statement", args.statement),
                        evidence_id=resolve_id(ws, "evidence", args.evidence)).message)


@command("evidence list")
def evidence_list(args) -> None:
    with _open(args, write=False) as ws:
        rows = ev.list_evidence(ws)
        _emit(args, rows, "\n".join(
            f"{r['id'][:8]}  {r['occurred_on'] or '':<10}  {_short(r['summary'], 70)}" for r in rows))


@command("verdict")
def verdict(args) -> None:
    with _open(args) as ws:
        statement_id = resolve_id(ws, "statement", args.statement)
        seen = statements.read_for_edit(ws, statement_id) if args.version is None else None
        print(statements.set_verdict(ws, statement_id=statement_id, verdict=args.verdict,
                                     rationale=args.rationale, confidence=args.confidence,
                                     expected_version=args.version, seen=seen).message)


def _review(action: str):
    def run(args) -> None:
        with _open(args) as ws:
            print(review.act(ws, statement_id=resolve_id(ws, "statement", args.statement),
                             action=action, comment=args.comment).message)
    return run


for _name, _action in (("submit", "submit"), ("approve", "approve"),
                       ("request-changes", "request_changes"), ("reopen", "reopen")):
    COMMANDS[f"review {_name}"] = _review(_action)


@command("assign")
def assign(args) -> None:
    with _open(args) as ws:
        print(review.assign(ws, statement_id=resolve_id(ws, "statement", args.statement),
                            user=args.user).message)


@command("comment")
def comment(args) -> None:
    with _open(args) as ws:
        print(review.add_comment(ws, statement_id=resolve_id(ws, "statement", args.statement),
                                 body=args.text).message)


@command("search")
def search(args) -> None:
    with _open(args, write=False) as ws:
        found = queries.search_all(ws, args.text)
        lines = [f"{r['id'][:8]}  statement  {_short(r['quote'], 70)}" for r in found["statements"]]
        lines += [f"{r['id'][:8]}  evidence   {_short(r['summary'], 70)}" for r in found["evidence"]]
        lines += [f"{r['id'][:8]}  source     {_short(r['title'], 40)}  {_short(r['snippet'], 40)}"
                  for r in found["sources"]]
        _emit(args, found, "\n".join(lines) or "nothing found")


@command("extract")
def extract(args) -> None:
    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    article = articles.extract(None, path.read_bytes(), filename=path.name,
                               published=args.published)
    lines = [f"{article.title or '(no title)'} — {article.outlet or 'unknown outlet'}, "
             f"published {article.published or 'unknown'}"]
    for c in article.candidates:
        lines.append(f"  [{c.start}:{c.end}] {c.speaker or '?'}: “{_short(c.quote, 90)}”")
        lines.append("      " + _claim_line(c))
    if args.format == "json":
        print(json.dumps(article.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines))


def _claim_line(c) -> str:
    """What the import proposes for a quote besides its words: when, what kind, check by."""
    stated = f"stated {c.stated_on or '?'} ({c.stated_precision}, from {c.stated_how})"
    kind = c.kind + ("" if c.checkable else ", not checkable")
    if not c.check_by_phrase:
        check = "no check-by"
    elif c.check_by:
        check = f"check by {c.check_by} (“{c.check_by_phrase}”)"
    else:
        check = f"check by “{c.check_by_phrase}” (vague: no date)"
    return f"{stated}; {kind}; {check}"


@command("import-article")
def import_article(args) -> None:
    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    with _open(args) as ws:
        print(articles.import_article_file(ws, path, published=args.published).message)


@command("import")
def import_(args) -> None:
    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}")
    with _open(args) as ws:
        print(importing.import_file(ws, path, args.format).message)


@command("check")
def check(args) -> int:
    try:
        with _open(args, write=False) as ws:
            problems = check_workspace(ws)
    except WorkspaceDamaged as error:  # too damaged to open: that is the finding
        print(f"sqlite: {error}", file=sys.stderr)
        print(f"factcheck: 1 problem(s); first: {error}", file=sys.stderr)
        return 1
    if not problems:
        print(f"{args.workspace}: ok (integrity, history chain, records and attachments verified)")
        return 0
    for problem in problems:
        print(f"{problem.kind}: {problem}", file=sys.stderr)
    print(f"factcheck: {len(problems)} problem(s); first: {problems[0]}", file=sys.stderr)
    return 1


@command("deadline")
def deadline(args) -> int:
    stated: date = parse_day(args.stated, what="--stated")
    result = resolve_deadline(args.phrase, stated)
    print(result.due.isoformat() if result.due else "vague")
    return 0


@command("export")
def export_(args) -> None:
    from .services.reports import ExportRequest, render, write_bytes
    from .services.reports import export as export_report

    request = ExportRequest(
        format=args.format, output=args.output, report=args.report,
        statement_ids=tuple(args.statement), speaker=args.speaker, date_from=args.date_from,
        date_to=args.date_to, include_drafts=args.include_drafts, page_size=args.page_size)
    request.check()  # refuse bad options before opening anything
    scoped = args.statement or args.speaker or args.date_from or args.date_to
    with _open(args, write=False) as ws:
        if args.report is None and args.format in ("json", "csv") and not scoped:
            # the full data export of every statement, drafts included
            data = (export.to_json(ws) if args.format == "json" else export.to_csv(ws)).encode()
        elif args.format == "package":
            print(f"wrote {export_report(ws, request)}")
            return
        else:
            data = render(ws, request)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    print(f"wrote {write_bytes(request.output, data)}")


@command("verify-package")
def verify_package(args) -> int:
    from .services.reports import verify_package as verify

    result = verify(Path(args.package))
    if result.ok:
        print(f"{args.package}: ok ({result.checked} files match the manifest; "
              f"{len(result.approvals)} approvals signed by their approvers)")
        for line in result.approvals:
            print(f"  {line}")
        return 0
    for problem in result.problems():
        print(problem, file=sys.stderr)
    print(f"factcheck: {args.package} does not verify: "
          f"{'; '.join(result.problems())}", file=sys.stderr)
    return 1


@command("backup")
def backup(args) -> None:
    with _open(args, write=False) as ws:
        made = maintenance.backup_copy(ws, Path(args.output) if args.output else None)
    print(f"backup written to {made}")


@command("restore")
def restore(args) -> None:
    maintenance.restore(Path(args.workspace), Path(args.backup))
    print(f"restored {args.workspace} from {args.backup} (the previous state was backed up first)")


from . import cli_removal  # noqa: E402, F401 - registers its commands
