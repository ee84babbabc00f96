"""Find quoted passages: paired, mismatched, interrupted and multi-paragraph quotation marks."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import WORD_RE

DOUBLE_MARKS = "\"“”„‟«»"
SINGLE_MARKS = "'‘’‚‛‹›"
_OPEN_GLYPHS = set("“„‟«‘‚‛‹")
_CLOSE_GLYPHS = set("”»’›")
_SPACE_BEFORE = set(" \t\n\r\u00a0([{—–-/") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
_SPACE_AFTER = set(" \t\n\r\u00a0,.;:!?)]}—–-/…") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    start: int          # first character of the quoted words (marks and edge spaces excluded)
    end: int
    mark_start: int     # position of the opening mark
    mark_end: int       # just after the closing mark, or the paragraph end for an open quote
    closed: bool
    para: int           # index of the paragraph holding the opening mark
    end_para: int
    secondary: bool = False   # marks of the article's other style (e.g. '...' in a "..." text)


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraph spans: blank-line blocks, split at single newlines unless hard-wrapped."""
    out: list[Paragraph] = []
    for block in re.finditer(r"[^\n]+(?:\n[ \t]*[^\n\s][^\n]*)*", text):
        lines = list(re.finditer(r"[^\n]+", block.group()))
        if len(lines) > 1 and _hard_wrapped([m.group() for m in lines]):
            out.append(_trim(text, block.start(), block.end()))
            continue
        for m in lines:
            out.append(_trim(text, block.start() + m.start(), block.start() + m.end()))
    return [p for p in out if p.end > p.start]


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of similar width that mostly end mid-sentence look like a wrapped paragraph."""
    body = lines[:-1]
    if len(body) < 2:
        return False
    open_ends = sum(1 for ln in body if not ln.rstrip().endswith((".", "!", "?", ":", "”", '"')))
    widths = [len(ln) for ln in body]
    return open_ends / len(body) >= 0.6 and max(widths) <= 100 and min(widths) >= 0.5 * max(widths)


def _trim(text: str, s: int, e: int) -> Paragraph:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Paragraph(s, e)


def _shape(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'ambig' from the characters around the mark at i."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    space_before = before in _SPACE_BEFORE or before.isspace()
    space_after = after in _SPACE_AFTER or after.isspace()
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "ambig"


def _is_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return True                              # don't, O’Brien
    if after.isdigit() and not before.isalnum():
        return True                              # ’80s
    return False


# two single marks typed for one double mark (“a win for every family’’, ``like this'')
_PAIRED_SINGLES = ("’’", "''", "‘‘", "``", ",,")


_MARK_RE = {
    fam: re.compile("|".join(re.escape(p) for p in _PAIRED_SINGLES) + "|[" + re.escape(fam) + "]")
    for fam in (DOUBLE_MARKS, SINGLE_MARKS)}


def _marks(text: str, para: Paragraph, family: str) -> list[tuple[int, str]]:
    """(position, shape) of the marks of one family inside a paragraph."""
    out = []
    for m in _MARK_RE[family].finditer(text, para.start, para.end):
        i = m.start()
        if m.end() - i == 2:
            if family is DOUBLE_MARKS:       # the pair counts as one mark, at its first half
                after = _shape(text, i + 1, para.start, para.end)
                out.append((i, "close" if after == "close"
                            else _shape(text, i, para.start, para.end)))
            continue
        if family is SINGLE_MARKS and _is_apostrophe(text, i, para.start, para.end):
            continue
        out.append((i, _shape(text, i, para.start, para.end)))
    return out


def _can_open(ch: str, shape: str) -> bool:
    return shape == "open" or (shape == "ambig" and ch not in _CLOSE_GLYPHS)


def _can_close(ch: str, shape: str) -> bool:
    return shape == "close" or (shape == "ambig" and ch not in _OPEN_GLYPHS)


def find_quotes(text: str, paras: list[Paragraph], family: str = DOUBLE_MARKS) -> list[QuoteSpan]:
    """Pair quotation marks of one family across the article.

    An open quote at the end of a paragraph stops there when the next paragraph reopens with a
    mark (the multi-paragraph convention); it runs on into the next paragraph when that
    paragraph's first mark can only close it (a paragraph split inside a quote); otherwise it
    runs to the end of its paragraph.
    """
    marks = [_marks(text, p, family) for p in paras]
    spans: list[QuoteSpan] = []
    skip: dict[int, int] = {}                 # paragraph -> number of marks already consumed
    for pi, para in enumerate(paras):
        open_at: int | None = None
        for i, shape in marks[pi][skip.get(pi, 0):]:
            ch = text[i]
            if open_at is None:
                if _can_open(ch, shape):
                    open_at = i
            elif _can_close(ch, shape):
                spans.append(_span(text, open_at, i, True, pi, pi))
                open_at = None
        if open_at is None:
            continue
        nxt = pi + 1
        if nxt < len(paras) and marks[nxt] and skip.get(nxt, 0) == 0:
            first_pos, first_shape = marks[nxt][0]
            starts_para = first_pos == paras[nxt].start
            if not starts_para and first_shape in ("close", "ambig") and \
                    _can_close(text[first_pos], first_shape):
                spans.append(_span(text, open_at, first_pos, True, pi, nxt))
                skip[nxt] = 1
                continue
        spans.append(_span(text, open_at, para.end, False, pi, pi))
    return [s for s in spans if s.end > s.start]


def _span(text: str, open_at: int, close_at: int, closed: bool, pi: int, pj: int) -> QuoteSpan:
    s, e = open_at + 1, close_at
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    width = 2 if closed and text[close_at:close_at + 2] in _PAIRED_SINGLES else 1
    return QuoteSpan(s, e, open_at, close_at + width if closed else close_at, closed, pi, pj)


_COUNTED = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")


def word_count(s: str) -> int:
    """Words and numbers: "within 12 months" is three."""
    return len(_COUNTED.findall(s))


_SMALL = {"a", "an", "and", "the", "of", "on", "in", "to", "for", "at", "by", "or", "but", "nor",
          "with", "from", "as", "is"}


def looks_like_title(s: str) -> bool:
    """Title Case words with no sentence punctuation: a song, book or slogan, not speech."""
    words = WORD_RE.findall(s)
    if len(words) < 2 or len(words) > 12:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if len(content) < 2 or not all(w[0].isupper() for w in content) or not words[0][0].isupper():
        return False
    shouted = all(w.isupper() for w in content) and s.rstrip()[-1:] in ".!?"
    return not shouted


def primary_family(text: str, paras: list[Paragraph]) -> str:
    """Double marks, unless the article quotes speech with single marks (British style)."""
    def n_long(spans: list[QuoteSpan]) -> int:
        return sum(1 for s in spans if s.closed and word_count(text[s.start:s.end]) >= 3)
    doubles = n_long(find_quotes(text, paras, DOUBLE_MARKS))
    singles = n_long(find_quotes(text, paras, SINGLE_MARKS))
    return SINGLE_MARKS if singles >= 2 and singles > 2 * doubles else DOUBLE_MARKS


def all_quotes(text: str, paras: list[Paragraph]) -> tuple[str, list[QuoteSpan]]:
    """Quotations in the article's main style, plus closed one-paragraph quotations in the
    other style that lie outside them (flagged secondary)."""
    family = primary_family(text, paras)
    spans = find_quotes(text, paras, family)
    other = SINGLE_MARKS if family is DOUBLE_MARKS else DOUBLE_MARKS
    for s in find_quotes(text, paras, other):
        if s.closed and s.para == s.end_para and not any(
                p.mark_start < s.mark_end and s.mark_start < p.mark_end for p in spans):
            spans.append(QuoteSpan(s.start, s.end, s.mark_start, s.mark_end, True, s.para,
                                   s.end_para, secondary=True))
    spans = [part for q in spans for part in _split_at_inner_attribution(text, q)]
    return family, sorted(spans, key=lambda q: q.mark_start)


# «A, — заявил он изданию. — B»: Russian copy may break one pair of marks by the attribution
_INNER_ATTRIBUTION = re.compile(r"(?<=[,!?…])\s+[—–]\s+([^—–«»\n]{3,80}?)[.,:]\s+[—–]\s+(?=\S)")


def _split_at_inner_attribution(text: str, q: QuoteSpan) -> list[QuoteSpan]:
    """The two quoted segments of a quotation its attribution interrupts inside the marks,
    the attribution left unmasked so that its verb names the speaker of both."""
    from .russian import is_speech_verb

    m = _INNER_ATTRIBUTION.search(text, q.start, q.end)
    if not m or not any(is_speech_verb(w.lower()) for w in re.findall(r"[а-яёА-ЯЁ]+", m[1])):
        return [q]
    first = QuoteSpan(q.start, m.start(), q.mark_start, m.start(), True, q.para, q.para,
                      q.secondary)
    rest = QuoteSpan(m.end(), q.end, m.end(), q.mark_end, q.closed, q.para, q.end_para,
                     q.secondary)
    return [first, *_split_at_inner_attribution(text, rest)]


def masked(text: str, spans: list[QuoteSpan], fill: str = "\u2592") -> str:
    """The text with every quotation (marks included) blanked out, offsets unchanged."""
    chars = list(text)
    for s in spans:
        for i in range(s.mark_start, s.mark_end):
            if chars[i] != "\n":
                chars[i] = fill
    return "".join(chars)
