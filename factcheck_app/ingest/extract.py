"""Article to candidate statements: quotations with speaker, stated date and offsets."""
from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .attribution import Event, assign, find_events
from .checkby import find_check_by
from .context import stated_dates
from .kinds import (FORWARD, NOT_CHECKABLE, by_official, looks_back, others_words, propose_kind,
                    with_deadline)
from .layout import FILL, Layout, build_layout
from .names import Registry, tokenize
from .quotes import DOUBLE_MARKS, QuoteSpan, looks_like_title, word_count
from .speakers import Resolver

MIN_WORDS = 3
# Extraction is near-linear (about 5 s per MB of text on a 2-core machine); past this size an
# input is not one article but an archive or a dump, and is refused with a message.
MAX_INPUT_BYTES = 16 * 1024 * 1024
# words that introduce a label or a title, not speech
_LABEL_BEFORE = re.compile(r"\b(?:so-called|so called|dubbed|known as|nicknamed|the term|"
                           r"the phrase|the slogan|the hashtag|titled|entitled|headlined)\s*$",
                           re.I)
# an embedded post: "pic.twitter.com/…" or a signature like "— Name (@handle) November 19, 2019"
_EMBED = re.compile(r"pic\.twitter\.com/"
                    r"|^\s*[—–-]\s*[^\n]{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}", re.M)
# a promo line for another story: "RELATED: 'We had no warning': East side businesses close …"
_PROMO_LINE = re.compile(r"\s*(?:related(?: stories| story| coverage)?|read more|read also|more|"
                         r"watch|listen|also read|see also|recommended|top stories|"
                         r"читайте также|читайте|по теме|смотрите также|ещё по теме|"
                         r"читайте також)\s*[:|—–]", re.I)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml")
_TEXT_SUFFIXES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class Candidate:
    quote: str
    speaker: str | None
    speaker_mention: str | None
    stated_on: str | None          # YYYY-MM-DD, YYYY-MM or YYYY
    stated_precision: str          # "day" | "month" | "year"
    start: int
    end: int
    context: str                   # the paragraph(s) around the quote
    stated_how: str = "publication"    # "attribution", "context" or "publication"
    kind: str = "assertion"            # proposed kind (domain.records.KINDS)
    check_by_phrase: str | None = None  # the deadline words, as written in the quote
    check_by: str | None = None        # YYYY-MM-DD the phrase resolves to
    check_by_vague: bool = False       # a deadline phrase that names no date ("soon")
    check_by_note: str = ""            # how the check-by date was found

    @property
    def checkable(self) -> bool:
        """Opinions and exhortations are proposed unticked: nothing could show them held."""
        return self.kind not in NOT_CHECKABLE

    def to_json(self) -> dict:
        return {"quote": self.quote, "speaker": self.speaker, "stated_on": self.stated_on,
                "stated_precision": self.stated_precision, "stated_how": self.stated_how,
                "kind": self.kind, "checkable": self.checkable,
                "check_by_phrase": self.check_by_phrase, "check_by": self.check_by,
                "check_by_vague": self.check_by_vague, "check_by_note": self.check_by_note,
                "start": self.start, "end": self.end, "context": self.context}


@dataclass(frozen=True)
class ExtractedArticle:
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    text: str
    candidates: tuple[Candidate, ...]

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "statements": [c.to_json() for c in self.candidates],
        }


def extract_article(data: str | bytes, *, filename: str | None = None,
                    known_speakers: Sequence[tuple[str, Sequence[str]]] = (),
                    published: dt.date | None = None) -> ExtractedArticle:
    """Extract title, outlet, publication date and candidate statements from an article.

    data is plain text (pasted or a .txt file) or an HTML page saved from a browser; HTML is
    recognised by the filename suffix or by its content. known_speakers is an optional list
    of (name, aliases): a speaker matching one of them is reported under that name.
    published is the date the analyst gives, for a text that carries none (a pasted body) or
    a wrong one: "on Tuesday" and "by the end of the year" are counted from it.
    """
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_INPUT_BYTES:
        raise ValueError(f"the input is {size:,} bytes, over the "
                         f"{MAX_INPUT_BYTES // 1024 // 1024} MB that article import takes up to "
                         "(a long news article is well under 1 MB): save just the article, "
                         "or split the file")
    text = decode(data)
    if not text.strip():
        raise ValueError("empty input: there is no article text to extract")
    if is_html(text, filename):
        from .html_source import extract_html

        src = extract_html(text)
    else:
        from .plaintext import extract_plain

        src = extract_plain(text)
    if not src.text.strip():
        raise ValueError("no article text left after removing page debris")
    published = published or src.published
    candidates = find_candidates(src.text, published, known_speakers)
    return ExtractedArticle(src.title, src.outlet,
                            published.isoformat() if published else None,
                            src.language, src.text, tuple(candidates))


