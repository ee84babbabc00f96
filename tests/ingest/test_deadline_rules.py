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


def test_a_span_after_an_event_runs_from_the_date_the_article_gives_for_it():
    text = ('Опубликовано: 17.09.2025\n\nМанёвры Северного флота продлятся до 26 сентября.\n\n'
            '«Все корабли, задействованные в учениях, вернутся в пункты базирования в течение '
            'недели после их завершения», — сказал адмирал Николай Рябинин.\n\n'
            'Новая маршрутная сеть заработает с 1 июля, а не с 1 мая.\n\n'
            '«В течение трёх месяцев после запуска мы будем собирать обращения жителей», — '
            'сказал Антон Рыбаков.')
    assert _checks(text) == {
        "Все корабли, з": ("в течение недели после их завершения", "2025-10-03"),
        "В течение трёх": ("В течение трёх месяцев после запуска", "2025-10-01"),
    }


def test_seasons_halves_of_a_month_ranges_and_vague_spans_in_both_languages():
    text = ('Опубликовано: 12.11.2025\n\n«Пик придётся на вторую волну во второй половине '
            'декабря», — сказал Игорь Шилов.\n\n«Каждый пункт откроется этой осенью», — сказал '
            'Виктор Зотов.\n\n«Без пересмотра налогов в ближайшие два-три года город не '
            'справится», — сказал Иван Носков.\n\n«Все 48 пунктов, закрытых этим летом, '
            'возобновят работу в течение трёх месяцев», — сказала Наталья Соколова.\n\n'
            '"Most of these ships will change their flags within weeks," said Marcus Hale.')
    assert _checks(text) == {
        "Пик придётся н": ("во второй половине декабря", "2025-12-31"),
        "Каждый пункт о": ("этой осенью", "2025-11-30"),
        "Без пересмотра": ("в ближайшие два-три года", "2028-11-12"),
        "Все 48 пунктов": ("в течение трёх месяцев", "2026-02-12"),   # not the summer gone by
        "Most of these ": ("within weeks", None),
    }


def test_a_russian_quote_told_in_the_past_names_no_deadline():
    text = ('Дата публикации: 12.08.2025\n\n'
            '«В этом году мы открыли два моста», — сказал министр Иван Петров.\n\n'
            '«Третий мост откроют в конце следующего года», — добавил Петров.')
    got = {c.quote[:14]: (c.kind, c.check_by_phrase, c.check_by)
           for c in extract_article(text).candidates}
    assert got["В этом году мы"] == ("assertion", None, None)
    assert got["Третий мост от"][1:] == ("в конце следующего года", "2026-12-31")


def test_us_dates_a_byline_strip_a_days_hour_and_a_records_span():
    text = ('Taryn MacLeod · CPB News · Posted: Feb 13, 2025 5:00 AM AST | Last Updated: 2 '
            'hours ago\n\n"Crews will have water pressure restored by Friday night," the '
            'director said.\n\nThe reserves were "at their lowest level in 80 years", she said.')
    art = extract_article(text)
    assert art.published == "2025-02-13"
    assert {c.quote[:14]: (c.check_by_phrase, c.check_by) for c in art.candidates} == {
        "Crews will hav": ("by Friday night", "2025-02-14"),
        "at their lowes": (None, None)}
    assert extract_article("06/17/2025 04:52 PM EDT\n\nThe plan passed.").published == \
        "2025-06-17"


def test_a_fiscal_year_or_a_recess_is_dated_by_the_article_or_left_for_the_analyst():
    text = ('Published 2025-06-17\n\n'
            '"We will deliver the first ship by the end of fiscal 2027," Navy official Dana '
            'Whitcombe said. Fiscal 2027 ends Sept. 30, 2027.\n\n'
            '"We will publish the bill before the summer recess," Justice Secretary Helen Marsh '
            'said. MPs are due to break for the summer on 22 July.\n\n'
            '"We will sign it by the end of fiscal 2026," said Sam Ortiz, a contractor.')
    got = [(c.check_by_phrase, c.check_by) for c in extract_article(text).candidates]
    assert got == [("by the end of fiscal 2027", "2027-09-30"),
                   ("before the summer recess", "2025-07-22"),
                   ("by the end of fiscal 2026", None)]


def test_a_related_story_line_is_no_quote_and_a_day_before_its_month_is_a_day():
    text = ('Published 2025-08-01\n\n'
            'On 22 July, Mayor Tom Reid said the pool "will reopen after the repairs are done."\n\n'
            "RELATED: 'We had no warning': shops close as the advisory drags on\n\n"
            'Читайте также: «Мы остались без воды» — жители о третьем дне аварии')
    [c] = extract_article(text).candidates
    assert c.stated_on == "2025-07-22"


def test_quarters_late_days_weekdays_seasons_with_a_year_first_of_a_month_and_decades():
    ru = ('Дата публикации: 24.09.2025\n\n'
          '«Акты будут приняты до конца первого квартала 2026 года», — сказал министр Иван Лис.\n\n'
          '«Холод придёт в последних числах сентября», — сказал синоптик Олег Ким.\n\n'
          '«Все дома подключим к понедельнику», — сказал мэр Пётр Ершов.\n\n'
          '«Две сети перейдут на новую схему к лету 2026 года», — сказал аналитик Иван Лис.')
    got = [(c.check_by_phrase, c.check_by) for c in extract_article(ru).candidates]
    assert got == [("до конца первого квартала 2026 года", "2026-03-31"),
                   ("в последних числах сентября", "2025-09-30"),
                   ("к понедельнику", "2025-09-29"),
                   ("к лету 2026 года", "2026-08-31")]
    text = ('Published 2026-03-03\n\n'
            '"Every airport will have the scanners by the first of June," the minister, Ann '
            'Cole, said.\n\n'
            '"By the 2030s, schools will see 20 hot days a year," said scientist Lee Park.\n\n'
            'The ministry said payments would be made "before the end of May."')
    got = [(c.check_by_phrase, c.check_by) for c in extract_article(text).candidates]
    assert got == [("by the first of June", "2026-06-01"), ("By the 2030s", "2039-12-31"),
                   ("before the end of May", "2026-05-31")]


def test_a_month_in_a_clause_told_in_the_past_is_no_deadline():
    ru = ('Дата публикации: 03.12.2025\n\n'
          '«Предприятие работает штатно, в ноябре объём поставок вырос на 6%», — сообщили в '
          'пресс-службе компании «Молочный край».')
    [c] = extract_article(ru).candidates
    assert c.check_by_phrase is None and c.kind == "assertion"
