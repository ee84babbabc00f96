"""Load on a team workspace: N simulated analysts, each its own login, for a while.

    .venv/bin/python benchmarks/team_load.py [--analysts 20] [--seconds 300] [--seed 1]

Starts a throwaway PostgreSQL server (a temp folder, a Unix socket, no TCP; fsync on,
as a real server would be), sets up a team workspace, and runs one thread per
analyst (a third of them reviewers). Each loops over a realistic mix, as the window
would send it: add a statement, edit one with a version check (reload and retry when
someone saved first), comment, link evidence, submit their own drafts, and
(reviewers) approve others' work. At the end it proves from the server's own history
that no acknowledged write was overwritten unseen, verifies the hash chain, and
prints per operation the count, the refusals the user would see and p50/p95 latency.

Counted as lost: an acknowledged edit whose change set is missing from the history
or records another old value than the one the analyst had loaded; an acknowledged
commit with no change set of its own. Raw errors: anything other than the server's
own refusals (four-eyes, rules) and stale versions, which users see as messages.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from factcheck_app.services.workspace import DEFAULT_SETTINGS  # noqa: E402
from factcheck_app.team import admin, chain  # noqa: E402
from factcheck_app.team.connection import NOT_ALLOWED, RULE_REFUSED  # noqa: E402
from factcheck_app.team.throwaway import LocalServer  # noqa: E402

OPERATIONS = ("add", "edit", "comment", "link", "submit", "approve")
MIX = {"add": 15, "edit": 35, "comment": 15, "link": 10, "submit": 15, "approve": 10}


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    refused: Counter = field(default_factory=Counter)
    stale: Counter = field(default_factory=Counter)
    raw_errors: Counter = field(default_factory=Counter)
    commits: Counter = field(default_factory=Counter)  # acknowledged commits per login
    edits: list[tuple[str, str | None, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Analyst:
    def __init__(self, login: str, url: str, tally: Tally, seed: int) -> None:
        self.login, self.url, self.tally = login, url, tally
        self.random = random.Random(seed)
        self.counter = 0

    def run(self, until: float) -> None:
        # autocommit: each read stands alone and each `transaction()` block really commits
        with psycopg.connect(self.url, autocommit=True) as conn:
            self.conn = conn
            self.me = conn.execute("SELECT factcheck.fc_me()").fetchone()[0]
            self.reviewer = conn.execute("SELECT factcheck.fc_role()").fetchone()[0] != "analyst"
            while time.monotonic() < until:
                op = self.random.choices(list(MIX), weights=list(MIX.values()))[0]
                if op == "approve" and not self.reviewer:
                    op = "edit"
                self.timed(op)

    def timed(self, op: str) -> None:
        started = time.perf_counter()
        try:
            acknowledged = getattr(self, op)()
        except psycopg.Error as error:
            with self.tally.lock:
                if error.sqlstate in (RULE_REFUSED, NOT_ALLOWED):
                    self.tally.refused[op] += 1
                else:
                    self.tally.raw_errors[f"{op}: {type(error).__name__}: {error}".strip()[:160]] += 1
            return
        elapsed = time.perf_counter() - started
        with self.tally.lock:
            self.tally.latencies[op].append(elapsed)
            if acknowledged:
                self.tally.commits[self.login] += 1

    def pick(self, where: str = "TRUE", params: tuple = ()) -> tuple | None:
        return self.conn.execute(
            f"SELECT id, version, expectation FROM factcheck.statements WHERE {where} "
            "ORDER BY random() LIMIT 1", params).fetchone()

    def token(self) -> str:
        self.counter += 1
        return f"{self.login}#{self.counter}"

    # -- the operations: each returns True when it committed a change -------------------
    def add(self) -> bool:
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO factcheck.statements (id, quote, stated_on, kind, verdict, expectation) "
                "VALUES (%s, %s, '2024-03-01', 'promise', 'pending', %s)",
                [str(uuid.uuid4()), f"We will build {self.random.randint(1, 999)} schools",
                 self.token()])
        return True

    def edit(self) -> bool:
        """Load, think, save with the version loaded; on a stale version reload once,
        as a user does after the app says someone saved first."""
        for attempt in range(2):
            row = self.pick()
            if row is None:
                return False
            statement_id, version, seen = row
            time.sleep(self.random.uniform(0, 0.02))  # the user types
            token = self.token()
            with self.conn.transaction():
                saved = self.conn.execute(
                    "UPDATE factcheck.statements SET expectation = %s WHERE id = %s AND version = %s",
                    [token, statement_id, version]).rowcount
            if saved:
                with self.tally.lock:
                    self.tally.edits.append((statement_id, seen, token))
                return True
            with self.tally.lock:
                self.tally.stale["edit"] += 1
        return False

    def comment(self) -> bool:
        row = self.pick()
        if row is None:
            return False
        with self.conn.transaction():
            self.conn.execute("INSERT INTO factcheck.comments (id, statement_id, user_id, body) "
                              "VALUES (%s, %s, %s, %s)",
                              [str(uuid.uuid4()), row[0], self.me, "Checked the transcript"])
        return True

    def link(self) -> bool:
        row = self.pick()
        if row is None:
            return False
        evidence_id = str(uuid.uuid4())
        with self.conn.transaction():
            self.conn.execute("INSERT INTO factcheck.evidence (id, occurred_on, summary) "
                              "VALUES (%s, '2024-06-01', 'Ministry figures')", [evidence_id])
            self.conn.execute("INSERT INTO factcheck.links (id, statement_id, evidence_id, stance) "
                              "VALUES (%s, %s, %s, 'context')",
                              [str(uuid.uuid4()), row[0], evidence_id])
        return True

    def _step(self, state: str, where: str, params: tuple) -> bool:
        row = self.pick(where, params)
        if row is None:
            return False
        with self.conn.transaction():
            saved = self.conn.execute(
                "UPDATE factcheck.statements SET review_state = %s WHERE id = %s AND version = %s",
                [state, row[0], row[1]]).rowcount
        if not saved:
            with self.tally.lock:
                self.tally.stale[state] += 1
        return bool(saved)

    def submit(self) -> bool:
        return self._step("in_review", "review_state = 'draft' AND last_editor_id = %s", (self.me,))

    def approve(self) -> bool:
        return self._step("approved", "review_state = 'in_review' AND last_editor_id <> %s",
                          (self.me,))


def lost_updates(conn: psycopg.Connection, tally: Tally) -> int:
    """Check every acknowledged write against the server's own history."""
    recorded = set()
    for (changes,) in conn.execute("SELECT changes FROM factcheck.change_sets"):
        for change in changes:
            fields = change["fields"]
            if change["op"] == "update" and change["table"] == "statements" and "expectation" in fields:
                old, new = fields["expectation"]
                recorded.add((change["id"], old, new))
    lost = sum(1 for edit in tally.edits if edit not in recorded)
    per_login = Counter(dict(conn.execute(
        "SELECT user_name, count(*) FROM factcheck.change_sets GROUP BY user_name").fetchall()))
    lost += sum(max(0, n - per_login[login]) for login, n in tally.commits.items())
    return lost


