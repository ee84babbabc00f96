"""Kind rules: how an analyst tells a promise from a prediction, a denial, a threat, an opinion."""
from __future__ import annotations

from factcheck_app.ingest import extract_article


def _kinds(text: str) -> dict[str, str]:
    return {c.quote[:14]: c.kind for c in extract_article(text).candidates}


def test_an_official_announcing_the_delivery_of_own_work_promises_a_commentator_predicts():
    text = ('Published 2024-05-02\n\n'
            'Harbour commissioner Olga Brandt said the new ferry service "will be up and running '
            'by the end of August."\n\n'
            '"Fares will climb sharply by the end of August," said Ivo Marek, an economist at '
            'the Baltic Institute.\n\n'
            'Мэр Ирина Лосева заявила, что новые автобусы «выйдут на линию до 1 июня».')
    assert _kinds(text) == {"will be up and": "promise", "Fares will cli": "prediction",
                            "выйдут на лини": "promise"}


def test_a_quote_right_after_a_denial_in_the_narrative_is_a_denial():
    text = ('Published 2024-05-02\n\nThe minister denied that any contract had been signed. '
            '"Every tender followed the law," she said. "The port will stay public."')
    got = _kinds(text)
    assert got["Every tender f"] == "denial"
    assert got["The port will "] != "denial"     # only the quote the denial introduces


def test_never_in_the_first_person_past_denies():
    text = ('Published 2024-05-02\n\n"We never signed any deal with the contractor," the '
            'mayor\'s office said.\n\n«Мы никогда не обещали снизить тарифы», — заявил '
            'министр Олег Павлов.')
    assert set(_kinds(text).values()) == {"denial"}


def test_we_expect_is_a_forecast_and_a_russian_present_verb_no_commitment():
    text = ('Published 2024-05-02\n\n"We expect demand to double," the airline\'s boss Tom '
            'Reyes said.\n\n«Мы ожидаем рост цен на топливо», — сказал аналитик Пётр Лис.\n\n'
            '«Мы обязуемся вернуть долги», — заявил глава компании Иван Сорокин.')
    assert _kinds(text) == {"We expect dema": "prediction", "Мы ожидаем рос": "prediction",
                            "Мы обязуемся в": "promise"}


def test_a_partial_quote_starting_with_a_verb_is_no_exhortation():
    text = ('Published 2024-05-02\n\nThe tenants\' leader Ana Bell said they would "take the '
            'landlord to the tribunal" if the rent rose again.\n\n"Take the bus tomorrow," '
            'Ana Bell said.')
    got = _kinds(text)
    assert got["take the landl"] == "threat"
    assert got["Take the bus t"] == "opinion"


def test_value_judgements_and_a_forecast_by_an_analyst():
    text = ('Published 2024-05-02\n\n"This is a cynical stunt," said Rob Hale.\n\n'
            '«Нам не нужен такой стадион», — заявил депутат Глеб Сом.\n\n'
            'По мнению экономиста Анны Рысь, «рубль подешевеет к лету».')
    assert _kinds(text) == {"This is a cyni": "opinion", "Нам не нужен т": "opinion",
                            "рубль подешеве": "prediction"}


def test_english_value_judgements_calls_on_others_and_labels_are_opinions():
    text = ('Published 2024-05-02\n\n"This is a historic day for the valley," said Mayor Rosa '
            'Lind. "We call on the province to match our funding."\n\n'
            '"The regulator must stop making excuses," said Tom Reed, a tenants\' advocate.\n\n'
            'Union leader Kay Ross called the offer "the worst deal in a generation" and said '
            'the cuts amounted to "a tax on nurses".\n\n'
            '"I am not going to pretend that this winter went well," Lind said.')
    got = _kinds(text)
    assert got == {"This is a hist": "opinion", "We call on the": "opinion",
                   "The regulator ": "opinion", "the worst deal": "opinion",
                   "a tax on nurse": "opinion", "I am not going": "opinion"}


