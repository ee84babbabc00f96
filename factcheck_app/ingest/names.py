"""Tokens, capitalised name runs and a per-article registry of people and bodies."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from .lexicon_ru import FUNCTION_WORDS_RU, ORG_HEADS, is_cyrillic, is_role
from .lexicon import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    MONTHS,
    NAME_CONNECTORS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_WORDS,
    ROLE_NOUNS,
    TITLE_WORDS,
    WEEKDAYS,
)
from .morph_ru import is_proper_name

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"                       # U.S. a.m. D.C.
    r"|[^\W\d_](?:[\w’'\-]*[^\W_])?(?:(?<=s)['’](?!\w))?\.?"   # words ("operators'")
    r"|\d[\d,.:/]*\d|\d"                        # numbers
    r"|[^\w\s]",                                # any other single character
    re.UNICODE)
_ARTICLE_NAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an)-[A-Z]")
_POSSESSIVE = ("’s", "'s", "’S", "'S", "s'", "s’")


@dataclass(frozen=True)
class Token:
    text: str        # as written, without a trailing sentence dot
    start: int
    end: int
    possessive: bool = False

    @property
    def base(self) -> str:
        """The word without its possessive ending."""
        if not self.possessive:
            return self.text
        return self.text[:-1] if self.text.endswith(("s'", "s’")) else self.text[:-2]

    @property
    def low(self) -> str:
        return self.base.lower().rstrip(".")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_cap(self) -> bool:
        """A capitalised word; an Arabic surname's article counts ("al-Jubouri", "el-Sisi")."""
        return self.text[:1].isupper() or bool(_ARTICLE_NAME.match(self.text))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split text[start:end] into tokens with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e, t = m.start(), m.end(), m.group()
        if t.endswith(".") and len(t) > 1 and "." not in t[:-1]:
            low = t[:-1].lower()
            if not (low in ABBREVIATIONS or (len(low) == 1 and t[0].isupper())):
                out.append(Token(t[:-1], s, e - 1, t[:-1].endswith(_POSSESSIVE)))
                out.append(Token(".", e - 1, e))
                continue
        out.append(Token(t, s, e, t.endswith(_POSSESSIVE) and len(t) > 2))
    return out


@dataclass(frozen=True)
class Name:
    kind: str                 # "person", "org" or "word" (a lone capitalised word)
    text: str                 # the name as written, titles stripped
    start: int
    end: int
    mention_start: int        # where the run (with titles) begins
    titles: tuple[str, ...] = ()
    possessive: bool = False

    @property
    def tokens(self) -> list[str]:
        return name_key(self.text)


def name_key(name: str) -> list[str]:
    """Lower-cased name tokens without suffixes like Jr."""
    toks = [t.lower().strip(".,") for t in name.replace("’s", "").split()]
    return [t for t in toks if t and t not in NAME_SUFFIXES]


