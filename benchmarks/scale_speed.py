"""How a period report and the speakers, sources and dashboard views do on a large workspace.

    .venv/bin/python benchmarks/scale_speed.py --workspace PATH [--runs 5] [--target 2000]
    .venv/bin/python benchmarks/scale_speed.py -n 100000        # makes the workspace first

Prints, each as the median of --runs runs, next to a baseline measured in the same run:

  period report   building the report model (build_report, drafts included) for the
                  calendar quarter whose statements number closest to --target; baseline:
                  the plain SQL list of the statements said in that quarter. With --before,
                  also the way it was done before (every rated statement in the workspace
                  read one by one, then narrowed to the period), once, since it is slow.
  list views      the speakers and the sources view, from nothing to the first painted
                  frame at 1280x720 (the query, the model, the column fitting, the paint);
                  baseline: the view's own SQL query alone. Target: under 300 ms.
  dashboard       the same for the dashboard; baseline: its query.

Nothing is asserted: timing is not a test.
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

from factcheck_app.domain.filters import StatementFilter  # noqa: E402
from factcheck_app.domain.verdicts import PENDING  # noqa: E402
from factcheck_app.services import queries  # noqa: E402
from factcheck_app.services import sources as source_service  # noqa: E402
from factcheck_app.services import speakers as speaker_service  # noqa: E402
from factcheck_app.services.report_build import build_report  # noqa: E402
from factcheck_app.services.reports import ExportRequest  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402

VIEW_TARGET_MS = 300


def median_ms(runs: int, work: Callable[[], object]) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), times


def busiest_quarter(ws: Workspace, target: int) -> tuple[str, str, int]:
    """The calendar quarter whose number of statements said in it is closest to target."""
    rows = ws.store.db.execute(
        "SELECT substr(stated_sort, 1, 4) || '-' || ((CAST(substr(stated_sort, 6, 2) AS INT) "
        "+ 2) / 3) AS q, count(*) FROM statements WHERE length(stated_sort) >= 7 "
        "GROUP BY q").fetchall()
    quarter, count = min(rows, key=lambda r: abs(r[1] - target))
    year, number = quarter.split("-")
    first_month = 3 * int(number) - 2
    last_day = {3: 31, 6: 30, 9: 30, 12: 31}[first_month + 2]
    return (f"{year}-{first_month:02d}-01", f"{year}-{first_month + 2:02d}-{last_day}", count)


def period_before(ws: Workspace, low: str, high: str) -> int:
    """The former period selection: every rated statement's dossier read one by one."""
    f = StatementFilter(sort="stated", descending=False)
    made = queries.statement_ids(ws, f.with_(stated_from=low, stated_to=high))
    rated = queries.statement_ids(ws, f.with_(verdicts=tuple(
        k for k in ws.scale.keys if k != PENDING)))
    for statement_id in dict.fromkeys(made + rated):
        queries.get_statement(ws, statement_id)
    return len(made) + len(rated)


def first_paint_ms(make_view: Callable[[], object]) -> float:
    """From nothing to the view's first painted frame at 1280x720."""
    began = time.perf_counter()
    view = make_view()
    view.resize(1280, 720)
    view.show()
    view.grab()
    elapsed = (time.perf_counter() - began) * 1000
    view.close()
    view.deleteLater()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace", type=Path, help="an existing workspace to measure")
    parser.add_argument("-n", type=int, default=100_000,
                        help="without --workspace: statements in the workspace to make")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--target", type=int, default=2000,
                        help="statements in the period report (the nearest quarter is used)")
    parser.add_argument("--before", action="store_true",
                        help="also time the former period selection once (about a minute)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        path = args.workspace
        if path is None:
            from benchmarks.make_workspace import make_workspace

            path = make_workspace(Path(tmp) / "big.factcheck", args.n)
        return _measure(path, args)


def _measure(path: Path, args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from factcheck_app.ui.context import UiContext
    from factcheck_app.ui.dashboard import DashboardView
    from factcheck_app.ui.sources_view import SourcesView
    from factcheck_app.ui.speakers_view import SpeakersView

    with Workspace.open(path, readonly=True, backup_on_open=False) as ws:
        total = queries.count_statements(ws, StatementFilter())
        low, high, said = busiest_quarter(ws, args.target)
        request = ExportRequest(format="pdf", output="", report="period", date_from=low,
                                date_to=high, include_drafts=True)
        in_report = len(build_report(ws, request).statements)
        raw, _ = median_ms(args.runs, lambda: queries.list_statements(
            ws, StatementFilter(stated_from=low, stated_to=high)))
        report, report_runs = median_ms(args.runs, lambda: build_report(ws, request))
        print(f"{total:,} statements, {os.cpu_count() or 1} CPU cores, median of "
              f"{args.runs} runs")
        print(f"period report {low} .. {high}: {said:,} said in it, {in_report:,} in the "
              "report (said or rated in it)")
        print(f"  baseline  SQL list of the statements said in it   {raw:8.0f} ms")
        print(f"  build     the report model                        {report:8.0f} ms  "
              f"(runs {', '.join(f'{t:.0f}' for t in report_runs)})")
        if args.before:
            before, _ = median_ms(1, lambda: period_before(ws, low, high))
            print(f"  before    every rated statement read one by one   {before:8.0f} ms  "
                  f"({before / report:,.0f}x the build now)")

        ctx = UiContext(ws, runner=None)
        views = (("speakers", SpeakersView, lambda: speaker_service.list_speakers(ws)),
                 ("sources", SourcesView, lambda: source_service.list_sources(ws)),
                 ("dashboard", DashboardView, lambda: queries.dashboard(ws)))
        print(f"first paint at 1280x720 (target < {VIEW_TARGET_MS} ms for the lists):")
        for name, view, query in views:
            sql, _ = median_ms(args.runs, query)
            paint, runs = median_ms(args.runs, lambda v=view: first_paint_ms(lambda: v(ctx)))
            app.processEvents()
            print(f"  {name:<10} view {paint:6.0f} ms   its query alone {sql:6.0f} ms   "
                  f"(runs {', '.join(f'{t:.0f}' for t in runs)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
