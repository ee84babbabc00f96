"""Quotation-mark handling: pairing, splits, multi-paragraph runs, fragments and exclusions."""
from __future__ import annotations

import pytest

from factcheck_app.ingest import extract_article

from .conftest import quotes_of


def _quotes(text: str) -> list[str]:
    return [c.quote for c in extract_article(text).candidates]


@pytest.mark.parametrize("text", [
    'Ms. Reyes said: "The budget will be balanced by next year."',
    "Ms. Reyes said: “The budget will be balanced by next year.”",
    "Ms. Reyes said: “The budget will be balanced by next year.\"",       # opened “ closed "
    'Ms. Reyes said: "The budget will be balanced by next year.”',        # opened " closed ”
    "Ms. Reyes said: « The budget will be balanced by next year. »",
])
def test_straight_curly_and_mismatched_marks(text):
    assert _quotes(text) == ["The budget will be balanced by next year."]


def test_quote_split_by_its_attribution_gives_two_entries():
    text = '"We are ready," coach Dan Ruiz said, "and we expect to win on Saturday."'
    assert quotes_of(text) == {"We are ready,": "Dan Ruiz",
                               "and we expect to win on Saturday.": "Dan Ruiz"}


def test_each_reopening_paragraph_is_its_own_entry():
    text = ('Senator Ann Cole spoke for an hour. "The first thing we must do is fix the roads.\n\n'
            '"The second thing is to pay our teachers properly.\n\n'
            '"And the third is to stop wasting money," Cole said.')
    assert _quotes(text) == ["The first thing we must do is fix the roads.",
                             "The second thing is to pay our teachers properly.",
                             "And the third is to stop wasting money,"]


def test_paragraph_without_closing_mark_runs_to_its_end():
    text = ('Mayor Tim Hale told reporters: "We will rebuild every house that was lost\n\n'
            "Nobody asked.")
    assert _quotes(text) == ["We will rebuild every house that was lost"]


def test_quote_continuing_across_a_split_paragraph_is_one_entry():
    # no reopening mark in the second paragraph: the paragraph break is inside the quote
    text = ('“We will finish the line this year.\n\n'
            'Then we will start on the second one," the minister said.')
    assert _quotes(text) == ["We will finish the line this year.\n\n"
                             "Then we will start on the second one,"]


def test_partial_quote_of_three_words_is_kept():
    text = "Lukas Brand called the accusations “a political stunt” on Monday."
    assert quotes_of(text) == {"a political stunt": "Lukas Brand"}


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "“He told me, ‘Do not sign anything,’ and I listened,” said Ella Moss."
    assert quotes_of(text) == {"He told me, ‘Do not sign anything,’ and I listened,": "Ella Moss"}


@pytest.mark.parametrize("text", [
    'The minister said the report was "flawed" and "misleading."',          # one-word scare quotes
    'She dismissed the "fake news" claims as nonsense, the mayor said.',      # two words
    'The band played "We Will Rock You" as the crowd arrived.',              # a song title
    'Critics mocked the so-called "peace through strength" doctrine.',       # unattributed phrase
])
def test_scare_quotes_titles_and_unattributed_phrases_are_not_statements(text):
    assert _quotes(text) == []


def test_quoted_heading_on_its_own_line_is_skipped():
    text = ('"A question of trust"\n\n'
            'The committee met for three hours. "We have serious doubts about the contract," '
            'chair Ruth Lang said afterwards.')
    assert _quotes(text) == ["We have serious doubts about the contract,"]


def test_british_single_quotes():
    text = ("Ms Patel said the plan was flawed.\n\n'We cannot accept a deal that leaves farmers "
            "worse off,' she told the BBC. 'It is simply not good enough.'")
    assert quotes_of(text) == {
        "We cannot accept a deal that leaves farmers worse off,": "Patel",
        "It is simply not good enough.": "Patel"}


def test_apostrophes_do_not_open_quotes():
    text = ("The teachers' union said it won't back the plan. "
            "\"It's a bad deal for everyone,\" it said.")
    assert _quotes(text) == ["It's a bad deal for everyone,"]


def test_embedded_tweet_is_not_a_statement():
    text = ('"We will never give up on this fight," she wrote.\n\n'
            '"Thank you all for the support tonight" pic.twitter.com/abc123\n\n'
            '— Jane Roe (@janeroe) May 3, 2021')
    assert _quotes(text) == ["We will never give up on this fight,"]


def test_offsets_point_at_the_quote_in_the_returned_text():
    art = extract_article('Intro line here.\n\n"We did nothing wrong at all," he said.\n\n'
                          'Later, Jo Park said the firm would "fight this all the way."')
    assert art.candidates
    for c in art.candidates:
        assert art.text[c.start:c.end] == c.quote
        assert c.quote in c.context


def test_a_short_quoted_name_before_the_verb_neither_hides_the_speaker_nor_is_a_quote():
    text = ('Дата публикации: 15.10.2025\n\n'
            'В марте 2024 г. гендиректор «Северо-Западного авиационного центра» Вадим Соловец '
            'в интервью «Деловой неделе» обещал, что первые машины «поднимутся в небо до конца '
            '2025 года».')
    got = [(c.quote, c.speaker) for c in extract_article(text).candidates]
    assert got == [("поднимутся в небо до конца 2025 года", "Вадим Соловец")]
