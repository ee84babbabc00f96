"""The HTML report: self-contained, escaped, one JSON-LD script that cannot be broken out of."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from factcheck_app.reports.claimreview import for_script_tag
from factcheck_app.reports.html import css_string, link
from factcheck_app.services.reports import ExportRequest, render

from .helpers import EVIL_URL, HOSTILE_ORG, HOSTILE_QUOTE, XSS, statement_id


class Page(HTMLParser):
    """Collects elements, attributes, script contents and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script: dict | None = None
        self._style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))
        if tag == "style":
            self._style = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif not self._style:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def _page(ws, **options) -> tuple[str, Page]:
    html = render(ws, ExportRequest(format="html", output="-", **options)).decode("utf-8")
    page = Page()
    page.feed(html)
    page.close()
    return html, page


def test_hostile_text_shows_as_text_and_only_the_json_ld_script_exists(hostile):
    html, page = _page(hostile, report="dossier",
                       statement_ids=(statement_id(hostile, "-Mallory <b>bold</b>"),))
    # The quote is shown, as text, with its script tag visible
    assert XSS in page.visible
    assert "</script><!-- ]]>" in page.visible
    assert HOSTILE_ORG in page.visible
    # exactly one script element, and it is the JSON-LD
    assert [attrs for attrs, _ in page.scripts] == [{"type": "application/ld+json"}]
    # no element came out of user text
    assert not any(tag in ("iframe", "object", "embed", "img", "link", "base", "form")
                   for tag, _ in page.tags)
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    # links only to http(s), and a URL full of quotes and brackets stays inside its href
    hrefs = [attrs["href"] for tag, attrs in page.tags if tag == "a" and "href" in attrs]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert EVIL_URL in hrefs
    # self-contained: nothing is fetched
    assert not any(attrs.get("src") for _, attrs in page.tags)
    assert "@import" not in html and "url(" not in html


def test_json_ld_parses_and_holds_the_hostile_quote_intact(hostile):
    html, page = _page(hostile, report="period")
    (_, body), = page.scripts
    assert "<" not in body and ">" not in body and "&" not in body
    reviews = json.loads(body)
    quotes = [r["claimReviewed"] for r in reviews]
    assert HOSTILE_QUOTE in quotes
    assert all(r["@type"] == "ClaimReview" for r in reviews)
    # the element ends exactly where the JSON ends: user text could not end it early
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    assert json.loads(html[start:html.index("</script>", start)]) == reviews


def test_script_tag_escaping_round_trips_every_breakout():
    nasty = ["</script>", "<!--", "-->", "</SCRIPT >", "&lt;", "\u2028\u2029", "<\\/script>"]
    text = for_script_tag([{"q": s} for s in nasty])
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert [d["q"] for d in json.loads(text)] == nasty


def test_css_strings_cannot_end_the_string_or_the_style_element():
    value = css_string('a"b</style><script>\\')
    assert value.startswith('"') and value.endswith('"')
    inner = value[1:-1]
    assert '"' not in inner and "<" not in inner and ">" not in inner


def test_links_only_for_http_urls():
    assert link("https://example.org/a?b=1&c=2").startswith('<a href="https://example.org/a?b=1&amp;c=2"')
    assert "<a" not in link("javascript:alert(1)")
    assert "<a" not in link("data:text/html,<script>")
    assert "&lt;script&gt;" in link("data:text/html,<script>")


def test_dossier_html_content_and_print_css(demo):
    html, page = _page(demo, report="dossier", statement_ids=(statement_id(demo, "Peskov"),),
                       page_size="letter")
    text = page.visible
    assert "It is beyond any doubt" in text
    assert "Dmitri Peskov" in text
    assert "Broken" in text
    assert "Evidence against" in text and "24 February 2022" in text
    assert "Reviewed and approved by Rob Kessler" in text
    assert "Verdict history" in text
    assert "@page" in html and "size: letter" in html
    assert "<svg" not in html or "<script" not in html.split("<svg")[1]
    assert "DRAFT" not in text


def test_draft_html_is_marked(demo):
    html, page = _page(demo, report="speaker", speaker="Lukashenko", include_drafts=True)
    assert "draft-banner" in html
    assert "DRAFT" in page.visible
    assert "Statements past their check-by date, by verdict" in page.visible  # the chart
    assert "<svg" in html and 'role="img"' in html
