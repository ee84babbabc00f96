"""From a quote to a checkable claim: stated date from context, kind, check-by, Russian."""
from __future__ import annotations

from factcheck_app.ingest import extract_article


def _by_quote(text: str) -> dict:
    return {c.quote[:30]: c for c in extract_article(text).candidates}


def test_seed_quotes_said_earlier_get_the_date_of_their_time(seed):
    got = {c.quote[:25]: (c.stated_on, c.stated_how) for c in seed.candidates}
    assert got["It is beyond any doubt,"] == ("2022-02", "context")
    assert got["Not a single soldier or p"] == ("2022-02", "context")
    assert got["You know how important yo"] == ("2020-09", "attribution")
    assert got["You are doing the right t"] == ("2023-01-09", "context")
    assert got["Almost all the bridges ha"][0] == "2022-10"


def test_seed_check_by_comes_from_the_quote_and_from_the_article(seed):
    media = next(c for c in seed.candidates if "media holding" in c.quote)
    assert (media.check_by_phrase, media.check_by) == (
        "this year, preferably in its first half", "2023-06-30")
    makei = next(c for c in seed.candidates if c.quote.startswith("Not a single"))
    assert (makei.check_by_phrase, makei.check_by) == ("after the exercises", "2022-02-20")


def test_kinds_are_proposed_and_opinions_are_not_checkable(seed):
    kinds = {c.quote[:20]: c for c in seed.candidates}
    assert kinds["Our destiny is to ma"].kind == "promise"
    assert kinds["You are doing the ri"].kind == "opinion"
    assert not kinds["You are doing the ri"].checkable
    assert kinds["There are no border "].kind == "assertion"
    text = ('Published 2024-05-02\n\n"The reports are completely false," the ministry said. '
            '"If they attack, we will retaliate with force," Defence Minister Ana Ruiz said. '
            '"Inflation will fall below 3% next year," central bank governor Tom Berg said.')
    got = {c.quote[:12]: c.kind for c in extract_article(text).candidates}
    assert got == {"The reports ": "denial", "If they atta": "threat", "Inflation wi": "prediction"}


def test_a_past_quote_gets_no_deadline():
    text = ('Published 2024-05-02\n\n"In a few months we have built two schools," '
            'Mayor Anna Lee said on Monday.')
    (c,) = extract_article(text).candidates
    assert c.check_by_phrase is None and c.stated_on == "2024-04-29"


RUSSIAN = """Опубликовано 2023-03-15

Пресс-секретарь президента России Дмитрий Песков заявил в понедельник, что работа идёт по плану.

«Мы завершим эту работу до конца года, в крайнем случае в первом полугодии следующего», — сказал Песков журналистам.

Официальный представитель МИД России Мария Захарова назвала эти сообщения ложью.

«Это не соответствует действительности. Никаких войск там нет», — заявила Захарова.

«Ответ будет жёстким», — пригрозил глава комитета Госдумы по обороне Андрей Картаполов.

По словам Пескова, «никаких изменений в планах в ближайшие месяцы не будет».
"""


def test_russian_quotes_speakers_kinds_and_deadlines():
    got = {c.quote[:20]: c for c in extract_article(RUSSIAN).candidates}
    work = got["Мы завершим эту рабо"]
    assert (work.speaker, work.kind) == ("Дмитрий Песков", "promise")
    assert (work.check_by_phrase, work.check_by) == ("до конца года", "2023-12-31")
    assert work.stated_on == "2023-03-13"          # "заявил в понедельник", the same occasion
    assert (got["Это не соответствует"].speaker, got["Это не соответствует"].kind) == (
        "Мария Захарова", "denial")
    assert got["Ответ будет жёстким"].speaker == "Андрей Картаполов"
    assert got["Ответ будет жёстким"].kind == "threat"
    plans = got["никаких изменений в "]
    assert plans.speaker == "Дмитрий Песков"        # "по словам Пескова": inflected surname
    assert plans.check_by_phrase == "в ближайшие месяцы" and plans.check_by_vague


def test_russian_speaker_matches_a_latin_record():
    art = extract_article(RUSSIAN, known_speakers=[("Dmitry Peskov", ["Kremlin spokesman"])])
    assert {c.speaker for c in art.candidates if "завершим" in c.quote} == {"Dmitry Peskov"}


def test_front_matter_is_metadata_not_quotes_or_text():
    text = ('---\ntitle: "Harbour deal will be signed by March"\n'
            'description: "The agreement is \\"close\\""\ndate: 2024-02-06\n---\n\n'
            '"We will sign the agreement by the end of March," minister João Alves said.')
    art = extract_article(text)
    assert art.published == "2024-02-06"
    assert art.title == "Harbour deal will be signed by March"
    assert [c.quote for c in art.candidates] == [
        "We will sign the agreement by the end of March,"]
    assert "description" not in art.text


def test_paired_single_marks_close_a_quote():
    text = 'Mayor Helen Park called the result “a win for every family in this city’’ on Tuesday.'
    assert [c.quote for c in extract_article(text).candidates] == [
        "a win for every family in this city"]


def test_language_of_a_russian_article(seed):
    assert extract_article(RUSSIAN).language == "ru"


def test_second_round_kind_cues_in_english():
    text = ('Published 2024-05-02\n\n'
            '"We will close every mine if the tax goes ahead," the miners\' leader Joe Lane said. '
            '"Voters should not trust these figures," said Kim Park, an economist.\n\n'
            'The army said it would "strike back hard" if the shelling went on.\n\n'
            '"The new hospital will be opened by the end of June," health minister Ivo Dar said.')
    got = {c.quote[:12]: c.kind for c in extract_article(text).candidates}
    assert got == {"We will clos": "threat", "Voters shoul": "opinion",
                   "strike back ": "threat", "The new hosp": "promise"}
    assert not next(c for c in extract_article(text).candidates
                    if c.quote.startswith("Voters")).checkable


def test_the_deadline_phrase_keeps_its_day_and_vague_ones_are_proposed():
    text = ('Published 2024-05-02\n\n"The report will be ready by July 15," Ana Ruiz said.\n\n'
            'Министр Олег Грин заявил, что цены «снизятся в ближайшие месяцы».')
    got = {c.quote[:10]: c for c in extract_article(text).candidates}
    assert (got["The report"].check_by_phrase, got["The report"].check_by) == (
        "by July 15", "2024-07-15")
    vague = got["снизятся в"]
    assert (vague.kind, vague.check_by_phrase, vague.check_by) == (
        "prediction", "в ближайшие месяцы", None)


def test_russian_adverb_before_the_verb_and_a_name_after_a_body_in_the_genitive():
    text = ('Дата публикации: 2024-05-02\n\nМэр Иван Орлов во вторник открыл новую станцию.\n\n'
            'Он также пообещал, что автобусы пойдут «до конца этого года».\n\n'
            '«Это очередное пустое обещание», — сказал аналитик Центра городских исследований '
            'Павел Ким.')
    got = {c.quote[:10]: c for c in extract_article(text).candidates}
    assert (got["до конца э"].speaker, got["до конца э"].kind) == ("Иван Орлов", "promise")
    assert got["Это очеред"].speaker == "Павел Ким"


def test_a_spokesperson_named_by_the_company_before_the_noun_speaks_for_it():
    text = ('Published 2024-05-02\n\nThe airline Skyway cut 40 routes.\n\n'
            '"Flights to Lisbon will resume in the spring," a Skyway spokesman said.')
    quote = extract_article(text).candidates[0]
    assert quote.speaker == "Skyway"