def test_english_harm_on_a_condition_is_a_threat_a_plain_pledge_is_not():
    text = ('Published 2024-05-02\n\n"Any trawler that fishes in our zone without a licence '
            'will be seized," Fisheries Minister Ola Berg said.\n\nThe coast guard said it would '
            '"not allow any vessel into the area without permission."\n\n"We will cut the '
            'deficit, and no pensioner will pay a penny more," Berg said.')
    got = _kinds(text)
    assert got["Any trawler th"] == "threat"
    assert got["not allow any "] == "threat"
    assert got["We will cut th"] == "promise"


def test_english_rebuttal_of_told_accusations_and_without_foundation_are_denials():
    text = ('Published 2024-05-02\n\nThe mayor answered accusations that the contract was '
            'rigged.\n\n"Nothing in this tender was decided in advance," she said.\n\n'
            'A council spokesman said reports of a second contract were "completely without '
            'foundation".')
    got = _kinds(text)
    assert got["Nothing in thi"] == "denial"
    assert got["completely wit"] == "denial"


def test_an_official_reporting_own_side_delivery_or_action_with_a_deadline_promises():
    text = ('Published 2024-05-02\n\nHealth Minister Ana Roth said the new clinic would be '
            '"up and running by the end of June" and the first flats would be "handed over '
            'by December."\n\nOpposition leader Ben Kahn said his party would force a vote '
            '"by the end of the month".')
    assert set(_kinds(text).values()) == {"promise"}


def test_russian_future_is_read_from_the_verb_form_not_its_ending():
    # "дышим" is a present, "развалятся" a future no word list names; an official's future
    # for their own side's work is a promise, an expert's a forecast, "мы дышим" neither
    text = ('Опубликовано: 02.10.2025\n\n'
            '«Все 140 машин поступят в город до конца июня», — сказал руководитель департамента '
            'транспорта мэрии Антон Рыбаков.\n\n'
            'Эксперт Виктор Дьяков считает, что «без индексации сети просто развалятся».\n\n'
            '«Двенадцать лет мы дышим этой гарью», — сказала жительница Людмила Осипова.')
    assert _kinds(text) == {"Все 140 машин ": "promise", "без индексации": "prediction",
                            "Двенадцать лет": "assertion"}


def test_the_writers_frame_of_a_partial_quote_says_what_it_does():
    text = ('Published 2025-06-27\n\n'
            'The authority urged passengers to "have their say on the new network at a drop-in '
            'session".\n\nGov. Tom Ferris said he would veto any map that did not "reflect how '
            'the people of Wisconsin actually vote."\n\n'
            'Депутат Андрей Голованов назвал решение правительства «ударом по карманам '
            'пенсионеров».\n\n'
            'По словам директора Константина Рябова, если решение вступит в силу, компания «будет '
            'вынуждена уволить 400 человек».')
    assert _kinds(text) == {"have their say": "opinion", "reflect how th": "threat",
                            "ударом по карм": "opinion", "будет вынужден": "threat"}


def test_denials_said_without_the_word_deny():
    text = ('Published 2025-06-27\n\n'
            '"There was nothing partisan about these maps," Speaker Dale Brunner said.\n\n'
            'The ministry said the companies "have no connection to Russian oil".\n\n'
            '«Никаких превышений выбросов на полигоне не зафиксировано», — добавил Рябов.\n\n'
            'По словам министра, опасения «не имеют под собой никаких оснований».\n\n'
            '«Никаких изменений в планах в ближайшие месяцы не будет», — сказал Песков.')
    got = _kinds(text)
    assert [got[k] for k in ("There was noth", "have no connec", "Никаких превыш",
                             "не имеют под с")] == ["denial"] * 4
    assert got["Никаких измене"] != "denial"        # a forecast of no change, not a rebuttal


