"""How article extraction scales: long texts, workspaces with many speakers, oversize input."""
# Usage: python benchmarks/extraction_speed.py [--runs 3] [--sizes 0.5,1,2,5] [-n 25000]
# Prints medians; asserts nothing.
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.make_workspace import make_workspace  # noqa: E402
from factcheck_app.domain.errors import InvalidInput  # noqa: E402
from factcheck_app.ingest.extract import MAX_INPUT_BYTES, extract_article  # noqa: E402
from factcheck_app.ingest.names import tokenize  # noqa: E402
from factcheck_app.services import articles  # noqa: E402
from factcheck_app.services.workspace import Workspace  # noqa: E402

SEED = ROOT / "resources" / "samples" / "seed-article.txt"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def long_texts(sizes: list[float], runs: int) -> None:
    base = SEED.read_text(encoding="utf-8")
    print("Long articles (the seed article repeated); baseline = one tokenizer pass over the "
          "same text")
    print(f"  {'MB':>5} {'quotes':>7} {'extract s':>10} {'s per MB':>9} {'baseline s':>11} "
          f"{'x baseline':>10}")
    for mb in sizes:
        text = "\n\n".join([base] * (int(mb * 1e6 / len(base)) + 1))
        found = len(extract_article(text).candidates)
        took = median_time(lambda: extract_article(text), runs)
        floor = median_time(lambda: tokenize(text), runs)
        print(f"  {len(text) / 1e6:5.1f} {found:7d} {took:10.2f} {took / (len(text) / 1e6):9.2f} "
              f"{floor:11.2f} {took / floor:10.1f}")
    big = b"x" * (MAX_INPUT_BYTES + 1)
    started = time.perf_counter()
    try:
        extract_article(big)
    except ValueError as error:
        print(f"  over the {MAX_INPUT_BYTES // 2**20} MB limit: refused in "
              f"{(time.perf_counter() - started) * 1000:.0f} ms: {error}")


def many_speakers(n: int, runs: int) -> None:
    raw = SEED.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workspace(Path(tmp) / "big.factcheck", n, seed=1)
        ws = Workspace.open(path)
        try:
            count = len(articles.known_speakers(ws))
            bare = median_time(lambda: articles.extract(None, raw, filename=SEED.name), runs)
            known = median_time(lambda: articles.extract(ws, raw, filename=SEED.name), runs)
            lookup = median_time(lambda: articles.known_speakers(ws), runs)
        except InvalidInput as error:
            print(f"  refused: {error}")
            return
        finally:
            ws.close()
    print(f"\nSeed article against a workspace of {n} statements and {count} speakers")
    print(f"  without a workspace (baseline)   {bare * 1000:8.0f} ms")
    print(f"  matched to the workspace         {known * 1000:8.0f} ms "
          f"(of which reading the speakers {lookup * 1000:.0f} ms)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="0.5,1,2,5", help="MB of text, comma-separated")
    parser.add_argument("-n", type=int, default=25000, help="statements in the workspace")
    args = parser.parse_args(argv)
    long_texts([float(s) for s in args.sizes.split(",")], args.runs)
    many_speakers(args.n, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
