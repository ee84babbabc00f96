"""Check-by phrases in English copy: kept exactly as written, dated by the quote or the article."""
from __future__ import annotations

from factcheck_app.ingest import extract_article


def _checks(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {c.quote[:14]: (c.check_by_phrase, c.check_by)
            for c in extract_article(text).candidates}


def test_fortnights_holidays_seasons_running_out_and_a_closing_full_stop():
    text = ('Published 2025-10-15\n\nThe mayor said the council would vote on the plan '
            '"within the next fortnight".\n\n"The first tenants will move in before Christmas '
            'next year," she said.\n\n"We will clear the backlog before the winter is out," '
            'she added.\n\nThe minister promised a report "by the end of June."')
    assert _checks(text) == {
        "within the nex": ("within the next fortnight", "2025-10-29"),
        "The first tena": ("before Christmas next year", "2026-12-25"),
        "We will clear ": ("before the winter is out", "2026-02-28"),
        "by the end of ": ("by the end of June", "2026-06-30"),
    }


def test_after_an_event_is_dated_by_the_end_the_article_gives_later_on():
    text = ('Published 2025-03-06\n\n"Every extra patrol will be withdrawn after the '
            'manoeuvres," General Ivo Brandt told parliament.\n\nThe manoeuvres, which began '
            'on Monday, involve 4,000 troops and run until March 21.')
    assert _checks(text) == {"Every extra pa": ("after the manoeuvres", "2025-03-21")}
