"""Russian verb forms from pymorphy3's dictionary: is a quote's verb in the future, and whose?

Russian marks the future by aspect, not by an auxiliary: "вернутся", "погасим", "развалятся"
are perfective verbs in the present form, which no word list can cover; the dictionary
(OpenCorpora, ~400k lemmas) knows each form's tense and person.
"""
from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)?")


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3
    import pymorphy3_dicts_ru

    # the dictionary's own path, not the entry point pymorphy3 looks for: a frozen app
    # (PyInstaller) carries the files but not the package metadata
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@lru_cache(maxsize=50000)
def parses(word: str) -> tuple:
    """pymorphy3's readings of a word, likeliest first (lower case, ё read as е); cached,
    since attribution asks about the same words of an article many times."""
    return tuple(_analyzer().parse(word.lower().replace("ё", "е")))


@lru_cache(maxsize=20000)
def _future_person(word: str) -> str | None:
    """'1per', '2per' or '3per' when the word's likeliest reading is a future indicative and
    none is a present ("проводим" is also the present of "проводить", "западу" rather the
    noun "запад": neither counts); a verb tied for likeliest with a rare noun counts
    ("закроем" is as likely "закрыть" as the noun "закрой"); else None."""
    found = parses(word)
    readings = [p.tag for p in found if p.tag.POS == "VERB" and p.tag.mood == "indc"]
    likeliest = [p for p in found if p.score >= found[0].score - 1e-9] if found else []
    if not found or not any(p.tag.POS == "VERB" for p in likeliest) or not readings \
            or any(t.tense != "futr" for t in readings):
        return None
    return readings[0].person


def future_persons(text: str) -> list[str]:
    """The person of each future verb in text, in order ("мы запустим" → ['1per'])."""
    out = []
    for m in _WORD.finditer(text):
        person = _future_person(m.group().lower().replace("ё", "е"))
        if person:
            out.append(person)
    return out


def only_past(text: str) -> bool:
    """"В этом году мы открыли мост": the quote tells what was done, no verb of it ahead."""
    tenses = set()
    for m in _WORD.finditer(text):
        found = parses(m.group())
        if found and found[0].tag.POS == "VERB":
            tenses.add(found[0].tag.tense)
    return tenses == {"past"}


def has_future(text: str) -> bool:
    return bool(future_persons(text))


def first_person_future(text: str) -> bool:
    """"Мы обжалуем", "я подпишу", "будем добиваться": the speaker's side will do it."""
    return "1per" in future_persons(text)


@lru_cache(maxsize=20000)
def is_proper_name(word: str) -> bool:
    """'Голованов', 'Меркель', 'Мерц': a surname or first name (or a word the dictionary does not
    know), not a common noun such as 'министр' or 'глава' that a role stem also matches."""
    if not _analyzer().word_is_known(word.lower().replace("ё", "е")):
        return True
    return any({"Surn", "Name", "Patr"} & set(p.tag.grammemes) for p in parses(word)
               if p.score >= 0.2)