def decode(data: str | bytes) -> str:
    """Bytes to text: BOM, UTF-8, a declared HTML charset, then Windows-1252 for legacy text."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if not isinstance(data, (bytes, bytearray)):
        raise ValueError(f"expected text or bytes, got {type(data).__name__}")
    raw = bytes(data)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ValueError(f"input is not valid {enc}: {exc}") from exc
    if b"\x00" in raw[:4096]:
        raise ValueError("input looks binary (it contains NUL bytes), not an article")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", raw[:4096], re.I)
    for enc in ([m.group(1).decode("ascii")] if m else []) + ["cp1252"]:
        try:
            out = raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if sum(1 for c in out if not c.isprintable() and c not in "\n\r\t") < 0.01 * len(out):
            return out
    raise ValueError("could not decode the input as text (tried UTF-8, the declared charset "
                     "and Windows-1252)")


def is_html(text: str, filename: str | None = None) -> bool:
    if filename:
        low = filename.lower()
        if low.endswith(_HTML_SUFFIXES):
            return True
        if low.endswith(_TEXT_SUFFIXES):
            return False
    head = text[:5000].lstrip()
    if re.match(r"<(?:!doctype\s+html|html|head|body|\?xml[^>]*>\s*<(?:!doctype|html))", head,
                re.I):
        return True
    return len(re.findall(r"</?(?:p|div|span|a|br|body|head|html|article|h[1-6])\b[^>]*>",
                          head, re.I)) >= 5


def find_candidates(text: str, published: dt.date | None,
                    known_speakers: Sequence[tuple[str, Sequence[str]]] = ()) -> list[Candidate]:
    """Candidate statements of an article body, with offsets into that same text."""
    layout = build_layout(text)
    registry = Registry.build(text, tokenize(text), layout.masked)
    resolver = Resolver(text, registry, known_speakers)
    events, subjects = find_events(layout, resolver)
    quotes = list(layout.quotes)
    attributions = assign(layout, quotes, events, subjects)
    kept = [(q, ev) for q, ev in zip(quotes, attributions, strict=True)
            if _is_statement(layout, q) and not (ev is None and _is_fragment(layout, q))
            and not (q.secondary and not _plausible_secondary(layout, q, ev))]
    dates = stated_dates(layout, [q for q, _ in kept], [ev for _, ev in kept], events, published,
                         subjects)
    out: list[Candidate] = []
    for (q, ev), stated in zip(kept, dates, strict=True):
        quote = text[q.start:q.end]
        context = text[layout.paras[q.para].start:layout.paras[q.end_para].end]
        lead = layout.masked[layout.paras[max(0, q.para - 2)].start:q.mark_start]
        trail = text[q.mark_end:layout.sentence_at(q.mark_end).end] if q.mark_end < len(text) \
            else ""
        near = layout.masked[layout.paras[q.para].start:q.mark_start].replace(FILL, " ")
        kind = propose_kind(quote, ev.verb if ev else None, lead.replace(FILL, " "), trail, near)
        official = ev is not None and is_official(text, ev)
        kind = by_official(kind, near, quote, official)
        check = None
        said = fuzzy_first_day(stated.value)
        if kind in FORWARD or kind == "assertion":   # "in a few months we made…": no deadline
            check = find_check_by(quote, said, _around(text, q.mark_start), published)
            # a date still ahead, or a vague forward phrase ("в ближайшие недели")
            ahead = check is not None and said is not None and \
                (check.due > said.isoformat() if check.due else
                 check.vague and bool(_FORWARD_VAGUE.search(check.phrase)))
            if ahead and kind == "assertion" and (looks_back(quote) or others_words(quote)
                                                  or looks_back(_clause_of(quote, check.phrase))):
                ahead = False    # "в ноябре объем поставок вырос на 6%": a month gone by
            if ahead:
                kind = with_deadline(kind, near, quote, official)
            elif kind == "assertion":
                check = None
        out.append(Candidate(
            quote, ev.resolved.speaker if ev else None, ev.mention.text if ev else None,
            stated.value, stated.precision, q.start, q.end, context, stated.how, kind,
            check.phrase if check else None, check.due if check else None,
            check.vague if check else False, check.note if check else ""))
    return out


def _clause_of(quote: str, phrase: str) -> str:
    """The clause of the quote that holds the phrase (between commas, colons, stops)."""
    at = quote.find(phrase)
    if at < 0:
        return ""
    marks = ",;:.!?—–"
    start = max(quote.rfind(c, 0, at) for c in marks) + 1
    ends = [e for e in (quote.find(c, at + len(phrase)) for c in marks) if e >= 0]
    return quote[start:min(ends, default=len(quote))]


# offices whose holders (or bodies) can deliver what they announce, and commentators who cannot
_OFFICE = re.compile(r"\b(?:minister|mayor|governor|president|premier|secretary|chief executive|"
                     r"program(?:me)? manager|manages|oversees|in charge of|"
                     r"chairman|chairwoman|director|leader of \w+ council|council leader|"
                     r"commissioner|regulator|head of)\b|(?<!\w)(?:министр|мэр|вице-|губернатор|"
                     r"глав[аеыу]|президент|премьер|председател|директор|руководител|представител|"
                     r"пресс-секретар|замест)", re.I)
_COMMENTATOR = re.compile(r"\b(?:economist|analyst|expert|researcher|professor|critic|forecaster|"
                          r"meteorologist|"
                          r"opposition|union|campaign|consultancy|consultant|think tank)\b"
                          r"|(?<!\w)(?:эксперт|аналитик|экономист|синоптик|"
                          r"депутат|профсоюз|оппозиц|политолог)", re.I)


def is_official(text: str, ev: Event) -> bool:
    """Does the speaker hold an office (or speak for a body) that can deliver their words?
    Read from the attribution and from the words around the speaker's first naming."""
    if ev.resolved.kind in ("org", "spokes"):
        return True
    if ev.resolved.kind != "person" or not ev.resolved.speaker:
        return False
    where = [ev.mention.text]
    surname = ev.resolved.speaker.split()[-1]
    stem = surname[:max(4, len(surname) - 2)]
    at = -1
    for _ in range(6):               # a headline may name them first, the body with the title
        at = text.find(stem, at + 1)
        if at < 0:
            break
        lo = max(0, at - 60, *(text.rfind(c, 0, at) + 1 for c in ".!?\n"))
        ends = [e for e in (text.find(c, at) for c in ".!?\n") if e >= 0]
        where.append(text[lo:min([at + len(surname) + 40, *ends])])   # its own sentence
    return any(_OFFICE.search(w) and not _COMMENTATOR.search(w) for w in where)


