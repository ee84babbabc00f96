"""Bad import files: a clear message naming the problem, exit 2, and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import CLI, cli, snapshot  # noqa: F401 - the fixture

S = {"quote": "We will open the bridge", "stated_on": "2023-01-10"}
CR = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "The bridge is open",
      "datePublished": "2023-02-01", "reviewRating": {"@type": "Rating", "alternateName": "False"}}

JSON_CASES = [
    ({"statements": [{**S, "quote": {"text": "x"}}]}, "row 1, field 'quote': must be text, not an object"),
    ({"statements": [{**S, "stated_on": True}]}, "row 1, field 'stated_on': must be text, not true/false"),
    ({"statements": [S, {**S, "tags": [1, 2]}]}, "row 2, field 'tags': must be a list of words"),
    ({"statements": [{**S, "tags": {"a": 1}}]}, "field 'tags': must be a list of words or "
                                                 "comma-separated text, not an object"),
    ({"statements": [{**S, "speaker": ["Ana"]}]}, "row 1, field 'speaker': must be text, not a list"),
    ({"statements": [{**S, "speaker": {"name": False}}]}, "row 1, speaker, field 'name': must be text"),
    ({"statements": [{**S, "source": "a newspaper"}]}, "row 1, field 'source': must be an object"),
    ({"statements": [{**S, "source": {"title": ["Daily"]}}]}, "row 1, source, field 'title': must be text"),
    ({"statements": [{**S, "evidence": 5}]}, "row 1, field 'evidence': must be a list of objects, "
                                             "not a number"),
    ({"statements": [{**S, "evidence": ["seen"]}]}, "row 1, evidence 1: must be an object, not text"),
    ({"statements": [{**S, "evidence": [{"summary": ["x"]}]}]},
     "row 1, evidence 1, field 'summary': must be text, not a list"),
    ({"statements": [{**S, "verdict_confidence": [90]}]}, "field 'verdict_confidence': must be text"),
    ({"statements": {"quote": "x"}}, "\"statements\" must be a list of objects, not an object"),
    ({"evidence": [{"summary": "ok"}, 5]}, "\"evidence\" item 2 must be an object, not a number"),
    ({**CR, "claimReviewed": 5}, "ClaimReview 1: 'claimReviewed' must be text, not a number"),
    ({**CR, "datePublished": 20230201}, "ClaimReview 1: 'datePublished' must be text"),
    ({**CR, "reviewRating": {"alternateName": 1}}, "ClaimReview 1, reviewRating: 'alternateName' "
                                                   "must be text, not a number"),
    ({**CR, "itemReviewed": {"author": {"name": ["x"]}}},
     "ClaimReview 1, itemReviewed.author: 'name' must be text, not a list"),
    ({**CR, "url": {"href": "x"}}, "ClaimReview 1: 'url' must be text, not an object"),
]


def _refused(cli: CLI, path: Path, message: str, *extra: str) -> None:
    before = snapshot(cli.w)
    code, out, err = cli("import", cli.w, path, "--as", "ana", *extra)
    assert (code, out) == (2, ""), err
    assert message in err and "unexpected" not in err and len(err.strip().splitlines()) == 1
    assert snapshot(cli.w) == before


@pytest.mark.parametrize(("data", "message"), JSON_CASES, ids=[m[:40] for _, m in JSON_CASES])
def test_json_field_of_the_wrong_type_is_named(cli: CLI, tmp_path: Path, data, message) -> None:  # noqa: F811
    path = tmp_path / "import.json"
    path.write_text(json.dumps(data))
    _refused(cli, path, message)


@pytest.mark.parametrize("shape", ['{{"statements": {open}{close}}}', "{open}{close}",
                                   '{{"@type": "ClaimReview", "x": {open}{close}}}',
                                   '{{"statements": [{{"quote": "q", "stated_on": "2023", '
                                   '"x": {open}1{close}}}]}}'])
def test_json_nested_2000_levels_is_refused(cli: CLI, tmp_path: Path, shape: str) -> None:  # noqa: F811
    opener, closer = ('{"a": ', "}") if "1{close}" in shape else ("[", "]")
    path = tmp_path / "deep.json"
    path.write_text(shape.format(open=opener * 2000, close=closer * 2000))
    _refused(cli, path, "the JSON is nested too deeply (more than 100 levels")


def test_a_page_whose_json_ld_is_nested_2000_levels_says_no_claimreview(cli: CLI, tmp_path) -> None:  # noqa: F811
    path = tmp_path / "page.html"
    path.write_text('<script type="application/ld+json">' + "[" * 2000 + "]" * 2000 + "</script>")
    _refused(cli, path, "no ClaimReview found")


def test_csv_cells_over_128_kb_import_whole(cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    long_original = "Слово " * 40_000  # about 280 KB of text in one cell
    path = tmp_path / "long.csv"
    path.write_text(f'quote,stated_on,original_text\n"We will open it",2023-01-10,"{long_original}"\n',
                    encoding="utf-8")
    assert cli.ok("import", cli.w, path, "--as", "ana").strip() == "imported 1 statement"
    [row] = cli.json("statement", "list", cli.w)
    shown = cli.json("statement", "show", cli.w, row["id"])
    assert shown["original_text"] == long_original.strip()


def test_csv_cell_over_the_limit_is_refused_naming_the_line(cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "huge.csv"
    path.write_text("summary\nfine\n" + "y" * (11 * 1024 * 1024) + "\n")
    _refused(cli, path, "CSV line 3: a cell is longer than 10 MB")


def test_csv_row_with_more_cells_than_columns_is_refused(cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "shifted.csv"
    path.write_text("quote,stated_on\nWe will, as promised, open it,2023-01-10\n")
    _refused(cli, path, "CSV line 2: 4 cells but only 2 columns in the header")
