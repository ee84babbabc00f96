"""HTML pages: body text with trafilatura; headline, outlet, date and language from the page."""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from .dates import parse_date
from .plaintext import clean_lines, guess_language

# hover cards and pop-ups that sit inline in article paragraphs (e.g. a politician's
# "rollover" box listing other headlines) are not article text; their trigger links are kept
PRUNE_XPATH = [
    "//*[(contains(@class, 'rollover') or contains(@class, 'hover')) and (contains(@class, 'block')"
    " or contains(@class, 'card') or contains(@class, 'box') or contains(@class, 'content'))]",
    "//*[contains(@class, 'tooltip') or contains(@class, 'popover') or contains(@class, 'popup')]",
    "//*[@role='tooltip']",
]
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article.published", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "dc.date.issued",
    "dcterms.date", "dcterms.created", "dc.date", "sailthru.date", "parsely-pub-date",
    "originalpublicationdate", "date", "citation_publication_date",
)
_MIN_YEAR = 1995


@dataclass(frozen=True)
class HtmlArticle:
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    text: str


def extract_html(html: str) -> HtmlArticle:
    import trafilatura  # imported lazily: it is slow to import

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"could not parse the HTML page: {exc}") from exc
    options = dict(with_metadata=True, include_comments=False, include_tables=False,
                   include_images=False, prune_xpath=PRUNE_XPATH,
                   date_extraction_params={"extensive_search": False, "original_date": True})
    doc = trafilatura.bare_extraction(html, **options)
    if doc is None or not (doc.text or "").strip():       # thin pages: ask for recall instead
        doc = trafilatura.bare_extraction(html, favor_recall=True, **options) or doc
    body = (doc.text if doc is not None else "") or ""
    meta_title = (doc.title if doc is not None else None) or _meta(tree, "og:title")
    title = headline(tree, meta_title)
    lines = [ln.strip() for ln in body.split("\n")]
    while lines and title and _same(lines[0], title):
        lines.pop(0)
    text = "\n\n".join(clean_lines(lines))
    if not text.strip():
        raise ValueError("no article text found in the HTML page")
    published = published_date(tree, html) or parse_date(doc.date if doc is not None else None)
    outlet = _outlet(tree, doc.sitename if doc is not None else None)
    return HtmlArticle(title, outlet, published, _language(tree) or guess_language(text), text)


def _norm(s: str | None) -> str:
    return " ".join((s or "").split())


def _same(a: str, b: str) -> bool:
    return _norm(a).lower().rstrip(".") == _norm(b).lower().rstrip(".")


def _meta(tree: lxml.html.HtmlElement, key: str) -> str | None:
    for el in tree.iter("meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if name == key and el.get("content"):
            return _norm(el.get("content"))
    return None


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"\w+", s.lower()) if len(w) > 3}


def headline(tree: lxml.html.HtmlElement, meta_title: str | None) -> str | None:
    """The visible headline (an <h1> or headline element) that matches the page's metadata
    title best; the metadata title when no visible one matches."""
    cands: list[tuple[int, str]] = []
    xp = ("//h1 | //*[@itemprop='headline'] | //h2[contains(@class,'headline')] | "
          "//*[self::h1 or self::h2 or self::div][contains(@class,'story-headline')]")
    for rank, el in enumerate(tree.xpath(xp)):
        for bad in el.xpath(".//script | .//style"):
            bad.drop_tree()
        txt = _norm(el.text_content())
        if 3 <= len(txt.split()) <= 40:
            cands.append((rank, txt))
    ref = _words(meta_title or "") | _words(_norm(tree.findtext(".//title") or ""))
    best: tuple[float, int, str] | None = None
    for rank, txt in cands:
        words = _words(txt)
        score = len(words & ref) / max(1, len(words)) if ref else 0.5
        if best is None or (score, -rank) > (best[0], -best[1]):
            best = (score, rank, txt)
    if best and best[0] >= 0.3:
        return best[2]
    return meta_title or (_norm(tree.findtext(".//title")) or None)


def published_date(tree: lxml.html.HtmlElement, html: str) -> dt.date | None:
    """Publication date, most explicit source first: publication metadata, JSON-LD
    datePublished, a visible "Published ..." line, a <time> element, then htmldate."""
    for key in _PUBLISHED_META:
        d = _valid(parse_date(_meta(tree, key)))
        if d:
            return d
    for script in tree.xpath("//script[@type='application/ld+json']"):
        d = _valid(_ld_date(script.text or ""))
        if d:
            return d
    for txt in tree.xpath("//body//text()[contains(., 'Published')]"):
        m = re.search(r"\bPublished\b:?\s*(.{0,60})", str(txt))
        if m:
            d = _valid(parse_date(m.group(1)))
            if d:
                return d
    times = tree.xpath("//time[@pubdate] | //time[@itemprop='datePublished'] | "
                       "//time[contains(@class,'publish')] | //time[@datetime]")
    for el in times:
        d = _valid(parse_date(el.get("datetime") or el.text_content()))
        if d:
            return d
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(html, original_date=True, extensive_search=extensive)
        except Exception:            # htmldate gives up on odd pages; the date is optional
            found = None
        d = _valid(parse_date(found))
        if d:
            return d
    return None


def _ld_date(raw: str) -> dt.date | None:
    try:
        data = json.loads(raw)
    except ValueError:
        m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', raw)
        return parse_date(m.group(1)) if m else None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if isinstance(item.get("datePublished"), str):
                d = _valid(parse_date(item["datePublished"]))
                if d:
                    return d
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _valid(d: dt.date | None) -> dt.date | None:
    if d is None or d.year < _MIN_YEAR or d > dt.date.today() + dt.timedelta(days=2):
        return None
    return d


def _outlet(tree: lxml.html.HtmlElement, sitename: str | None) -> str | None:
    og = _meta(tree, "og:site_name")
    if og and " " in og:
        return og
    return sitename or og


def _language(tree: lxml.html.HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") \
        or tree.get("xml:lang") or _meta(tree, "og:locale") or ""
    m = re.match(r"[a-zA-Z]{2,3}", lang)
    return m.group().lower() if m else None