def _is_acronym(tok: str) -> bool:
    """FBI, NATO, D4CC -- not a capitalised dateline such as BRUSSELS."""
    letters = [c for c in tok if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and len(tok) <= 8


def capital_runs(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised words joined by single spaces (connectors allowed inside)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []

    def flush() -> None:
        while cur and not cur[-1].is_cap:
            cur.pop()
        if cur:
            runs.append(list(cur))
        cur.clear()

    for tok in tokens:
        joined = bool(cur) and text[cur[-1].end:tok.start] in (" ", "\u00a0")
        if tok.is_word and tok.is_cap:
            if cur and (not joined or tok.low in WEEKDAYS
                        or (not cur[-1].is_cap and tok.low in MONTHS)):
                flush()                  # "Tom Brill on Monday"; but "Theresa May" is a name
            cur.append(tok)
        elif (cur and joined and tok.is_word
              and (tok.low in NAME_CONNECTORS or tok.low in NAME_PARTICLES)):
            cur.append(tok)
            continue
        else:
            flush()
            continue
        if tok.possessive:
            flush()
    flush()
    return runs


def _split_and(run: list[Token]) -> list[list[Token]]:
    """Split "Tova Noel and Michael Thomas" into two runs; keep "Customs and Border Protection"."""
    for i, tok in enumerate(run):
        if tok.low == "and" and 0 < i < len(run) - 1:
            left, right = run[:i], run[i + 1:]
            if any(t.low in ORG_WORDS for t in left + right):
                return [run]
            if len(left) >= 2 and len(right) >= 2:
                return _split_and(left) + _split_and(right)
    return [run]


def _split_of(run: list[Token]) -> list[list[Token]]:
    """Split "Jane Doe of the Center for Budget Priorities" after the person's name; keep
    "Department of Homeland Security" and "Secretary General of the Union" whole."""
    for i, tok in enumerate(run):
        if tok.low in ("of", "for", "at", "from") and i >= 2:
            left = run[:i]
            k = 0
            while k < len(left) - 2 and left[k].low in TITLE_WORDS:
                k += 1                   # "Justice Helen Ashcroft of the Federal Court"
            if all(t.is_cap and t.low not in ORG_WORDS and t.low not in TITLE_WORDS
                   for t in left[k:]):
                j = i + 1
                while j < len(run) and not run[j].is_cap:
                    j += 1
                return [left, run[j:]] if j < len(run) else [left]
            return [run]
    return [run]


def analyse_run(text: str, run: list[Token]) -> list[Name]:
    """Classify a capitalised run as a person (titles stripped), a body, or a lone word."""
    out: list[Name] = []
    pieces = _split_of(run)
    parts = [p for piece in pieces for p in _split_and(piece)]
    affiliation = pieces[1][0].start if len(pieces) == 2 else -1
    for part in parts:
        while part and (part[0].low in FUNCTION_WORDS or part[0].low in FUNCTION_WORDS_RU) \
                and not part[0].possessive:
            part = part[1:]
        while part and not part[-1].is_cap:
            part = part[:-1]
        if part:
            name = _analyse(text, part)
            if part[0].start == affiliation and name.kind == "person":
                # "Gareth Lowe of Rail Users Together": what follows the person's "of"
                name = Name("org", name.text, name.start, name.end, name.mention_start)
            if not (name.kind == "org" and _is_dateline(text, name)):
                out.append(name)
    return out


def _ru_title(low: str) -> bool:
    """A Russian role or body word before a name ("Пресс-секретарь Кремля Дмитрий Песков")."""
    return is_cyrillic(low) and ((is_role(low) and not is_proper_name(low)) or low in ORG_HEADS)


def _analyse_cyrillic(text: str, run: list[Token], lows: list[str], poss: bool) -> Name:
    """A Russian run: a name is its last two words (three with a patronymic); what comes
    before is a role or a body ("МИД России Мария Захарова"); a body alone is an org."""
    n = 3 if len(run) >= 3 and lows[-2].endswith(("вич", "вна", "чна", "ична")) else 2
    names = [t for t in run[-n:] if not _ru_title(t.low) and not _is_acronym(t.base)]
    s, e = run[0].start, run[-1].end
    if lows[0] in ORG_HEADS or _is_acronym(run[0].base) or _ru_title(lows[-1]):
        if len(run) < 3 or len(names) < 2:
            return Name("org" if not is_role(lows[0]) else "word", text[s:e], s, e, s, (), poss)
    if len(run) == 1:
        return Name("word", text[s:e], s, e, s, (), poss)
    if len(names) < 2:
        return Name("word", text[names[-1].start:e] if names else text[s:e],
                    names[-1].start if names else s, e, s, (), poss)
    ns = names[0].start
    return Name("person", text[ns:e], ns, e, s, tuple(lows[:len(run) - len(names)]), poss)


def _analyse(text: str, run: list[Token]) -> Name:
    s, e = run[0].start, run[-1].end
    poss = run[-1].possessive
    if poss:
        e -= 2
    lows = [t.low for t in run]
    has_connector = any(t in NAME_CONNECTORS for t in lows[1:-1])
    if lows[-1] in ORG_WORDS or has_connector or (len(run) == 1 and _is_acronym(run[0].base)):
        return Name("org", text[s:e], s, e, s, (), poss)
    if is_cyrillic(lows[0]):
        return _analyse_cyrillic(text, run, lows, poss)
    # scan from the end: the name is the trailing stretch that holds no title word
    i = len(run) - 1
    while i > 0 and (run[i - 1].low not in TITLE_WORDS and run[i - 1].low not in ORG_WORDS
                     and not run[i - 1].possessive and not _is_acronym(run[i - 1].base)
                     and not _ru_title(run[i - 1].low)):
        i -= 1
    if lows[-1] in NAME_SUFFIXES and i == len(run) - 1 and i > 0:
        i -= 1
    while i < len(run) - 1 and run[i].low in NAME_PARTICLES and not run[i].is_cap:
        i += 1                              # "de" in "… de Gaulle", but "Al Smith" keeps "Al"
    if i == len(run) - 1 and i > 0 and run[i - 1].low in ORG_WORDS and run[i - 1].low not in \
            TITLE_WORDS and not run[i - 1].possessive:
        return Name("org", text[s:e], s, e, s, (), poss)     # "United States", "Labour Party"
    titles = tuple(lows[:i])
    ns = run[i].start
    kind = "person" if len(run) - i >= 2 else "word"
    if kind == "word" and lows[-1] in TITLE_WORDS and i == 0:
        kind = "title"
    return Name(kind, text[ns:e], ns, e, s, titles, poss)


@dataclass(frozen=True)
class Registry:
    """People and bodies named anywhere in one article, for expanding short mentions."""
    text: str
    people: list[Name] = field(default_factory=list)
    orgs: list[Name] = field(default_factory=list)
    roles: dict[str, set[str]] = field(default_factory=dict)   # full name -> role words
    quoted: set[int] = field(default_factory=set)   # starts of names written inside quotes
    # one entry per distinct name (not per mention), so look-ups stay cheap on long texts:
    # last name -> {full name: (tokens, first start outside quotes, first start inside)}
    _by_last: dict[str, dict[str, tuple[list[str], int | None, int | None]]] = field(
        default_factory=dict)
    _orgs_by_word: dict[str, list[Name]] = field(default_factory=dict)
    _org_starts: dict[str, list[int]] = field(default_factory=dict)
    _alone: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)              # full name -> mentions
    _person_starts: list[int] = field(default_factory=list)           # people[i].start, in order
    title_sets: dict[str, set[frozenset[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, tokens: list[Token], masked: str | None = None) -> "Registry":
        """Collect names from the whole text; masked (quotations blanked) tells which names
        sit inside quotations, which are used only when the narrative gives none."""
        reg = cls(text)
        for run in capital_runs(text, tokens):
            for name in analyse_run(text, run):
                if masked is not None and masked[name.start] != text[name.start]:
                    reg.quoted.add(name.start)
                if name.kind == "org":
                    reg.orgs.append(name)
                    for w in {t.lower() for t in name.text.split()}:
                        if strip_article(name.text).lower() != w:
                            reg._orgs_by_word.setdefault(w, []).append(name)
                            reg._org_starts.setdefault(w, []).append(name.start)
                elif name.kind == "person":
                    name = reg._trim_leading_place(name)
                    reg.people.append(name)
                    reg._person_starts.append(name.start)
                    reg._index_person(name)
                    roles = reg.roles.setdefault(name.text, set())
                    roles.update(t for t in name.titles if t in TITLE_WORDS or t in ROLE_NOUNS)
                    roles.update(_roles_around(text, name))
        return reg

    def _trim_leading_place(self, name: Name) -> Name:
        """Drop a first word that stands alone elsewhere: "Ukraine Kurt Volker" -> "Kurt Volker"."""
        parts = name.text.split()
        if len(parts) < 3:
            return name
        if parts[0] not in self._alone:
            self._alone[parts[0]] = len(re.findall(
                r"(?<![\w.])" + re.escape(parts[0]) + r"(?![\w’'-])(?!\s+[A-Z])", self.text))
        if self._alone[parts[0]] >= 2:
            off = name.text.index(parts[1], len(parts[0]))
            return Name(name.kind, name.text[off:], name.start + off, name.end,
                        name.mention_start, name.titles + (parts[0].lower(),), name.possessive)
        return name

    def full_person(self, key: list[str], pos: int,
                    prefer: Callable[[str], bool] | None = None) -> str | None:
        """The fullest registered name ending with the tokens in key: named outside quotes
        before pos, then one the caller prefers (already a speaker), then the longest, then
        the one introduced first ("Biden" is Joe Biden, not his son Hunter Biden)."""
        if not key:
            return None
        best: tuple[bool, bool, bool, int, int, str] | None = None
        for text, (toks, outside, inside) in self._by_last.get(key[-1], {}).items():
            if len(toks) >= len(key) and toks[-len(key):] == key:
                start = outside if outside is not None else inside
                cand = (outside is None, start > pos,
                        not (prefer is not None and prefer(text)), -len(text.split()),
                        start, text)
                if best is None or cand < best:
                    best = cand
        return best[-1] if best else None

    def _index_person(self, name: Name) -> None:
        self.counts[name.text] = self.counts.get(name.text, 0) + 1
        self.title_sets.setdefault(name.text, set()).add(frozenset(name.titles))
        key = name.tokens
        if not key:
            return
        by_text = self._by_last.setdefault(key[-1], {})
        toks, outside, inside = by_text.get(name.text, (key, None, None))
        if name.start in self.quoted:
            inside = name.start if inside is None else inside
        else:
            outside = name.start if outside is None else outside
        by_text[name.text] = (toks, outside, inside)
        words = name.text.split()
        if len(key) >= 3 and len(words) == len(key) and \
                re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):
            # "Alan Siu Kwok-leung" is Siu in later mentions: the surname comes before the
            # hyphenated given name, as Hong Kong papers write Chinese names
            self._by_last.setdefault(key[-2], {})[name.text] = (key[:-1], outside, inside)

    def next_person(self, pos: int, within: int = 600) -> str | None:
        """The first person named after pos, close by and not in a byline: a lede's "the
        chairman of X said" is named in the paragraph that follows."""
        for name in self.people[bisect_right(self._person_starts, pos):]:
            if name.start in self.quoted:
                continue
            if name.start > pos + within:
                return None
            line = self.text[self.text.rfind("\n", 0, name.start) + 1:name.start]
            if not re.match(r"\s*(?:by|with|reporting by)\b", line, re.I):
                return name.text
        return None

    def people_with_role(self, role: str) -> list[str]:
        return [name for name, roles in self.roles.items() if role in roles]

    def org_containing(self, word: str, pos: int) -> str | None:
        """The nearest earlier body whose name contains word ("the committee")."""
        cands = self._orgs_by_word.get(word)
        if not cands:
            return None
        i = bisect_right(self._org_starts[word], pos)
        pick = cands[i - 1] if i > 0 else cands[0]
        return strip_article(pick.text)


def _is_dateline(text: str, name: Name) -> bool:
    """'LISBON —' or 'GENEVA, June 3, 2024 —' opening a paragraph names a place, not a body."""
    at_start = name.start == 0 or text[name.start - 1] == "\n"
    return at_start and name.text.isupper() and bool(re.match(
        r"\s*(?:\([^)]{0,40}\))?\s*(?:,[^—–\n]{0,40})?\s*[—–-]", text[name.end:name.end + 60]))


def _roles_around(text: str, name: Name) -> set[str]:
    """Role words before a name ("adviser Fiona Hill") or in its appositive (", the attorney")."""
    roles: set[str] = set()
    before = text[max(0, name.mention_start - 40):name.mention_start]
    before = before[before.rfind("\n") + 1:].split()     # not a headline's "… general says"
    for w in before[-3:]:
        w = w.lower().strip(",.;:()")
        if w in ROLE_NOUNS or w in TITLE_WORDS:
            roles.add(w)
    after = text[name.end:name.end + 80]
    m = re.match(r"(?:’s|'s)?,\s+([^,.;:]{2,70})", after)
    if m:
        for w in m.group(1).split()[:6]:
            w = w.lower().strip(",.;:()")
            if w in ROLE_NOUNS or w in TITLE_WORDS:
                roles.add(w)
    return roles


def strip_article(phrase: str) -> str:
    """Drop a leading "the"/"a"/"an" from a speaker phrase."""
    return re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
