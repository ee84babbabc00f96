"""Russian and Ukrainian attribution: «…», — сказал X; X заявил: «…»; по словам X, «…»."""
from __future__ import annotations

import re

from .known import _stems, skeleton
from .lexicon_ru import AUX_ADVERBS_RU, is_cyrillic, _PRONOUNS, _ROLE_STEMS, FUNCTION_WORDS_RU, ORG_HEADS, is_role
from .layout import FILL
from .mentions import Mention
from .names import Token, tokenize
from .morph_ru import is_proper_name, parses
from .ru_bodies import fullest, is_participle, locative_body, specific, through_body
from .speakers import Resolved, Resolver

_VERB_STEMS = """
сказа заяви отмети добави подчеркну сообщи поясни завери уточни призна пообеща обеща
предупреди замети написа рассказа ответи пригрози опроверг опровергну подыто констатирова
указа напомни объясни вырази высказа назва призва процитирова прокомментирова заключи
резюмирова возрази посетова пожалова поделил признава сообщае заверя утвержда
отвеча добавля подчеркива настаива настоя говори повтори сообща
сказа заяви зазначи дода наголоси повідоми поясни підкресли написа запевни попереди
розповіл відповіл пообіця
объясня отмеча предупрежда называ призыва рассказыва уверя
объяви посоветова порекомендова потребова предложи
""".split()
_VERB_RE = re.compile(r"(?:" + "|".join(sorted(set(_VERB_STEMS), key=len, reverse=True)) +
                      r")(?:л|ла|ло|ли|в|ла?сь|лся|лись|ет|ют|ит|ят|ил|ила|или|ув|ула|ули)")
_PRESENT = frozenset("""говорит говорят считает считают полагает полагают уверен уверена
уверены убежден убеждена говорится отмечается подчеркивается указывается сообщается
говориться вважає вважають каже кажуть""".split())
def is_speech_verb(low: str) -> bool:
    return low in _PRESENT or bool(_VERB_RE.fullmatch(low)) or low in GENITIVE_INTROS


# "по словам X", "по мнению X": X is in the genitive
GENITIVE_INTROS = frozenset({"словам", "мнению", "думку"})


def verb_gender(low: str) -> str | None:
    if low.endswith(("ла", "лась")):
        return "f"
    if low.endswith(("л", "в", "лся")):
        return "m"
    return None


def _name_run(toks: list[Token], i: int) -> int:
    """End index (exclusive) of the capitalised words starting at toks[i]."""
    j = i
    while j < len(toks) and toks[j].is_word and toks[j].is_cap and \
            toks[j].low not in FUNCTION_WORDS_RU:
        j += 1
        if j < len(toks) and toks[j].text == "-" and j + 1 < len(toks) and toks[j + 1].is_cap:
            j += 2
    return j


def ru_subject(mtext: str, lo: int, verb: Token, hi: int) -> Mention | None:
    """The speaker phrase of a Russian speech verb: a name before it ("Захарова в среду
    назвала критику со стороны Евросоюза …" — what follows is the object), else the phrase
    after it ("— заявил журналистам пресс-секретарь Дмитрий Песков"), else a role or body
    before it."""
    toks = tokenize(mtext, lo, verb.start)
    before = _phrase(mtext, _main_clause(toks), forward=False)
    if before is not None and before.name_start >= 0:
        return before
    after = _phrase(mtext, tokenize(mtext, verb.end, hi), forward=True)
    return after if after is not None else before


def _main_clause(toks: list[Token]) -> list[Token]:
    """"он объявил, что пойдёт на выборы, и пообещал": a verb joined by "и" to an earlier one
    shares its subject, the words before that first verb; any other verb keeps its own."""
    k = len(toks)
    while k and toks[k - 1].is_word and toks[k - 1].low in AUX_ADVERBS_RU:
        k -= 1
    if not (k >= 2 and toks[k - 1].low == "и" and toks[k - 2].text == ","):
        return toks
    first = next((j for j, t in enumerate(toks[:k - 2]) if t.is_word and not t.is_cap and
                  (p := parses(t.low)) and p[0].tag.POS == "VERB"), None)
    return toks[:first] if first else toks


_PLURAL = re.compile(r"\w+(?:ли|ют|ят|ются|ятся)$")


