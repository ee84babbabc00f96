"""Stated-date rules: years back, one occasion's date carried to its speakers, a body's official."""
from __future__ import annotations

from factcheck_app.ingest import extract_article


def _stated(text: str) -> dict[str, str | None]:
    return {c.quote[:14]: c.stated_on for c in extract_article(text).candidates}


def test_at_the_time_after_some_years_ago_goes_back_that_many_years():
    text = ('Published 2026-03-04\n\nThe tunnel plan was dropped three years ago. At the time, '
            'Mayor Lin Ho said the city "had other priorities for its money."\n\n'
            'Год назад губернатор Олег Ким обещал, что дорогу «откроют к лету этого года».')
    got = _stated(text)
    assert got["had other prio"] == "2023"
    assert got["откроют к лету"] == "2025"


def test_an_occasion_dated_in_the_narrative_dates_its_speakers_until_someone_else_speaks():
    text = ('Дата публикации: 2024-10-10\n\nМинистр транспорта Пётр Гусев во вторник осмотрел '
            'новый мост.\n\n«Мост откроется до конца года», — сказал министр.\n\n'
            'Мэр Ольга Рябова добавила, что «автобусы пойдут уже в декабре».\n\n'
            '«Мы не сорвём сроки», — подчеркнула она.\n\n'
            'Экономист Иван Лобов заявил: «Эти деньги потрачены впустую».')
    got = _stated(text)
    assert got["Мост откроется"] == got["автобусы пойду"] == got["Мы не сорвём с"] == "2024-10-08"
    assert got["Эти деньги пот"] == "2024-10-10"


def test_a_bodys_official_speaks_on_the_day_the_body_spoke():
    text = ('Published 2024-10-10\n\nThe energy regulator warned suppliers on Monday about '
            'late bills.\n\n"Every late bill will be refunded by March," the regulator\'s head, '
            'Sam Ode, told reporters.\n\n"This is far too little," said Kay Bell, a tenant.')
    got = _stated(text)
    assert got["Every late bil"] == "2024-10-07"
    assert got["This is far to"] == "2024-10-10"


def test_a_new_speaker_after_a_paragraph_that_set_its_own_past_is_dated_by_publication():
    text = ('Published 2024-10-10\n\nLast year the plant closed. "We had no orders," its owner '
            'Ben Fox said then.\n\n"Jobs will come back," said Lea Moss, a union leader.')
    got = _stated(text)
    assert got["We had no orde"] == "2023"
    assert got["Jobs will come"] == "2024-10-10"


def test_a_month_of_last_year_and_last_week_keep_their_month():
    text = ('Published 2025-10-15\n\nIn October last year, its chair, Ron Keyes, said the '
            'plan was "spending money it does not have".\n\n"Prices will fall in spring," the '
            'bank said in its bulletin last week.')
    got = _stated(text)
    assert got["spending money"] == "2024-10"
    assert got["Prices will fa"] == "2025-10"


def test_a_bodys_month_is_no_occasion_for_its_officials_words_today_its_spokesmans_day_is():
    text = ('Published 2025-11-20\n\nIn October, the Dental Association warned that clinics '
            '"will close this winter."\n\n"We have waited long enough," said Dr. Ivo Lasko, the '
            'association\'s president.\n\nThe transport ministry also weighed in on Tuesday. '
            '"No line will be cut," said its spokesman, Pavel Dusek.')
    got = _stated(text)
    assert got["We have waited"] == "2025-11-20"
    assert got["No line will b"] == "2025-11-18"


def test_a_lede_role_said_on_a_day_is_the_person_the_next_paragraph_names():
    text = ('LISBON, March 6 (Wire) - The navy will leave the port, the chief of the naval '
            'staff said on Wednesday.\n\n"Every frigate will sail home," Adm. Rui Costa told '
            'parliament.\n\nPublished 2025-03-06')
    assert _stated(text)["Every frigate "] == "2025-03-05"


