"""Quote, speaker and date quality of the article extractor on annotated articles."""
# Usage: python benchmarks/extraction_quality.py [ARTICLES_DIR] [--verbose]
# ARTICLES_DIR holds NAME.json annotations with NAME.txt and/or NAME.html beside them
# (default: resources/samples/articles); --verbose lists misses, false positives and
# wrong speakers.
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck_app.ingest.evaluation import MATCHING_RULE, SPEAKER_RULE, Totals, evaluate  # noqa: E402

# Each split is reported apart; a split missing here would silently drop out of the report.
SPLITS = ("dev", "heldout", "heldout2", "tune", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
TARGETS = {"recall": 0.95, "precision": 0.95, "speaker": 0.93, "stated": 0.90, "kind": 0.80,
           "deadline": 0.95}


def _table(totals: Totals) -> None:
    print(f"  {'article':38} {'gold':>4} {'found':>5} {'tp':>3} {'fp':>3} {'miss':>4} "
          f"{'opt':>3} {'spk':>5} {'date':>10} {'title':>5}")
    for s in totals.scores:
        date = ("ok " if s.date_ok else "BAD") + f" {s.date_found or '-'}" if s.date_checked \
            else f"-- {s.date_found or 'none'}"
        title = "" if s.path == "txt" else ("ok" if s.title_found == s.title_expected else "BAD")
        print(f"  {s.name:38} {s.gold:>4} {s.found:>5} {s.true_pos:>3} {s.false_pos:>3} "
              f"{len(s.misses):>4} {s.optional_hits:>3} {s.speaker_lenient:>2}/{s.true_pos:<2} "
              f"{date[:14]:>14} {title:>5}")


def _details(totals: Totals) -> None:
    for s in totals.scores:
        for q in s.misses:
            print(f"    MISS  [{s.name}] {q!r}")
        for q in s.false_positives:
            print(f"    FP    [{s.name}] {q!r}")
        for q, got, want in s.wrong_speakers:
            print(f"    SPK   [{s.name}] {q!r}: got {got!r}, want {want!r}")
        for q, field, got, want in s.wrong_fields:
            print(f"    {field.upper():9} [{s.name}] {q!r}: got {got!r}, want {want!r}")


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _figures(label: str, t: Totals, below: list[str]) -> None:
    """One line per metric for one language and split; figures under target are listed."""
    if not t.scores:
        return
    figures = {
        "recall": t.recall if t._sum("gold") else None,
        "precision": t.precision if t._sum("gold") else None,
        "speaker": t.speaker_lenient if t._sum("true_pos") else None,
        "stated": t.ratio("stated_right", "stated_checked"),
        "kind": t.ratio("kind_right", "kind_checked"),
        "deadline": t.ratio("deadline_exact", "deadline_gold"),
    }
    dl_dates = t.ratio("deadline_date_right", "deadline_gold")
    print(f"  {label:16} " + "  ".join(f"{k} {_fmt(v)}" for k, v in figures.items())
          + f"  (deadline date {_fmt(dl_dates)}, {t._sum('deadline_extra')} extra phrases; "
            f"{t._sum('gold')} quotes, {t._sum('deadline_gold')} deadlines)")
    for what, value in figures.items():
        if value is not None and value < TARGETS[what]:
            below.append(f"{label} {what}")


def _splits(totals: Totals) -> list[str]:
    """The splits present, dev first, then the held-out groups and any others by name."""
    found = {s.split for s in totals.scores}
    return sorted(found, key=lambda name: (name != "dev", name))


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv or "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    root = Path(args[0]) if args else ROOT / "resources" / "samples" / "articles"
    started = time.perf_counter()
    results = evaluate(root)
    elapsed = time.perf_counter() - started
    print(f"Matching rule: {MATCHING_RULE}.")
    print(f"Speaker rule: {SPEAKER_RULE}.")
    print("Dates: HTML pages are checked against the annotated publication date; plain texts "
          "only where the text states the date (published_in_txt), and elsewhere must not "
          "invent one.\n")
    below: list[str] = []
    for path, totals in results.items():
        ok_dates, n_dates = totals.dates
        titles = [s for s in totals.scores if s.path == "html"]
        print(f"== {path.upper()} input ({len(totals.scores)} articles)")
        _table(totals)
        if verbose:
            _details(totals)
        print(f"  publication date  {ok_dates}/{n_dates} right where stated; "
              f"{totals.invented_dates} invented where not stated")
        if titles:
            print(f"  title             {sum(s.title_found == s.title_expected for s in titles)}"
                  f"/{len(titles)} exact")
        if ok_dates < n_dates:
            below.append(f"{path} publication dates")
        for split in _splits(totals):
            for lang in sorted({s.language for s in totals.scores}):
                _figures(f"{path} {split} {lang}", totals.part(split=split, language=lang),
                         below)
        print()
    print(f"Targets: {', '.join(f'{k} >= {v}' for k, v in TARGETS.items())} "
          "(speaker of matched quotes; stated date and kind of matched annotated quotes; "
          "deadline = the annotated check-by phrase proposed exactly).")
    print("All targets met." if not below else f"Below target: {', '.join(below)}.")
    print(f"({elapsed:.1f} s for {sum(len(t.scores) for t in results.values())} extractions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
