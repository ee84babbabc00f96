"""Plain-text input: debris removal, title, publication date and the date of each statement."""
from __future__ import annotations

import datetime as dt

import pytest

from factcheck_app.ingest import extract_article
from factcheck_app.ingest.dates import published_in_text, stated_date

PUB = dt.date(2023, 1, 10)          # a Tuesday


@pytest.mark.parametrize("after, before, expected", [
    (" on Tuesday during a meeting", "", ("2023-01-10", "day")),      # the publication day
    (" on Monday", "", ("2023-01-09", "day")),                         # Monday before it
    (" last Tuesday", "", ("2023-01-03", "day")),
    (" in October that the path was clear", "", ("2022-10", "month")),
    (" in December", "", ("2022-12", "month")),
    (" in January", "", ("2023-01", "month")),
    (" on Jan. 5", "", ("2023-01-05", "day")),
    (" on March 3, 2021", "", ("2021-03-03", "day")),
    (" yesterday", "", ("2023-01-09", "day")),
    (" last year", "", ("2022", "year")),
    (" at the time about the withdrawal", "", ("2023-01-10", "day")),  # no date: publication
    ("", "On Monday, the minister", ("2023-01-09", "day")),            # before the verb
    (" who will testify Thursday", "", ("2023-01-10", "day")),         # future: ignored
])
def test_stated_date(after, before, expected):
    assert stated_date(after, before, PUB) == expected


def test_september_of_that_year_uses_the_year_named_before():
    earlier = "The protests of 2020 were the largest in the country's history."
    assert stated_date(" RT in September of that year.", "", PUB, earlier) == ("2020-09", "month")
    assert stated_date(" RT in September of that year.", "", PUB, "") == ("2022-09", "month")


def test_no_publication_date_gives_no_relative_date():
    assert stated_date(" on Tuesday", "", None) == (None, "day")
    assert stated_date(" on March 3, 2021", "", None) == ("2021-03-03", "day")


def test_publication_date_in_plain_text():
    assert published_in_text("Body text.\n\nAll news articles on 2023-01-10\n\nYou may like\n\n"
                             "News/Politics 2023-01-12T20:27:10.499Z") == PUB
    assert published_in_text("Headline here\n\nPublished Nov 19, 2019 at 7:07 PM\n\nBody.") == \
        dt.date(2019, 11, 19)
    assert published_in_text("Officials said on March 3, 2021, the plan had been approved by the "
                             "committee after a long debate in parliament.") is None


def test_a_timestamp_line_under_the_headline_is_the_publication_date():
    # day-first dotted dates, and lines that are a timestamp and little else
    assert published_in_text("Headline\n\n12.11.2025 11:30 (обновлено: 14:02 12.11.2025)\n\n"
                             "Body.") == dt.date(2025, 11, 12)
    assert published_in_text("Заголовок\n\nДата публикации: 17.04.2025, 10:24\n\nТекст.") == \
        dt.date(2025, 4, 17)
    assert published_in_text("Headline\n\nBy A. Writer\n\nUpdated 5:47 PM EDT, June 27, 2025"
                             "\n\nBody.") == dt.date(2025, 6, 27)
    assert published_in_text("Headline\n\nJune 17, 2025 2:14 PM GMT+2 Updated 3 hours ago\n\n"
                             "Body.") == dt.date(2025, 6, 17)
    # a dotted figure that is no day of a month is no date
    assert published_in_text("Headline\n\nVersion 3.14.2024\n\nBody.") is None


def test_seed_article_title_date_debris_and_speakers(seed):
    assert seed.title == "Lukashenko promotes the integration of Belarus with Russia"
    assert seed.published == "2023-01-10"
    assert seed.language == "en"
    for debris in ("Subscribe to continue reading", "Trends 24h", "You may like", "© Communities",
                   "Follow all the international", "The Limited Times", "2023-01-12"):
        assert debris not in seed.text
    assert seed.text.startswith("Ukraine tightens border")
    by_quote = {c.quote: c for c in seed.candidates}
    assert by_quote["a conspiracy theory"].speaker == "Aleksandr Lukashenko"
    assert by_quote["a conspiracy theory"].stated_on == "2022-12"
    assert by_quote["a conspiracy theory"].stated_precision == "month"
    first = seed.candidates[1]
    assert first.quote.startswith("Our destiny") and first.stated_on == "2023-01-10"


def test_follow_us_and_newsletter_lines_are_removed():
    art = extract_article('"We will keep fighting for the workers," said union leader Jo Marsh.\n\n'
                          "Follow NBC Latino on Facebook, Twitter and Instagram.\n\n"
                          "Sign up for our daily newsletter")
    assert art.text == '"We will keep fighting for the workers," said union leader Jo Marsh.'
    assert art.published is None and art.title is None


def test_plain_text_without_headline_has_no_title():
    art = extract_article("WASHINGTON (AP) — The Senate passed the bill on Tuesday after a long "
                          "debate that lasted well into the night, sending it to the president.")
    assert art.title is None