def ru_body(resolver: Resolver, mtext: str, lo: int, verb: Token,
            hi: int) -> tuple[Mention, Resolved] | None:
    """A body that speaks through a place: "В мэрии призвали …" (a plural verb after the
    body's locative), "— говорится в сообщении ведомства", "— сообщили в пресс-службе
    компании" (the body after the verb). Its name in the nominative, generic heads made
    specific from the article."""
    after = tokenize(mtext, verb.end, hi)
    stop = next((k for k, t in enumerate(after) if t.text in ",;:.!?" + FILL), len(after))
    found = through_body(after[:stop])
    # "сообщили The Brief в пресс-службе министерства", "сообщили «Деловой неделе» в …": the
    # outlet told, then the body
    skip = next((k for k, t in enumerate(after) if not (re.fullmatch(r"[A-Za-z.&'-]+", t.text)
                                                         or t.text == FILL)), 0)
    outlet_first = skip < stop or (stop == 0 and bool(after) and after[0].text == FILL)
    if found is None and skip and outlet_first:
        rest = after[skip:]
        end = next((k for k, t in enumerate(rest) if t.text in ",;:.!?" + FILL), len(rest))
        found = through_body(rest[:end])
    if found is None and (_PLURAL.match(verb.low) or verb.low == "говорится"):
        before = tokenize(mtext, lo, verb.start)
        start = max((k + 1 for k, t in enumerate(before) if t.text in ";:.!?,"), default=0)
        found = locative_body(before[start:])
    if found is None:
        return None
    name, start, end = found
    named = re.match(r" ?«[^»]{2,40}»", resolver.text[end:end + 45])
    if named:                         # "в пресс-службе компании «Стройинвест»": that company
        end += named.end()
    name = fullest(specific(name, resolver.text, end if named else start), resolver.text)
    return Mention(resolver.text[start:end], start, end), \
        _known(resolver, Resolved(name, "org"), Mention(name, start, end))


def _phrase(mtext: str, toks: list[Token], *, forward: bool) -> Mention | None:
    if not toks:
        return None
    if forward:
        # a short quoted name inside the phrase ("глава «Газпрома» Алексей Миллер") is no stop
        stop = next((k for k, t in enumerate(toks) if t.text in ",;:.!?" or
                     (t.text == FILL and FILL * 30 in mtext[t.start:t.start + 30])), len(toks))
        toks = toks[:stop]
        if toks and toks[0].low in _PRONOUNS:
            return Mention(toks[0].text, toks[0].start, toks[0].end)
        order = list(range(len(toks)))
        # "эксперт Высшей школы экономики Андрей Козлов": a body in the genitive comes before
        # the person's two-word name, so the first run of two capitalised words leads
        pair = next((k for k in order[:-1] if _is_name_word(toks[k]) and
                     _is_name_word(toks[k + 1])), None)
        if pair is not None:
            order = [pair] + [k for k in order if k != pair]
    else:
        # the phrase starts after a stop, a quotation (a short quoted name such as "в интервью
        # «Деловой неделе» обещал" is none) or ", что": a verb inside a что-clause has its
        # subject within it ("рассказал The Brief, что в чатах … заявили")
        start = max((k + 1 for k, t in enumerate(toks) if t.text in ";:.!?"
                     or (t.text == FILL and _in_quotation(mtext, t))
                     or (t.low in ("что", "чтобы") and k and toks[k - 1].text == ",")),
                    default=0)
        toks = toks[start:]
        while toks and toks[-1].is_word and toks[-1].low in AUX_ADVERBS_RU:
            toks = toks[:-1]
        toks = _without_participle_clause(toks)
        if toks and toks[-1].low in _PRONOUNS:
            return Mention(toks[-1].text, toks[-1].start, toks[-1].end)
        order = range(len(toks) - 1, -1, -1)
    for k in order:                          # a name first, then a role or a body
        tok = toks[k]
        if _is_name_word(tok) and not (k == 0 and not forward and not is_proper_name(tok.text)):
            # a sentence's first word is capitalised whatever it is ("Подзаконные акты …")
            s = k
            while s > 0 and toks[s - 1].is_cap and toks[s - 1].low not in FUNCTION_WORDS_RU \
                    and not toks[s - 1].text.isupper():      # "от КПРФ Андрей Голованов"
                s -= 1
            e = _name_run(toks, s)
            r = s
            while r > 0 and toks[r - 1].is_word and not toks[r - 1].is_cap and \
                    (is_role(toks[r - 1].low) or r - 2 >= 0 and is_role(toks[r - 2].low)):
                r -= 1                       # "пресс-секретарь президента Дмитрий Песков"
            return Mention(mtext[toks[r].start:toks[e - 1].end], toks[r].start, toks[e - 1].end,
                           toks[s].start, toks[e - 1].end)
    for k in order:
        tok = toks[k]
        if tok.is_word and (tok.low in ORG_HEADS or is_role(tok.low) or
                            (tok.text.isupper() and len(tok.text) >= 2)):
            e = k + 1
            while e < len(toks) and toks[e].is_word and (toks[e].is_cap or not forward) and \
                    toks[e].low not in FUNCTION_WORDS_RU and e - k < 4:
                e += 1
            return Mention(mtext[tok.start:toks[e - 1].end], tok.start, toks[e - 1].end)
    return None


def _in_quotation(mtext: str, t: Token) -> bool:
    """A masked character of a quotation (30 or more masked characters in a row), not of a
    short quoted name."""
    return FILL * 30 in mtext[max(0, t.start - 29):t.end + 29]