# vague phrases that can only point ahead ("in a few months we have made…" looks back)
_FORWARD_VAGUE = re.compile(r"\b(?:coming|upcoming|soon|shortly|near future)\b|(?<!\w)(?:ближайш|"
                            r"скоро|вскоре|будущем|найближч|незабаром)", re.I)


def _around(text: str, pos: int) -> str:
    """The article around a quote, bounded: an event's dates may be told before the quote
    or after it ("… will go home after the exercises" … "runs until March 21")."""
    return text[max(0, pos - 6000):pos + 6000]


def fuzzy_first_day(value: str | None) -> dt.date | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _is_statement(layout: Layout, q: QuoteSpan) -> bool:
    """Three or more words, not a title in Title Case, not a quoted heading on its own line,
    not part of an embedded social-media post."""
    inner = layout.text[q.start:q.end]
    if word_count(inner) < MIN_WORDS or looks_like_title(inner):
        return False
    para = layout.paras[q.para]
    if _EMBED.search(layout.text[para.start:para.end]):
        return False
    if para.end - para.start <= 250 and _PROMO_LINE.match(layout.text, para.start):
        return False                           # a related-story headline, not speech
    if _LABEL_BEFORE.search(layout.masked[max(para.start, q.mark_start - 40):q.mark_start]):
        return False                           # the so-called "peace through strength" doctrine
    if _quoted_name(layout, q, inner):
        return False                           # «Северо-Западного авиационного центра» Вадим …
    alone = q.mark_start == para.start and q.mark_end >= para.end - 1
    if alone and inner.rstrip()[-1:] not in ".!?,;:…" and word_count(inner) <= 8:
        return False                           # a section heading in quotation marks
    return True


def _quoted_name(layout: Layout, q: QuoteSpan, inner: str) -> bool:
    """A Russian name in marks inside the writer's sentence: capitalised, a few words, no
    closing punctuation, and the sentence goes straight on after it ("гендиректор «Северо-
    Западного авиационного центра» Вадим Соловец")."""
    if not re.search(r"[а-яё]", inner, re.I) or not inner[:1].isupper() or word_count(inner) > 4:
        return False
    if inner.rstrip()[-1:] in ".!?,;:…":
        return False
    sent = layout.sentence_at(q.mark_start)
    lead = layout.masked[sent.start:q.mark_start].replace(FILL, "")
    after = layout.text[q.mark_end:q.mark_end + 3]
    return bool(re.search(r"[^\W\d_]", lead)) and bool(re.match(r" [^\W\d_]", after))


def _is_fragment(layout: Layout, q: QuoteSpan) -> bool:
    """A phrase quoted inside the writer's own sentence with nobody saying it: scare quotes."""
    inner = layout.text[q.start:q.end].rstrip()
    sent = layout.sentence_at(q.mark_start)
    lead = layout.masked[sent.start:q.mark_start].replace(FILL, "")
    return bool(re.search(r"[^\W\d_]", lead)) and inner[-1:] not in ".!?"


def _plausible_secondary(layout: Layout, q: QuoteSpan, ev: Event | None) -> bool:
    """A quotation in the article's other mark style counts only as a whole attributed
    sentence ('We must leave on time,' he said), not as a phrase inside the writer's sentence."""
    if ev is None or layout.para_of(ev.verb_start) != q.para:
        return False
    if layout.text[q.mark_start] in DOUBLE_MARKS:
        return True
    inner = layout.text[q.start:q.end]
    lead = layout.masked[layout.sentence_at(q.mark_start).start:q.mark_start]
    return inner[:1].isupper() and (not lead.strip() or lead.rstrip().endswith((":", ",")))
