"""Speaker noun phrases next to speech verbs: subjects, appositive chains and inverted forms."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .layout import FILL
from .lexicon import (
    AUX_ADVERBS,
    CLAUSE_BOUNDARY_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    MONTHS,
    NAME_CONNECTORS,
    PREPOSITIONS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
    WEEKDAYS,
)
from .names import Token, tokenize

HasName = Callable[[int, int], bool]      # does text[start:end] name a person or a body?

_PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | {"i"}
_VERBISH = frozenset("""
has have had is are was were will would can could should may might must did does do been being
be shall got gets get went goes go made makes make took takes take gave gives give wanted wants
""".split()) | SPEECH_VERBS
_INTRO = frozenset("""
after before in on at during when while although though since despite however meanwhile also
yet but and so still later earlier last this that then as if because today yesterday instead
following amid under over with without for from by according once separately similarly asked
""".split())
_OF_LIKE = frozenset({"of", "for", "at", "with", "from"})
_POST_MODIFIERS = PREPOSITIONS | CLAUSE_BOUNDARY_WORDS | {"signed", "who", "whose", "which"}


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    name_start: int = -1      # a name chunk inside the phrase (appositive chains), if any
    name_end: int = -1


def _is_np_start(tok: Token) -> bool:
    low = tok.low
    if low in _PRONOUNS or low in DETERMINERS:
        return True
    if tok.is_cap:
        return low not in _INTRO or low in ("the", "a", "an")
    return low in TITLE_WORDS or low in ROLE_NOUNS or low in ("former", "acting", "then")


def _has_noun(toks: list[Token]) -> bool:
    return any(t.is_word and t.low not in DETERMINERS for t in toks)


def tail_np(mtext: str, lo: int, hi: int, _depth: int = 0) -> Mention | None:
    """The noun phrase that ends right before hi (the subject of a verb at hi)."""
    toks = tokenize(mtext, lo, hi)
    while toks and toks[-1].is_word and toks[-1].low in AUX_ADVERBS:
        toks.pop()
    if not toks or not toks[-1].is_word:
        return None
    picked: list[Token] = []
    n_lower = 0
    for tok in reversed(toks):
        if not tok.is_word:
            if tok.text in ".-" and picked and picked[0].is_cap:   # "R-Neb." / "Jr."
                continue
            break
        low = tok.low
        if not picked and low in _PRONOUNS:
            picked.insert(0, tok)
            break
        if low in DETERMINERS or (tok.possessive and not tok.is_cap):
            picked.insert(0, tok)
            break
        if tok.is_cap:
            if low in FUNCTION_WORDS and low not in DETERMINERS:
                break
            picked.insert(0, tok)
            continue
        if low in CLAUSE_BOUNDARY_WORDS or low in PREPOSITIONS or low in _VERBISH:
            break
        n_lower += 1
        if n_lower > 4:
            break
        picked.insert(0, tok)
    while picked and not picked[0].is_cap and picked[0].low not in DETERMINERS and \
            not picked[0].possessive and \
            picked[0].low not in _PRONOUNS and picked[0].low not in ("former", "acting") and \
            not any(t.is_cap for t in picked[1:]) and len(picked) > 1 and \
            picked[0].low not in ROLE_NOUNS:
        picked.pop(0)
    if not picked or not _has_noun(picked):
        return None
    if picked[0].low in DETERMINERS and len(picked) == 1:
        return None
    first = picked[0]
    anchored = (first.low in DETERMINERS or first.low in _PRONOUNS or first.possessive
                or any(t.is_cap for t in picked))
    if not anchored and not (len(picked) == 1 and (first.low.endswith("s")
                                                   or first.low in ROLE_NOUNS)):
        return None          # bare lower-case words: only a plural subject ("prosecutors")
    idx = toks.index(picked[0])
    if idx > 0 and toks[idx - 1].low == "of" and _depth < 2:
        outer = tail_np(mtext, lo, toks[idx - 1].start, _depth + 1)
        last = outer.text.split()[-1] if outer is not None else ""
        # "the chairman of the Joint Chiefs", "Justice Helen Ashcroft of the Federal Court"
        if (last.islower() and last in ROLE_NOUNS) or (last[:1].isupper() and outer.text[:1].isupper()):
            return Mention(mtext[outer.start:picked[-1].end], outer.start, picked[-1].end)
    if idx > 0 and toks[idx - 1].is_word and toks[idx - 1].low in PREPOSITIONS:
        prep = toks[idx - 1]
        if prep.low in _OF_LIKE and _depth < 2:     # "a spokesman for the Pentagon"
            outer = tail_np(mtext, lo, prep.start, _depth + 1)
            if outer is not None and outer.text.lower() not in _PRONOUNS:
                return Mention(mtext[outer.start:picked[-1].end], outer.start, picked[-1].end)
        return None                      # "... envoy in Brussels," is an object, not a subject
    s, e = picked[0].start, picked[-1].end
    return Mention(mtext[s:e], s, e)


def head_np(mtext: str, lo: int, hi: int) -> Mention | None:
    """The noun phrase that starts at lo (a sentence subject or an inverted "said X")."""
    toks = tokenize(mtext, lo, hi)
    if not toks or not toks[0].is_word or not _is_np_start(toks[0]):
        return None
    picked: list[Token] = []
    for i, tok in enumerate(toks):
        if not tok.is_word:
            if tok.text == "." and picked and picked[-1].is_cap and i + 1 < len(toks) \
                    and toks[i + 1].is_cap:
                continue
            if tok.text == "-" and picked:
                continue
            break
        low = tok.low
        if i == 0 and low in _PRONOUNS:
            picked.append(tok)
            break
        if picked and low in ("of", "for", "at", "from") and _org_follows(toks, i):
            picked.append(tok)                 # "a spokeswoman for the European Commission"
            continue
        if picked and picked[-1].is_cap and low in NAME_CONNECTORS and i + 1 < len(toks) \
                and toks[i + 1].is_word and toks[i + 1].is_cap \
                and toks[i + 1].low not in MONTHS and toks[i + 1].low not in WEEKDAYS:
            picked.append(tok)                 # "Customs and Border Protection"
            continue
        if picked and not tok.is_cap and (low in _POST_MODIFIERS or low in _VERBISH
                                          or (low.endswith("ed") and len(low) > 4
                                              and picked[-1].low not in DETERMINERS
                                              and not _followed_by_cap(toks, i))):
            break
        if picked and tok.is_cap and picked[-1].is_cap is False and low in FUNCTION_WORDS:
            break
        if picked and not tok.is_cap and low in AUX_ADVERBS and low != "then" \
                and i + 1 < len(toks) and toks[i + 1].is_word and not toks[i + 1].is_cap \
                and not _followed_by_cap(toks, i + 1):
            break         # "Egypt's foreign ministry also weighed in", not "the recently
            #               deceased Belarusian Foreign Minister"
        picked.append(tok)
        if len(picked) >= 9:
            break
    if not picked or not _has_noun(picked):
        return None
    s, e = picked[0].start, picked[-1].end
    return Mention(mtext[s:e], s, e)


def _org_follows(toks: list[Token], i: int) -> bool:
    j = i + 1
    if j < len(toks) and toks[j].low == "the":
        j += 1
    return j < len(toks) and toks[j].is_word and toks[j].is_cap and \
        toks[j].low not in MONTHS and toks[j].low not in WEEKDAYS


def _followed_by_cap(toks: list[Token], i: int) -> bool:
    """'deceased' in 'the recently deceased Belarusian Foreign Minister' modifies what follows."""
    return i + 1 < len(toks) and toks[i + 1].is_word and toks[i + 1].is_cap


def _chunks(mtext: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, s = [], lo
    for m in re.finditer(r",", mtext[lo:hi]):
        out.append((s, lo + m.start()))
        s = lo + m.end()
    out.append((s, hi))
    return out


def _strip(mtext: str, s: int, e: int) -> tuple[int, int]:
    while s < e and mtext[s] in " \t\n\u00a0—–-":
        s += 1
    while e > s and mtext[e - 1] in " \t\n\u00a0":
        e -= 1
    return s, e


def subject_before(mtext: str, lo: int, verb_start: int,
                   has_name: HasName) -> Mention | None:
    """Subject of a verb: the phrase right before it, or an appositive chain ending in a comma
    ("Geoffrey Berman, the U.S. attorney ..., said"; "Putin's spokesman, Dmitri Peskov, said")."""
    toks = tokenize(mtext, lo, verb_start)
    while toks and toks[-1].is_word and toks[-1].low in AUX_ADVERBS:
        toks.pop()
    if not toks:
        return None
    if toks[-1].text != ",":
        return tail_np(mtext, lo, toks[-1].end)
    chunks = [_strip(mtext, s, e) for s, e in _chunks(mtext, lo, toks[-1].start)]
    chain: list[tuple[int, int]] = []
    for s, e in reversed(chunks):
        if e <= s or FILL in mtext[s:e]:
            break
        ctoks = tokenize(mtext, s, e)
        if not ctoks:
            break
        first = ctoks[0]
        if first.low in ("who", "whose", "which", "whom", "where") or (
                not first.is_cap and first.low.endswith(("ing", "ed")) and chain == []):
            chain.insert(0, (s, e))      # relative clause or ", speaking at an event,"
            continue
        if first.low in _TIMED_ROLE and len(ctoks) > 1:
            chain.insert(0, (s, e))          # ", then the Navy's program officer,"
            continue
        if re.fullmatch(r"\d{1,3}|[A-Z]-[A-Z][\w.]*\.?|[A-Z][a-z]?\.?-[A-Z][\w.]*", mtext[s:e]):
            chain.insert(0, (s, e))          # age ", 55," or party-state ", R-Neb.,"
            continue
        if _is_np_start(first) and first.low not in _INTRO:
            chain.insert(0, (s, e))
            continue
        break
    chain = [c for c in chain if not _is_aside(tokenize(mtext, *c)[0])]
    if not chain:
        return None
    hs, he = chain[0]
    head = head_np(mtext, hs, he) or tail_np(mtext, hs, he)
    if head is None:
        return None
    lead = tokenize(mtext, hs, he)[0]
    described = lead.possessive or lead.low in DETERMINERS or not lead.is_cap
    if has_name(hs, he) and not (described and any(has_name(s, e) for s, e in chain[1:])):
        return Mention(mtext[hs:he], hs, he) if head.start == hs else head
    for s, e in chain[1:]:       # "Russia's ambassador to the United States, Oleg Vasnetsov,"
        if has_name(s, e):
            return Mention(mtext[hs:e], hs, e, s, e)
    return Mention(mtext[hs:he], hs, he)


# a role held at another time, set off by commas: "Whitcombe, then the Navy's program officer,"
_TIMED_ROLE = frozenset({"then", "now", "formerly", "previously", "currently", "later"})


def _is_aside(first: Token) -> bool:
    return first.low in ("who", "whose", "which", "whom", "where") or first.low in _TIMED_ROLE or (
        not first.is_cap and first.low.endswith(("ing", "ed")))


def subject_after(mtext: str, verb_end: int, limit: int,
                  has_name: HasName) -> Mention | None:
    """Inverted subject: "said Jason Foy, who ..."; "said another witness ..., Fiona Hill"."""
    pos = verb_end
    m = re.match(r"\s+to\b", mtext[pos:limit])          # "according to"
    if m:
        pos += m.end()
    np_ = head_np(mtext, _strip(mtext, pos, limit)[0], limit)
    if np_ is None:
        return None
    nxt = re.match(r"\s+([\w’']+)", mtext[np_.end:limit])
    if nxt and nxt.group(1).lower() in _VERBISH:
        return None             # "said the industry was ...": the object clause, not a subject
    if has_name(np_.start, np_.end):
        return np_
    # an appositive naming the speaker: "said another witness ..., former adviser Fiona Hill"
    m = re.match(r"[^,.;:" + FILL + r"]*,\s*", mtext[np_.end:limit])
    if m is None:
        return np_
    s = np_.end + m.end()
    e = s
    while e < limit and mtext[e] not in ",;:" + FILL and not (
            mtext[e] in ".!?" and (e + 1 >= limit or mtext[e + 1].isspace())
            and not re.search(r"\b[A-Z][a-z]?$|\bJr$|\bSr$", mtext[s:e])):
        e += 1
    app = tokenize(mtext, s, e)
    if app and app[0].low not in ("who", "whose", "which") and has_name(s, e):
        definite = np_.text.split()[0].lower() in ("the", "this", "that") or \
            tokenize(mtext, np_.start, np_.end)[0].possessive
        start = np_.start if definite else s
        return Mention(mtext[start:e], start, e, s, e)
    return np_
