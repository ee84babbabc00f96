"""Russian bodies as speakers: "В прокуратуре Свердловской области назвали …", "— говорится в
сообщении ведомства", "— сообщили в пресс-службе компании".

A body speaks in Russian news through a place: the locative of its name before a plural verb,
or "в сообщении/в пресс-службе" + its genitive after the verb. The speaker is the body's name
in the nominative ("прокуратура Свердловской области"), which only a dictionary can give for
every head and adjective; a bare generic head ("ведомство", "компания", "региональное
правительство") means the body of that kind the article named last.
"""
from __future__ import annotations

import re

from .morph_ru import parses
from .names import Token

# lemmas of the nouns that name a body
_HEADS = frozenset("""прокуратура комиссия министерство правительство мэрия администрация
ведомство компания пресс-служба служба агентство комитет суд департамент управление
избирком облизбирком горизбирком минстрой минфин минздрав минобороны минтранс минэнерго
минэкономразвития минпросвещения минтруд минприроды минсельхоз минцифры мид кремль
посольство партия штаб совет дума госдума парламент фонд банк центробанк корпорация
госкорпорация концерн холдинг предприятие завод университет больница профсоюз
роспотребнадзор росстат росавиация роскомнадзор генпрокуратура следком""".split())
# heads that, written alone, stand for a body the article has already named
_GENERIC = frozenset("ведомство компания правительство мэрия администрация министерство "
                     "прокуратура предприятие служба пресс-служба комиссия агентство "
                     "комитет".split())
# "в сообщении ведомства": the document or office the body speaks through
_THROUGH = frozenset("сообщение заявление пресс-служба пресс-релиз телеграм-канал "
                     "релиз комментарий ответ".split())
_MINISTRY = re.compile(r"(?<![\w-])(?:[Мм]инистерств\w*(?:\s+[а-яё]+){1,3}(?:\s+[А-ЯЁ][а-яё]+)?"
                       r"|Мин[а-яё]{3,}|МИД\w*)")
# a named state body a later "ведомство" or "агентство" stands for
_BODY_NAMED = re.compile(_MINISTRY.pattern +
                         r"|(?<![\w-])(?:[Кк]омитет|[Аа]гентств|[Сс]лужб)\w*\s+по\s+[а-яё]+"
                         r"(?:\s+и\s+[а-яё]+)?(?:\s+[а-яё]+(?:ии|ия|ости|ции|ов|ей|а))?"
                         # "Государственная жилищная инспекция Новосибирской области",
                         # "Федеральная антимонопольная служба"
                         r"|(?<![\w-])[А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,2}\s+(?:инспекци|служб|надзор)\w*"
                         r"(?:\s+[а-яё]+)?(?:\s+(?:в\s+)?[А-ЯЁ][а-яё]+\s+(?:области|края|республики|"
                         r"округа))?")
# the ministry a short name ("Минобороны", "Минфин") stands for: a word of its full name
_MINISTRY_SHORT = {"минобороны": "оборон", "минфин": "финанс", "минздрав": "здравоохран",
                   "минэнерго": "энергет", "минтранс": "транспорт", "минстрой": "строител",
                   "минтруд": "труд", "минприроды": "природ", "минсельхоз": "сельск",
                   "минпросвещения": "просвещ", "минцифры": "цифров", "минюст": "юстиц",
                   "минэкономразвития": "экономическ", "мид": "иностранн"}
_QUOTED_COMPANY = re.compile(r"(?:компани|предприяти|ООО|АО|ПАО)\w*\s+«([^»]{2,40})»")
_REGION = re.compile(r"[А-ЯЁ][а-яё]+(?:ой|ого)\s+(?:области|края|республики|округа)")


def _parse(word: str, case: str | None = None):
    """The likeliest reading of word, in case if it has one there."""
    found = parses(word)
    if case:
        for p in found:
            if p.tag.case == case:
                return p
    return found[0] if found else None


def _lemma(word: str, case: str | None = None) -> str:
    p = _parse(word, case)
    return p.normal_form if p else word.lower()


def is_head(word: str, case: str | None = None) -> bool:
    return _lemma(word, case) in _HEADS


def is_participle(word: str) -> bool:
    p = _parse(word)
    return bool(p) and p.tag.POS == "PRTF"


def _nominative(word: str, case: str, gender: str | None = None) -> str:
    """One word of the head phrase in the nominative, its capital kept."""
    found = [p for p in parses(word) if p.tag.case == case]
    if gender:
        found = [p for p in found if p.tag.gender == gender] or found
    form = found[0].inflect({"nomn"}) if found else None
    out = form.word if form else word.lower()
    return out[0].upper() + out[1:] if word[0].isupper() else out


def body_at(toks: list[Token], k: int, case: str) -> tuple[str, int, int] | None:
    """The body phrase whose head is toks[k] (in case), in the nominative, with the index of
    its first and last token: adjectives before the head, genitive words after it."""
    head = toks[k]
    if not (head.is_word and is_head(head.text, case)):
        return None
    p = _parse(head.text, case)
    gender = p.tag.gender if p else None
    s = k
    while s > 0 and toks[s - 1].is_word and (q := _parse(toks[s - 1].text, case)) and \
            q.tag.POS in ("ADJF", "PRTF") and q.tag.case == case:
        s -= 1
    e = k + 1
    while e < len(toks) and toks[e].is_word and _is_genitive(toks[e]):
        e += 1
        # "Министерства труда и социальной защиты": one name joined by "и"
        if e > k + 1 and e + 1 < len(toks) and toks[e].low == "и" and _is_genitive(toks[e + 1]):
            e += 1
    words = [_nominative(t.text, case, gender) for t in toks[s:k]]
    words.append(_nominative(head.text, case))
    words += [t.text for t in toks[k + 1:e]]
    return " ".join(words), s, e - 1