def test_a_norm_a_views_opening_and_a_russian_this_means_that_are_opinions():
    text = ('Published 2025-09-09\n\n'
            'The judges said the city "cannot be allowed to go under water every monsoon."\n\n'
            '"We think the drains were never cleaned," said councillor Ravi Menon.\n\n'
            '"We think the drains will be cleaned by October," said councillor Ravi Menon.')
    assert [c.kind for c in extract_article(text).candidates] == \
        ["opinion", "opinion", "prediction"]
    ru = ('Дата публикации: 19.03.2025\n\n'
          '«Закрыть 14 поликлиник одновременно — значит устроить коллапс», — сказал депутат '
          'Максим Ржевский.\n\n'
          '«Мы считаем, что преследование связано с его критикой властей», — заявили в '
          'правозащитном центре.\n\n'
          '«Мы считаем, что цены вырастут к лету», — сказал Ржевский.')
    assert [c.kind for c in extract_article(ru).candidates] == \
        ["opinion", "opinion", "prediction"]


def test_denials_of_what_was_done_and_a_lawyers_no_are_denials_a_complaint_is_not():
    text = ('Published 2025-03-04\n\n'
            '"Nobody was forced out of the scheme to make the figures look better," a '
            'spokesperson for the Department of Labour said.\n\n'
            'The council said "there is no plan to close the library this year."\n\n'
            '"My client never signed that contract," said Ruth Ames, his lawyer.\n\n'
            '"We heard about the closure from a neighbour. Nobody told us anything," said '
            'resident Paul Kerr.')
    assert [c.kind for c in extract_article(text).candidates] == \
        ["denial", "denial", "denial", "assertion"]
    ru = ('Дата публикации: 04.03.2025\n\n'
          '«Ни одна школа не закрывается, идёт обычный ремонт», — заявил вице-мэр Олег Сизов.\n\n'
          '«Взяток мой подзащитный не получал», — сказал адвокат Игорь Белов.\n\n'
          '«Ни одна из обещанных школ не открыта», — сказал депутат Пётр Лис.')
    assert [c.kind for c in extract_article(ru).candidates] == \
        ["denial", "denial", "assertion"]


def test_a_harm_to_others_in_the_passive_or_on_a_condition_is_a_threat():
    text = ('Published 2025-03-04\n\n'
            '"If the trust keeps closing wards at night, our nurses will refuse to work '
            'overtime," said union organiser Kate Doyle.\n\n'
            'Councillor Amir Shah said he would ask the assembly to "freeze the contract if '
            'the operator misses another deadline."\n\n'
            '"Managers who ignore the new rules will be fired," the chief executive, Mark '
            'Lowe, said.')
    assert {c.kind for c in extract_article(text).candidates} == {"threat"}
    ru = ('Дата публикации: 04.03.2025\n\n'
          '«Подрядчики, которые сорвут сроки, будут оштрафованы», — заявил губернатор Иван '
          'Котов.\n\n'
          '«Если ремонт не закончат к маю, мы пойдём в прокуратуру», — сказала депутат Анна '
          'Лис.')
    assert {c.kind for c in extract_article(ru).candidates} == {"threat"}


def test_judgements_said_as_a_debt_a_record_of_experience_trust_or_fairness_are_opinions():
    text = ('Published 2025-03-04\n\n'
            '"The ministry owes parents an explanation," said MP Lena Ford.\n\n'
            '"These are the worst floods I have seen in 40 years," said farmer Tom Hale.\n\n'
            'The party said it had "full confidence in the leader and her team".\n\n'
            '"I\'ll believe it when the first train leaves the station," said commuter Jo Park.')
    assert {c.kind for c in extract_article(text).candidates} == {"opinion"}
    ru = ('Дата публикации: 04.03.2025\n\n'
          '«Будет справедливо, если штраф заплатит подрядчик», — сказал депутат Пётр Лис.\n\n'
          '«Жителям нужны не обещания, а новые трубы», — заявила активистка Анна Сорокина.\n\n'
          '«Мы не видим оснований для паники, если поставки будут стабильными», — сказал '
          'аналитик Олег Ким.')
    assert {c.kind for c in extract_article(ru).candidates} == {"opinion"}