def test_last_month_in_russian_and_a_since_that_dates_no_speech():
    text = ('Опубликовано: 17.04.2025\n\nВ прошлом месяце губернатор Алексей Кравцов обещал, что '
            'ремонт моста завершится «в течение трёх месяцев».\n\n'
            'Published 2025-09-09\n\nThe authority will restore 14 services cut since 2022 '
            '"within three months", the chair of its transport committee, Imran Shah, said.')
    got = {c.quote[:14]: (c.stated_on, c.check_by) for c in extract_article(text).candidates}
    assert got["в течение трёх"] == ("2025-03", "2025-06-01")
    assert got["within three m"][0] == "2025-04-17"    # the publication date, not 2022


def test_a_leads_event_day_dates_its_first_two_voices_and_not_the_reactions_after():
    text = ('Дата публикации: 14.08.2025\n\nТОМСК, 14 августа — «Сводка».\n\n'
            'Кировский районный суд Томска во вторник отменил решение городской избирательной '
            'комиссии, снявшей с выборов кандидата Павла Киреева.\n\n'
            'Судья Татьяна Гордеева указала, что экспертиза «проведена с грубыми нарушениями».\n\n'
            '«Это победа всех, кто ставил за меня подпись», — заявил Киреев после заседания.\n\n'
            '«Мы обжалуем это решение», — сказала председатель комиссии Людмила Вершинина.')
    got = _stated(text)
    assert got["проведена с гр"] == got["Это победа все"] == "2025-08-12"
    assert got["Мы обжалуем эт"] == "2025-08-14"


def test_a_lead_that_reports_speech_dates_only_that_speakers_words():
    text = ('Дата публикации: 17.04.2025\n\nСеть заработает с 1 июля, а не с 1 мая, как '
            'планировалось. Об этом в среду на брифинге сообщил глава департамента Антон '
            'Рыбаков.\n\n«Мы перенесли запуск», — сказал Рыбаков.\n\n'
            '«Людей снова поставили перед фактом», — заявила депутат Елена Михеева.')
    got = _stated(text)
    assert got["Мы перенесли з"] == "2025-04-16"
    assert got["Людей снова по"] == "2025-04-17"


def test_the_year_of_an_occasion_dates_its_words_and_a_then_role_keeps_the_speaker():
    text = ('Published 2025-06-17\n\n'
            'Dana Whitcombe now runs the shipyard. In a 2023 interview with the Ledger, '
            'Whitcombe, then the Navy’s program officer, said the frigate would be “the '
            'cheapest warship this country has ever built.”\n\n'
            'В интервью «Вестнику» 2022 года министр Олег Ким обещал, что мост «откроют через '
            'два года».')
    got = {c.quote[:14]: (c.stated_on, c.speaker) for c in extract_article(text).candidates}
    assert got["the cheapest w"] == ("2023", "Dana Whitcombe")
    assert got["откроют через "][0] == "2022"


def test_a_lead_is_dated_by_its_own_event_not_by_the_one_its_clause_recalls():
    text = ('Published 2025-02-13\n\n'
            'Residents spent a third day under a boil advisory Thursday as crews repaired a '
            'water main that ruptured early Tuesday near the river.\n\n'
            '"Crews will restore pressure by Friday," water director Carla Nguyen said.\n\n'
            'Council member Janelle Brooks said she would "call for an audit of the utility."\n\n'
            '"Nobody warned us about the pipes," resident Darnell Hayes said.')
    assert set(_stated(text).values()) == {"2025-02-13"}


def test_in_the_interview_takes_the_day_the_speaker_told_the_reporter():
    text = ('Published 2026-04-17\n\n'
            '"We will clear the fields by 2028," Deputy Minister Ihor Bezuhlyi told the Observer '
            'on April 16.\n\n'
            'Speaking to the committee last week, Bezuhlyi said the program was "underfunded by '
            'at least a third".\n\n'
            '"Not a single field has been certified without a survey," Bezuhlyi said in the '
            'interview.')
    got = _stated(text)
    assert got["Not a single f"] == "2026-04-16"
    assert got["underfunded by"] == "2026-04"
