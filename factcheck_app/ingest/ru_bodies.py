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

from .morph_ru import _analyzer
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
                     "прокуратура предприятие служба пресс-служба комиссия".split())
# "в сообщении ведомства": the document or office the body speaks through
_THROUGH = frozenset("сообщение заявление пресс-служба пресс-релиз телеграм-канал "
                     "релиз комментарий ответ".split())
_MINISTRY = re.compile(r"(?<![\w-])(?:[Мм]инистерств\w*(?:\s+[а-яё]+){1,3}(?:\s+[А-ЯЁ][а-яё]+)?"
                       r"|Мин[а-яё]{3,}|МИД\w*)")
_REGION = re.compile(r"[А-ЯЁ][а-яё]+(?:ой|ого)\s+(?:области|края|республики|округа)")


def _parse(word: str, case: str | None = None):
    parses = _analyzer().parse(word.lower().replace("ё", "е"))
    if case:
        for p in parses:
            if p.tag.case == case:
                return p
    return parses[0] if parses else None


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
    parses = [p for p in _analyzer().parse(word.lower()) if p.tag.case == case]
    if gender:
        parses = [p for p in parses if p.tag.gender == gender] or parses
    form = parses[0].inflect({"nomn"}) if parses else None
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
    words = [_nominative(t.text, case, gender) for t in toks[s:k]]
    words.append(_nominative(head.text, case))
    words += [t.text for t in toks[k + 1:e]]
    return " ".join(words), s, e - 1


def _is_genitive(tok: Token) -> bool:
    if tok.low in ("и", "в", "на", "по", "с", "о", "об", "от", "для", "что", "не"):
        return False
    parses = _analyzer().parse(tok.low)
    if tok.is_cap:
        return any(p.tag.case == "gent" for p in parses)
    return bool(parses) and parses[0].tag.POS in ("NOUN", "ADJF") and \
        any(p.tag.case == "gent" for p in parses)


def locative_body(toks: list[Token]) -> tuple[str, int] | None:
    """'В мэрии призвали', 'в Избирательной комиссии Томской области заявили': the last
    "в/во + body" in the words before a plural verb; its name and the start of its phrase."""
    found = None
    for i, t in enumerate(toks[:-1]):
        if t.low not in ("в", "во"):
            continue
        for k in range(i + 1, min(i + 4, len(toks))):
            hit = body_at(toks, k, "loct")
            if hit is not None and hit[1] == i + 1:
                found = (hit[0], toks[i].start)
                break
    return found


def through_body(toks: list[Token]) -> tuple[str, int] | None:
    """'говорится в сообщении военного ведомства', 'сообщили в Министерстве обороны России',
    'сообщили в пресс-службе компании': the body right after the verb."""
    if len(toks) < 2 or toks[0].low not in ("в", "во"):
        return None
    k = 1
    if _lemma(toks[1].text, "loct") in _THROUGH:
        k = 2
        for j in range(2, min(5, len(toks))):
            hit = body_at(toks, j, "gent")
            if hit is not None and hit[1] == 2:
                return hit[0], toks[0].start
        return None
    for j in range(k, min(4, len(toks))):
        hit = body_at(toks, j, "loct")
        if hit is not None and hit[1] == 1:
            return hit[0], toks[0].start
    return None


def specific(name: str, text: str, pos: int) -> str:
    """A generic head ('ведомство', 'регионального правительство', 'мэрия', 'компания') as the
    body of its kind the article named before pos; any other name as it is."""
    words = name.split()
    head = _lemma(words[-1], "nomn")
    if head not in _GENERIC or len(words) > 2:
        return name
    before = text[:pos]
    if head == "ведомство" or head == "министерство" and len(words) == 1:
        last = None
        for m in _MINISTRY.finditer(before):
            last = m
        if last:
            phrase = last.group()
            first = phrase.split()[0]
            return _nominative(first, _parse(first).tag.case or "nomn") + phrase[len(first):] \
                if " " in phrase else _nominative(phrase, _parse(phrase).tag.case or "nomn")
        return name
    if head == "компания" or head == "предприятие":
        quoted = None
        for m in re.finditer(r"(?:компани|предприяти|ООО|АО|ПАО)\w*\s+«([^»]{2,40})»", before):
            quoted = m.group(1)
        return quoted or name
    if words[0].lower().startswith("регионал"):
        region = None
        for m in _REGION.finditer(before):
            region = m.group()
        return f"{words[-1]} {region}" if region else name
    stem = words[-1].lower()[:4]
    for m in re.finditer(rf"(?<!\w){stem}\w*\s+([А-ЯЁ][а-яё]+)", text, re.I):
        if _is_place(m.group(1)):
            return f"{words[-1]} {m.group(1)}"        # "мэрия Красноярска" named elsewhere
    if head == "мэрия":
        for m in re.finditer(r"(?<!\w)(?:[Гг]лава|[Мм]эр)\s+([А-ЯЁ][а-яё]+)", text):
            if _is_place(m.group(1)):
                return f"{words[-1]} {m.group(1)}"    # "Глава Красноярска" → its mayor's office
    return name


def _is_place(word: str) -> bool:
    return any("Geox" in p.tag and p.tag.case == "gent" for p in _analyzer().parse(word.lower()))