def test_a_readiness_frame_and_not_negotiable_commit_a_past_tale_has_no_deadline():
    ru = ('Дата публикации: 04.03.2025\n\n'
          'Директор завода Иван Котов заявил, что предприятие готово «поставить городу 40 '
          'автобусов в течение года».')
    [c] = extract_article(ru).candidates
    assert c.kind == "promise" and c.check_by_phrase == "в течение года"
    text = ('Published 2025-03-04\n\n'
            '"The ban stays until the river is clean. That is not negotiable," said Mayor Jane '
            'Ross.\n\n'
            '"We waited for the bus and nobody came until Friday night," said resident Paul Kerr.')
    first, second = extract_article(text).candidates
    assert first.kind == "promise"
    assert second.kind == "assertion" and second.check_by_phrase is None


def test_the_other_sides_failure_then_our_act_is_a_threat_an_outcome_is_a_forecast():
    text = ('Published 2026-01-14\n\n'
            '"If the county does not give us a timetable by Feb. 15, we will ask a judge to set '
            'one," said lawyer Ana Ruiz.\n\n'
            '"If rates do not fall, the deficit will double next year," said economist Li Wen.\n\n'
            '"We will not hesitate to impose the maximum penalty," the regulator said.')
    assert [c.kind for c in extract_article(text).candidates] == \
        ["threat", "prediction", "threat"]
    ru = ('Дата публикации: 13.11.2025\n\n'
          '«Если до 20 ноября денег не будет, спустимся в шахту», — сказал горняк Олег Ершов.\n\n'
          '«Если цены на уголь не вырастут, дефицит бюджета удвоится», — сказал экономист Иван '
          'Лис.\n\n'
          '«А тех, кто будет завышать цены, будем наказывать рублём», — заявил министр Пётр Ким.')
    assert [c.kind for c in extract_article(ru).candidates] == \
        ["threat", "prediction", "threat"]


def test_nobody_is_doing_it_and_not_a_single_one_deny_judgements_of_excuse_and_time():
    text = ('Published 2026-01-14\n\n'
            '"We have the money. Nobody is sitting on it," county manager Terry Oduya said.\n\n'
            '"Not a single field has been certified without a survey," the agency said.\n\n'
            '"There is no excuse for families to spend a second winter in campers," said '
            'councillor Jo Park.\n\n'
            '"Every tariff rise is simply a tax on the customers who already pay," said union '
            'leader Ade Bello.')
    assert [c.kind for c in extract_article(text).candidates] == \
        ["denial", "denial", "opinion", "opinion"]
    ru = ('Дата публикации: 03.12.2025\n\n'
          '«Правительству пора честно признать, что заморозка цен не работает», — сказал '
          'экономист Иван Лис.')
    assert [c.kind for c in extract_article(ru).candidates] == ["opinion"]


def test_what_others_tell_us_is_a_complaint_with_no_deadline_and_dont_expect_forecasts():
    ru = ('Дата публикации: 13.11.2025\n\n'
          '«Нам говорят: потерпите до весны. А мы уже терпели», — сказал горняк Олег Ершов.\n\n'
          '«Серийного производства раньше 2027 года ждать не стоит», — считает аналитик Иван '
          'Лис.')
    got = [(c.kind, c.check_by_phrase) for c in extract_article(ru).candidates]
    assert got[0] == ("assertion", None)
    assert got[1][0] == "prediction"
    text = ('Published 2026-01-14\n\n'
            '"We were told the road would reopen by March," said resident Paul Kerr.\n\n'
            '"At the current pace, clearing the land will take decades," said Catriona Blake, '
            'the charity\'s program manager.')
    got = [(c.kind, c.check_by_phrase) for c in extract_article(text).candidates]
    assert got == [("assertion", None), ("prediction", None)]


def test_organised_labour_acting_if_the_other_side_fails_is_a_threat():
    text = ('Published 2026-02-16\n\n'
            '"If the department cannot cool these rooms, teachers will take their classes to the '
            'hall," said federation president Maria Petrovic.')
    assert [c.kind for c in extract_article(text).candidates] == ["threat"]


def test_not_doing_and_not_about_to_is_a_denial():
    text = ('Published 2025-03-04\n\n'
            'The ministry said it "has not and will not sell the port to any foreign buyer."\n\n'
            'В МИД заявили, что страна «не ведёт и не собирается вести таких переговоров».')
    assert [c.kind for c in extract_article(text).candidates] == ["denial", "denial"]