def run_load(server: LocalServer, *, analysts: int, seconds: float, seed: int = 1,
             dbname: str = "load") -> dict:
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {dbname}")
    with psycopg.connect(server.url(dbname=dbname)) as conn:
        admin.init_workspace(conn, admin="lead", password="pw-lead", settings=DEFAULT_SETTINGS)
    logins = [f"analyst{n:02d}" for n in range(1, analysts + 1)]
    with psycopg.connect(server.url(user="lead", password="pw-lead", dbname=dbname)) as conn:
        for n, login in enumerate(logins):
            admin.add_user(conn, name=login, role="reviewer" if n % 3 == 0 else "analyst",
                           password=f"pw-{login}")
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=Analyst(
        login, server.url(user=login, password=f"pw-{login}", dbname=dbname), tally,
        seed * 1000 + n).run, args=(until,)) for n, login in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with psycopg.connect(server.url(user="lead", password="pw-lead", dbname=dbname)) as conn:
        lost = lost_updates(conn, tally)
        problem = chain.verify(conn)
        change_sets = chain.count(conn)
    return {"tally": tally, "lost": lost, "chain": problem, "change_sets": change_sets}


def _ms(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def report(result: dict, seconds: float, analysts: int) -> None:
    tally: Tally = result["tally"]
    print(f"{analysts} analysts for {seconds:.0f} s against a local PostgreSQL "
          f"({sum(len(v) for v in tally.latencies.values())} operations)")
    print(f"{'operation':<10}{'done':>8}{'refused':>9}{'stale':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for op in OPERATIONS:
        values = tally.latencies.get(op, [])
        stale = tally.stale[op] + (tally.stale["in_review"] if op == "submit" else 0) + (
            tally.stale["approved"] if op == "approve" else 0)
        print(f"{op:<10}{len(values):>8}{tally.refused[op]:>9}{stale:>7}"
              f"{_ms(values, 50):>9.1f}{_ms(values, 95):>9.1f}")
    print(f"acknowledged commits: {sum(tally.commits.values())}, change sets on the server: "
          f"{result['change_sets']}")
    print(f"lost updates: {result['lost']}")
    print(f"raw errors: {sum(tally.raw_errors.values())}")
    for message, n in tally.raw_errors.most_common(5):
        print(f"  {n} x {message}")
    print("history chain: " + ("intact" if result["chain"] is None else result["chain"].message))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--analysts", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with LocalServer(durable=True) as server:
        result = run_load(server, analysts=args.analysts, seconds=args.seconds, seed=args.seed)
    report(result, args.seconds, args.analysts)
    failed = result["lost"] or result["tally"].raw_errors or result["chain"] is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
