"""How long the period report over 1,000 statements takes, as PDF and as HTML.

    .venv/bin/python benchmarks/report_speed.py [-n 1000] [--runs 3] [--keep DIR]
        [--workspace PATH] [--from DATE] [--to DATE]

Builds a workspace of N statements in a temporary folder (with
benchmarks/make_workspace.py when it is there, else a small generator below),
then times, median of --runs runs each:

  baseline   the raw data query that feeds the report (queries.list_statements of
             every statement), measured in the same run on the same machine
  gather     reading every statement's dossier into the report model
  pdf        the whole export to PDF (gather + layout + writing), target < 10 s on 2 cores
  html       the whole export to HTML

Drafts are included, so every one of the N statements is in the report; with --from/--to
the report covers that period only (on a large --workspace, one year's long statement table
is where the PDF layout used to slow down).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from factcheck_app.services import queries  # noqa: E402
from factcheck_app.services import reports as report_service  # noqa: E402
from factcheck_app.services.reports import ExportRequest  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402

PDF_TARGET_S = 10.0


def make(path: Path, n: int) -> str:
    """A workspace of n statements; returns which generator made it."""
    try:
        from benchmarks.make_workspace import make_workspace
    except ImportError:
        try:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from make_workspace import make_workspace  # type: ignore[no-redef]
        except ImportError:
            make_workspace = None
    if make_workspace is not None:
        make_workspace(path, n)
        return "benchmarks/make_workspace.py"
    _small_generator(path, n)
    return "the generator in report_speed.py"


def _small_generator(path: Path, n: int) -> None:
    """Fallback: n statements by 40 speakers, a third rated with evidence, most approved."""
    import json
    import random
    from datetime import date, timedelta

    from factcheck_app.domain import records as rec
    from factcheck_app.domain.ids import new_id
    from factcheck_app.storage import records

    rng = random.Random(1)
    ws = Workspace.create(path, admin="bench", display_name="Bench Admin")
    actor = ws.actor
    try:
        with ws.store.transaction() as db:
            speakers = [{"id": new_id(), "name": f"Speaker {i:02d}", "kind": "person",
                         "aliases": "[]", "title": "Minister", "country": "Belarus"}
                        for i in range(40)]
            records.insert_many(db, "speakers", speakers, actor=actor)
            source = {"id": new_id(), "title": "Daily briefing", "outlet": "Example News",
                      "url": "https://news.example.org/briefing", "published_on": "2022-01-01"}
            records.insert_many(db, "sources", [source], actor=actor)
            statements, evidence, links, verdicts = [], [], [], []
            for i in range(n):
                day = date(2018, 1, 1) + timedelta(days=rng.randrange(0, 2500))
                verdict = rng.choice(("pending", "pending", "held", "broken", "partly_held"))
                row = {
                    "id": new_id(), "quote": f"We will deliver project number {i} on time and "
                    "within budget, as promised to the people,", "speaker_id":
                    rng.choice(speakers)["id"], "stated_on": day.isoformat(),
                    "stated_precision": "day", "stated_sort": day.isoformat(),
                    "source_id": source["id"], "kind": "promise", "tags": json.dumps(["economy"]),
                    "expectation": "The project is finished and open.",
                    "check_by": (day + timedelta(days=365)).isoformat(), "verdict": verdict,
                    "verdict_rationale": None if verdict == "pending" else "The records show it.",
                    "verdict_confidence": None if verdict == "pending" else 0.8,
                    "review_state": "approved", "last_editor_id": actor.user_id,
                    "approved_by": actor.user_id, "approved_at": "2024-01-01T00:00:00+00:00",
                }
                statements.append(row)
                if verdict != "pending":
                    ev = {"id": new_id(), "occurred_on": (day + timedelta(days=400)).isoformat(),
                          "title": f"Project {i} status", "summary": "An audit report said so.",
                          "source_id": source["id"]}
                    evidence.append(ev)
                    stance = {"held": "supports", "broken": "contradicts"}.get(verdict, "context")
                    links.append({"id": new_id(), "statement_id": row["id"],
                                  "evidence_id": ev["id"], "stance": stance})
                    verdicts.append({"id": new_id(), "statement_id": row["id"],
                                     "verdict": verdict, "rationale": "The records show it.",
                                     "confidence": 0.8})
            content = {e["id"]: e for e in evidence}
            for row in statements:
                own = [{**content[link["evidence_id"]], **link} for link in links
                       if link["statement_id"] == row["id"]]
                row["approved_hash"] = rec.content_hash(row, own)
            for table, rows in (("statements", statements), ("evidence", evidence),
                                ("links", links), ("verdicts", verdicts)):
                records.insert_many(db, table, rows, actor=actor)
    finally:
        ws.close()


def median_time(runs: int, work: Callable[[], object]) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the workspace and outputs here instead of a temp folder")
    parser.add_argument("--workspace", type=Path, default=None,
                        help="an existing workspace to report on instead of a new one")
    parser.add_argument("--from", dest="date_from", default=None)
    parser.add_argument("--to", dest="date_to", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = args.workspace or folder / f"bench-{args.n}.factcheck"
        if path.exists():
            made_by = "an existing file"
        else:
            began = time.perf_counter()
            made_by = make(path, args.n)
            print(f"workspace: {args.n:,} statements by {made_by} "
                  f"in {time.perf_counter() - began:.1f} s")
        with Workspace.open(path, readonly=True, backup_on_open=False) as ws:
            request = dict(report="period", include_drafts=True, date_from=args.date_from,
                           date_to=args.date_to)
            total = len(report_service.build_report(
                ws, ExportRequest(format="html", output="-", **request)).statements)
            baseline, _ = median_time(args.runs, lambda: queries.list_statements(ws))
            gather, _ = median_time(args.runs, lambda: report_service.build_report(
                ws, ExportRequest(format="html", output="-", **request)))
            pdf, pdf_runs = median_time(args.runs, lambda: report_service.export(
                ws, ExportRequest(format="pdf", output=folder / "period.pdf", **request)))
            html, html_runs = median_time(args.runs, lambda: report_service.export(
                ws, ExportRequest(format="html", output=folder / "period.html", **request)))
            pages = _pages(folder / "period.pdf")
        cores = os.cpu_count() or 1
        print(f"period report over {total:,} statements (drafts included), median of "
              f"{args.runs} runs, {cores} CPU cores:")
        print(f"  baseline  raw statement query          {baseline * 1000:8.0f} ms")
        print(f"  gather    report model (all dossiers)  {gather * 1000:8.0f} ms")
        print(f"  PDF       whole export{'':17}{pdf * 1000:8.0f} ms  "
              f"({pages} pages, {(folder / 'period.pdf').stat().st_size / 1e6:.1f} MB; "
              f"target < {PDF_TARGET_S:.0f} s on 2 cores: "
              f"{'met' if pdf < PDF_TARGET_S else 'MISSED'}; runs "
              f"{', '.join(f'{t:.2f}' for t in pdf_runs)} s)")
        print(f"  HTML      whole export{'':17}{html * 1000:8.0f} ms  "
              f"({(folder / 'period.html').stat().st_size / 1e6:.1f} MB; runs "
              f"{', '.join(f'{t:.2f}' for t in html_runs)} s)")
        print(f"  PDF is {pdf / baseline:,.0f}x the baseline query; rendering alone "
              f"~{max(0.0, pdf - gather):.2f} s")
        return 0 if pdf < PDF_TARGET_S else 1


def _pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


if __name__ == "__main__":
    sys.exit(main())
