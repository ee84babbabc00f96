"""`factcheck export` and `factcheck verify-package` from the command line."""

from __future__ import annotations

import json

import pytest

from factcheck_app.cli import main

from .helpers import pdf_pages, statement_id


def test_export_pdf_dossier_by_id_prefix(demo_path, demo, tmp_path, capsys):
    out = tmp_path / "dossier.pdf"
    sid = statement_id(demo, "Peskov")[:6]
    assert main(["export", str(demo_path), "--format", "pdf", "--report", "dossier",
                 "--statement", sid, "--output", str(out), "--page-size", "letter"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert "It is beyond any doubt" in " ".join(pdf_pages(out))


@pytest.mark.parametrize("fmt", ["html", "md", "json", "csv", "claimreview"])
def test_text_formats_go_to_stdout(published_path, capsys, fmt):
    assert main(["export", str(published_path), "--format", fmt, "--report", "period",
                 "--from", "2022", "--to", "2022-12-31"]) == 0
    out = capsys.readouterr().out
    assert out
    if fmt in ("json", "claimreview"):
        json.loads(out)


def test_full_data_export_without_report_still_works(demo_path, tmp_path, capsys):
    assert main(["export", str(demo_path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "factcheck.statements/1"
    out = tmp_path / "all.csv"
    assert main(["export", str(demo_path), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,quote,speaker,")


def test_markdown_report_to_file(demo_path, tmp_path):
    out = tmp_path / "due.md"
    assert main(["export", str(demo_path), "--format", "md", "--report", "due",
                 "--include-drafts", "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "DRAFT" in text and "# Due and overdue on" in text
    assert "Our destiny is to march together" in text


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf", "-o", "x.pdf"], "needs --report"),
    (["--format", "pdf", "--report", "period"], "writes a file"),
    (["--format", "html", "--report", "speaker"], "needs a speaker"),
    (["--format", "html", "--report", "speaker", "--speaker", "Nobody"], "no speaker named"),
    (["--format", "html", "--report", "period", "--from", "2023-02-30"], "not a real date"),
    (["--format", "html", "--report", "period", "--from", "2024", "--to", "2023"], "is after"),
    (["--format", "html", "--report", "dossier", "--statement", "ab"], "too short"),
    (["--format", "html", "--report", "dossier", "--statement", "ffffffff"], "no statement"),
])
def test_bad_input_is_one_line_and_exit_2(demo_path, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(demo_path), *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("factcheck: ")
    assert not list(tmp_path.iterdir())  # nothing written


def test_package_and_verify(demo_path, tmp_path, capsys):
    out = tmp_path / "p.zip"
    assert main(["export", str(demo_path), "--format", "package", "--report", "speaker",
                 "--speaker", "Makei", "-o", str(out)]) == 0
    assert main(["verify-package", str(out)]) == 0
    assert "ok" in capsys.readouterr().out