def _is_genitive(tok: Token) -> bool:
    if tok.low in ("и", "в", "на", "по", "с", "о", "об", "от", "для", "что", "не"):
        return False
    found = parses(tok.low)
    genitive = any(p.tag.case == "gent" for p in found)
    if tok.is_cap:
        return genitive
    return bool(found) and found[0].tag.POS in ("NOUN", "ADJF") and genitive


def _body_from(toks: list[Token], i: int, case: str, reach: int) -> tuple[str, int, int] | None:
    """The body phrase that starts at toks[i], its head within reach words, in case: its
    name in the nominative and the index of its last word."""
    for k in range(i, min(i + reach, len(toks))):
        hit = body_at(toks, k, case)
        if hit is not None and hit[1] == i:
            return hit[0], hit[2]
    return None


def locative_body(toks: list[Token]) -> tuple[str, int, int] | None:
    """'В мэрии призвали', 'в Избирательной комиссии Томской области заявили': the last
    "в/во + body" in the words before a plural verb; its name and the span of its phrase."""
    found = None
    for i, t in enumerate(toks[:-1]):
        if t.low in ("в", "во"):
            hit = _body_from(toks, i + 1, "loct", 3) or _acronym_at(toks, i + 1)
            if hit is not None:
                found = (hit[0], t.start, toks[hit[1]].end)
    return found


def _acronym_at(toks: list[Token], k: int) -> tuple[str, int] | None:
    """'В МАГАТЭ сообщили', 'в ЦИК Татарстана заявили': an acronym does not decline, so
    the dictionary cannot tell its case; right before the verb (its genitive words between)
    it is the body that speaks."""
    word = toks[k].text
    if not (toks[k].is_word and len(word) >= 2 and word.isupper() and word.isalpha()):
        return None
    e = k + 1
    while e < len(toks) and toks[e].is_word and _is_genitive(toks[e]):
        e += 1
    if e != len(toks):
        return None
    return " ".join(t.text for t in toks[k:e]), e - 1


def through_body(toks: list[Token]) -> tuple[str, int, int] | None:
    """'говорится в сообщении военного ведомства', 'сообщили в Министерстве обороны России',
    'сообщили в пресс-службе компании': the body right after the verb, its name and span."""
    if len(toks) < 2 or toks[0].low not in ("в", "во"):
        return None
    if _lemma(toks[1].text, "loct") in _THROUGH:
        hit = _body_from(toks, 2, "gent", 3)
    else:
        hit = _body_from(toks, 1, "loct", 3)
    return (hit[0], toks[0].start, toks[hit[1]].end) if hit is not None else None


def specific(name: str, text: str, pos: int) -> str:
    """A generic head ('ведомство', 'регионального правительство', 'мэрия', 'компания') as the
    body of its kind the article named before pos; any other name as it is."""
    words = name.split()
    head = _lemma(words[-1], "nomn")
    if head not in _GENERIC or len(words) > 2:
        return name
    before = text[:pos]
    if head in ("ведомство", "агентство", "комитет", "служба", "пресс-служба") or \
            (head == "министерство" and len(words) == 1):
        last = _last(_BODY_NAMED if head != "министерство" else _MINISTRY, before)
        return _nominative_head(last.group()) if last else name
    if head in ("компания", "предприятие"):
        quoted = _last(_QUOTED_COMPANY, before)
        return quoted.group(1) if quoted else name
    if words[0].lower().startswith("регионал"):
        region = _last(_REGION, before)
        return f"{words[-1]} {region.group()}" if region else name
    stem = words[-1].lower()[:4]
    for m in re.finditer(rf"(?<!\w){stem}\w*\s+([А-ЯЁ][а-яё]+)", text, re.I):
        if _is_place(m.group(1)):
            return f"{words[-1]} {m.group(1)}"        # "мэрия Красноярска" named elsewhere
    if head == "мэрия":
        for m in re.finditer(r"(?<!\w)(?:[Гг]лава|[Мм]эр)\s+([А-ЯЁ][а-яё]+)", text):
            if _is_place(m.group(1)):
                return f"{words[-1]} {m.group(1)}"    # "Глава Красноярска" → its mayor's office
    return name


def _nominative_head(phrase: str) -> str:
    """"Министерстве обороны России" → "Министерство обороны России": its head word only."""
    first = phrase.split()[0]
    return _nominative(first, _parse(first).tag.case or "nomn") + phrase[len(first):]


def fullest(name: str, text: str) -> str:
    """A body under the fullest name the article gives it: "Минобороны" → "Министерство
    обороны" when the article spells it out, "комитет по здравоохранению" → "комитет по
    здравоохранению Петербурга" when it named the city with it."""
    words = name.split()
    stem = _MINISTRY_SHORT.get(words[0].lower())
    if stem and len(words) == 1:
        m = re.search(rf"(?<![\w-])[Мм]инистерств\w*(?:\s+[а-яё]+){{0,2}}?\s+{stem}[а-яё]*"
                      r"(?:\s+[А-ЯЁ][а-яё]+)?", text)
        return _nominative_head(m.group()) if m else name
    if len(words) >= 3 and words[1] == "по":
        rest = re.escape(" ".join(words[1:]))
        m = re.search(rf"(?i:{re.escape(words[0][:-2])})\w*\s+{rest}\s+([А-ЯЁ][а-яё]+)", text)
        if m and _is_place(m.group(1)):
            return f"{name} {m.group(1)}"
    return name


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    """The last match of pattern in text: the body of that kind the article named last."""
    last = None
    for last in pattern.finditer(text):
        pass
    return last


def _is_place(word: str) -> bool:
    return any("Geox" in p.tag and p.tag.case == "gent" for p in parses(word))