def _without_participle_clause(toks: list[Token]) -> list[Token]:
    """"губернатор Виктор Зотов, посетивший Чердынский округ, обещал": the clause between
    commas describes the subject; its words are no speaker."""
    if len(toks) < 3 or toks[-1].text != ",":
        return toks
    prev = max((k for k, t in enumerate(toks[:-1]) if t.text == ","), default=-1)
    if prev > 0 and prev + 1 < len(toks) - 1 and (is_participle(toks[prev + 1].low)
                                                  or toks[prev + 1].low.startswith("котор")):
        return toks[:prev]           # "Ланевич, который сейчас работает в Вильнюсе, считает"
    return toks


# where words were posted, not who posted them: "в своём Telegram-канале написал"
_MEDIUM = re.compile(r"telegram|-канал|facebook|instagram|вконтакте|youtube", re.I)


def _is_name_word(tok: Token) -> bool:
    return tok.is_word and tok.is_cap and tok.low not in FUNCTION_WORDS_RU and \
        not _MEDIUM.search(tok.text) and \
        tok.low not in ORG_HEADS and not tok.text.isupper() and \
        (not is_role(tok.low) or ("-" not in tok.low and is_proper_name(tok.text)))


def ru_resolve(resolver: Resolver, m: Mention, verb_low: str) -> Resolved:
    """Resolve a Russian speaker phrase: a pronoun by the verb's gender, a name to its fullest
    (nominative) form in the article, a role to the person the article gave that role."""
    low = {"его": "он", "её": "она", "ее": "она", "их": "они", "його": "він",
           "її": "вона"}.get(m.text.lower(), m.text.lower())
    gender = verb_gender(verb_low)
    if low in _PRONOUNS:
        want = _PRONOUNS[low] or gender
        if _PRONOUNS[low] is None and low in ("они", "вони"):
            return Resolved(resolver._recent(m.start, ("group", "org", "spokes"))
                            or resolver._recent(m.start, ("person",)), "group")
        who = resolver._recent(m.start, ("person", "spokes"), gender=want) or \
            resolver._recent(m.start, ("person", "spokes"))
        return Resolved(who, "person")
    if m.name_start >= 0:
        names = resolver.names_in(m.name_start, m.name_end)
        people = [n for n in names if n.kind in ("person", "word")]
        if not people:
            org = next((n.text for n in names if n.kind == "org"), None)
            return _known(resolver, Resolved(org, "org"), m) if org else \
                Resolved(None, "unknown")
        full = _full_name(resolver, people[-1].text, m.start)
        if full == people[-1].text and verb_low in GENITIVE_INTROS:
            full = nominative(full)
        if gender:
            resolver.gender_votes.setdefault(full, []).append(gender)
        return _known(resolver, Resolved(full, "person"), m)
    first = low.split()[0]
    if first in ORG_HEADS:
        return _known(resolver, Resolved(m.text, "org"), m)
    stem = None if is_proper_name(first) else \
        next((s for s in _ROLE_STEMS if first.startswith(s)), None)
    if stem:
        holder = _role_holder(resolver, stem, m.start)
        return Resolved(holder, "person") if holder else Resolved(None, "unknown")
    return Resolved(None, "unknown")


def _known(resolver: Resolver, res: Resolved, m: Mention) -> Resolved:
    if res.speaker and resolver.known:
        return Resolved(resolver.match_known(res.speaker, m.text), res.kind)
    return res


def _full_name(resolver: Resolver, name: str, pos: int) -> str:
    """"Пескова" -> "Дмитрий Песков" when the article named him so; inflected two-word forms
    ("Дмитрия Пескова") too. Falls back to the name as written."""
    words = name.split()
    reg = resolver.registry
    for last in _stems(words[-1].lower()):
        full = reg.full_person([last], pos, resolver.people_seen.__contains__)
        if full and (len(words) == 1 or len(full.split()) >= len(words)):
            if len(words) == 1 or skeleton(full.split()[0])[:3] == skeleton(words[0])[:3]:
                return full
        if full and len(words) == 1:
            return full
    return name


_NOMINATIVE = (("ого", "ий"), ("ея", "ей"), ("ия", "ий"), ("ии", "ия"), ("ой", "а"), ("ы", "а"),
               ("а", ""))


def nominative(name: str) -> str:
    """A name the article gives only in the genitive ("Михаила Блинкина") in the nominative
    ("Михаил Блинкин"): the common endings of first names and surnames."""
    out = []
    for word in name.split():
        low = word.lower()
        for end, repl in _NOMINATIVE:
            if low.endswith(end) and len(word) - len(end) >= 3:
                word = word[: len(word) - len(end)] + repl
                break
        out.append(word)
    return " ".join(out)


def _role_holder(resolver: Resolver, stem: str, pos: int) -> str | None:
    """The person most recently introduced with this role word right before the name."""
    best = None
    for p in resolver.registry.people:
        if p.start >= pos:
            break
        lead = resolver.text[max(0, p.mention_start - 60):p.mention_start].lower()
        if stem in lead[-40:]:
            best = p.text
    return best or resolver._recent(pos, ("person",))
