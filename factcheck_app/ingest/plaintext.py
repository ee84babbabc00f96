"""Plain-text articles: strip web debris, guess the title and outlet, find the stated date."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import parse_date, published_in_text
from .lexicon import STOPWORDS, WORD_RE

# whole lines that are page furniture, not article text
DEBRIS_LINE = re.compile(r"""^(?:
    subscribe\b.* | sign\ (?:up|in)\b.* | log\ ?in\b.* | register\ (?:now|for\ free|to)\b.* |
    (?:i'?m|i\ am|already\ a)\ (?:already\ )?(?:a\ )?subscriber.* | read\ without\ limits.* |
    keep\ reading.* | continue\ reading.* |
    (?:get|join|sign\ up\ for)\ (?:our|the)\ .*newsletter.* |
    (?:our\ )?(?:daily\ |weekly\ )?newsletters?\b.{0,30} |
    trends?(?:\ 24h)? | trending(?:\ now|\ topics)? |
    most\ (?:read|popular|viewed|shared)\b.{0,20} |
    you\ (?:may|might)\ (?:also\ )?like\b.{0,20} | related(?:\ articles|\ stories|\ news|\ content|
    \ topics|\ coverage)?:? | read\ (?:more|also|next)\b.{0,120} | see\ also\b.{0,120} |
    more\ (?:from|on)\ .{0,60} | recommended(?:\ for\ you)? | advertisement |
    sponsored(?:\ content)? |
    share(?:\ this(?:\ article|\ story)?|\ on\ \w+)? | (?:tweet|email|print|comments?)(?:\ this)? |
    follow\ (?:us|all|our|@).{0,100} |
    follow\ (?:\S+\ ){1,4}on\ (?:facebook|twitter|instagram|x|telegram|linkedin|youtube|tiktok)
    .{0,60} |
    (?:click|tap)\ here\b.{0,100} | ©.{0,120} | \(c\)\ .{0,100} | copyright\b.{0,120} |
    all\ rights\ reserved.{0,40} | privacy(?:\ policy)?.{0,40} | terms\ (?:of|and)\ .{0,40} |
    cookies?\b.{0,80} | source:\ ?\S.{0,40} | ,?\ ?or\ in | image:.{0,120} | photo:.{0,120} |
    реклама | читайте\ также.{0,120} | подписывайтесь.{0,120} | поделиться | фото:.{0,120} |
    источник:.{0,60} | по\ теме:?.{0,120} | читайте\ нас.{0,80} | реклама.{0,30}
)$""", re.I | re.X)

# a line after which everything is footer when no article-length paragraph follows
FOOTER_START = re.compile(r"""^(?:
    subscribe\b | you\ (?:may|might)\ (?:also\ )?like | trends?\b | trending | related\b |
    ©|copyright\b | all\ rights\ reserved | follow\ all\b | follow\ us\b | read\ more\b |
    most\ (?:read|popular|viewed) | more\ (?:from|on)\b | recommended\b | keep\ reading |
    continue\ reading | sign\ up\b | our\ (?:daily\ |weekly\ )?newsletter
)""", re.I | re.X)


@dataclass(frozen=True)
class PlainArticle:
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    text: str


# crawler or static-site front matter: "---", key: value lines, "---"
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n((?:[ \t]*[\w-]+[ \t]*:.*\n|[ \t]*\n|[ \t]+.*\n)"
                           r"{1,40}?)---[ \t]*(?:\n|\Z)")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields, rest) of a text that opens with YAML-style front matter; its quoted title and
    description are metadata, never quotations, and its date is the publication date."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end():]


def extract_plain(raw: str) -> PlainArticle:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    meta, text = front_matter(text)
    published = parse_date(meta.get("date") or meta.get("published") or meta.get("pubdate")) \
        or published_in_text(text)
    lines = text.split("\n")
    keep = [bool(ln.strip()) for ln in lines]
    outlet = _source_line(lines)
    _cut_footer(lines, keep)
    for i, ln in enumerate(lines):
        if keep[i] and DEBRIS_LINE.match(ln.strip()):
            keep[i] = False
    title, site = _title(lines, keep)
    body = _join(lines, keep)
    return PlainArticle(title or meta.get("title") or None, outlet or site or meta.get("site"),
                        published, guess_language(body), body)


def clean_lines(lines: list[str]) -> list[str]:
    """Drop debris lines (used on text extracted from HTML too)."""
    return [ln for ln in lines if ln.strip() and not DEBRIS_LINE.match(ln.strip())]


def _source_line(lines: list[str]) -> str | None:
    for ln in lines:
        m = re.match(r"^\s*(?:source|publisher|originally published (?:by|in|on))\s*:\s*"
                     r"(.{2,60}?)\s*$", ln, re.I)
        if m:
            return m.group(1)
    return None


def _is_article_paragraph(line: str) -> bool:
    words = len(line.split())
    return words >= 30 or (words >= 20 and line.rstrip()[-1:] in ".!?\"”")


def _cut_footer(lines: list[str], keep: list[bool]) -> None:
    total = sum(len(ln) + 1 for ln in lines)
    seen = 0
    for i, ln in enumerate(lines):
        seen += len(ln) + 1
        s = ln.strip()
        if not s or seen < total * 0.4 or not FOOTER_START.match(s) or len(s.split()) > 12:
            continue
        if any(_is_article_paragraph(rest) for rest in lines[i + 1:]):
            continue
        for j in range(i, len(lines)):
            keep[j] = False
        return


def _headline_like(line: str) -> bool:
    s = line.strip()
    words = WORD_RE.findall(s)
    if not 4 <= len(words) <= 25 or len(s) > 220:
        return False
    if s.rstrip("\"”’'").endswith((".", "...", "…", ":", ",", ";")) or "|" in s:
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"“‘'"


def _title(lines: list[str], keep: list[bool]) -> tuple[str | None, str | None]:
    """The first headline-like line before the first article paragraph; lines above it are
    site furniture and are dropped, and so is the title line itself."""
    idx = [i for i, k in enumerate(keep) if k]
    first_body = next((n for n, i in enumerate(idx[:13]) if _is_article_paragraph(lines[i])), None)
    if first_body is None:
        return None, None
    for n, i in enumerate(idx[:first_body]):
        line = lines[i].strip()
        if _headline_like(line):
            site = None
            for j in idx[:n]:
                cand = lines[j].strip()
                if len(cand.split()) <= 5 and cand[-1:] not in ".!?…" and site is None:
                    site = cand
                keep[j] = False
            keep[i] = False
            return line, site
    return None, None


def _join(lines: list[str], keep: list[bool]) -> str:
    out: list[str] = []
    prev = -1
    for i, ln in enumerate(lines):
        if not keep[i]:
            continue
        if out:
            gap = lines[prev + 1:i]
            out.append("\n" if not gap else "\n\n")
        out.append(ln.rstrip())
        prev = i
    return "".join(out).strip()


def guess_language(text: str) -> str | None:
    """ISO code of the language whose common words are most frequent, if any clearly is."""
    words = [w.lower() for w in WORD_RE.findall(text[:20000])]
    if len(words) < 20:
        return None
    scores = {lang: sum(1 for w in words if w in sw) / len(words) for lang, sw in STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 0.12 else None
