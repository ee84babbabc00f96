"""Article layout: paragraphs, quotations, a quote-masked copy and sentence spans."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .lexicon import ABBREVIATIONS, FUNCTION_WORDS, SPEECH_VERBS
from .quotes import DOUBLE_MARKS, Paragraph, QuoteSpan, all_quotes, masked, paragraphs

FILL = "\u2592"
_END_PUNCT = ".!?"
_TRAIL = set("”’\"')]»›")
_SENTENCE_END = re.compile(r"[.!?]+[\)\]]*(?=\s+[\w" + FILL + DOUBLE_MARKS + "‘(])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    para: int


@dataclass(frozen=True, eq=False)
class Layout:
    text: str
    paras: tuple[Paragraph, ...]
    quotes: tuple[QuoteSpan, ...]
    masked: str
    sentences: tuple[Sentence, ...]
    family: str

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence holding pos (or the nearest one, for positions between sentences)."""
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return self.sentences[0]
        if pos >= self.sentences[i].end and i + 1 < len(self.sentences):
            nxt = self.sentences[i + 1]
            if nxt.start - pos < pos - self.sentences[i].start:
                return nxt
        return self.sentences[i]

    def para_of(self, pos: int) -> int:
        i = bisect_right(self._para_starts, pos) - 1
        return i if i >= 0 and pos <= self.paras[i].end else -1

    @cached_property
    def _para_starts(self) -> list[int]:
        return [p.start for p in self.paras]

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]


def build_layout(text: str) -> Layout:
    paras = paragraphs(text)
    family, spans = all_quotes(text, paras)
    mtext = masked(text, spans, FILL)
    sents: list[Sentence] = []
    by_para: dict[int, list[QuoteSpan]] = {}
    for q in spans:
        by_para.setdefault(q.end_para, []).append(q)
    for pi, p in enumerate(paras):
        for s, e in _split(text, mtext, p, by_para.get(pi, [])):
            sents.append(Sentence(s, e, pi))
    return Layout(text, tuple(paras), tuple(spans), mtext, tuple(sents), family)


def _split(text: str, mtext: str, p: Paragraph, spans: list[QuoteSpan]) -> list[tuple[int, int]]:
    cuts: list[int] = []
    for m in _SENTENCE_END.finditer(mtext, p.start, p.end):
        if m.group()[0] == "." and _abbreviation_before(mtext, m.start(), m.end()):
            continue
        cuts.append(m.end())
    for q in spans:            # a quotation that ends its own sentence: ...a “disgrace.” Over ...
        if not (p.start <= q.mark_end < p.end) or not q.closed or q.end_para != q.para:
            continue
        inner = text[q.start:q.end].rstrip("".join(_TRAIL) + " ")
        if inner[-1:] in _END_PUNCT and _starts_new_sentence(mtext, q.mark_end):
            cuts.append(q.mark_end)
    out, s = [], p.start
    for c in sorted(set(cuts)):
        if c <= s or c >= p.end:
            continue
        out.append((s, c))
        s = c
        while s < p.end and mtext[s].isspace():
            s += 1
    out.append((s, p.end))
    return [(a, b) for a, b in out if b > a]


def _abbreviation_before(mtext: str, dot: int, after: int) -> bool:
    m = re.search(r"([\w.]+)$", mtext[max(0, dot - 20):dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    nxt = re.match(r"\s+([\w’']+)", mtext[after:after + 30])
    next_word = nxt.group(1) if nxt else ""
    if len(word) == 1 and word.isalpha():
        return True                                      # an initial: "Sonya A. Zoghlin"
    if word in ABBREVIATIONS or "." in word:
        # "in the U.S. The ..." still ends a sentence
        return not (next_word.lower() in FUNCTION_WORDS and next_word[:1].isupper()
                    and word in ("u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "etc", "inc", "co",
                                 "corp", "ltd", "jr", "sr"))
    return False


def _starts_new_sentence(mtext: str, pos: int) -> bool:
    """After a quote ending in . ! or ?, a capitalised word starts a new sentence unless the
    words that follow are an attribution ("... ?” Holmes testified.")."""
    m = re.match(r"\s+([^\s,.;:!?" + FILL + r"]+)", mtext[pos:pos + 40])
    if not m or not m.group(1)[:1].isupper():
        return False
    clause = re.split(r"[,.;:!?" + FILL + "]", mtext[pos:pos + 120])[0]
    words = [w.lower() for w in re.findall(r"[\w’']+", clause)][:7]
    return not any(w in SPEECH_VERBS for w in words)


def clause_end(mtext: str, pos: int, limit: int) -> int:
    """End of the clause that starts at pos: the next , ; : . ! ? or masked quotation."""
    m = re.compile(r"[,;:.!?" + FILL + "\n]").search(mtext, pos, limit)
    while m and m.group() == "." and _abbreviation_before(mtext, m.start(), m.end()):
        m = re.compile(r"[,;:.!?" + FILL + "\n]").search(mtext, m.end(), limit)
    return m.start() if m else limit


def is_function_word(word: str) -> bool:
    return word.lower() in FUNCTION_WORDS
