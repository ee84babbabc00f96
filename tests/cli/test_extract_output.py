"""`factcheck extract` shows what the import proposes: stated date, kind and check-by."""
from __future__ import annotations

from factcheck_app.cli import main


def test_extract_text_output_shows_the_proposed_claim_fields(tmp_path, capsys):
    article = tmp_path / "bridge.txt"
    article.write_text('Published 2024-05-02\n\n"We will reopen the bridge by the end of June," '
                       'Mayor Ana Ruiz said on Monday.\n\n"What a shameful waste," said Tom '
                       'Berg.\n\n"Traffic will ease soon," said Ivo Dar, an analyst.',
                       encoding="utf-8")
    assert main(["extract", str(article)]) in (0, None)
    out = capsys.readouterr().out
    assert "stated 2024-04-29 (day, from attribution); promise; " \
           "check by 2024-06-30 (“by the end of June”)" in out
    assert "opinion, not checkable; no check-by" in out
    assert "check by “soon” (vague: no date)" in out


def test_a_publication_date_given_for_an_article_without_one_dates_its_quotes(tmp_path, capsys):
    article = tmp_path / "pasted.txt"
    article.write_text('"We will reopen the bridge by the end of June," Mayor Ana Ruiz said on '
                       'Monday.', encoding="utf-8")
    assert main(["extract", str(article)]) in (0, None)
    assert "published unknown" in capsys.readouterr().out
    assert main(["extract", str(article), "--published", "2024-05-02"]) in (0, None)
    out = capsys.readouterr().out
    assert "published 2024-05-02" in out
    assert "stated 2024-04-29 (day, from attribution); promise; check by 2024-06-30" in out


def test_a_publication_date_that_is_not_a_date_is_refused_by_name(tmp_path, capsys):
    article = tmp_path / "pasted.txt"
    article.write_text('"We will reopen the bridge," Mayor Ana Ruiz said.', encoding="utf-8")
    assert main(["extract", str(article), "--published", "2024-13-02"]) == 2
    err = capsys.readouterr().err
    assert "'2024-13-02' is not a date" in err and "YYYY-MM-DD" in err
