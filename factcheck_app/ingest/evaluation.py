"""Score extracted quotes, speakers and dates against annotated articles (JSON as in samples)."""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from .extract import ExtractedArticle, extract_article

OVERLAP = 0.8
MATCHING_RULE = (
    "a found quote matches an annotated one when both texts are equal after collapsing "
    "whitespace and trimming spaces/quotation marks at the ends, or when their longest common "
    f"substring covers at least {OVERLAP:.0%} of the longer text; matching is one-to-one, exact "
    "matches first; found quotes matching an optional quote are ignored (neither true nor "
    "false positives) and optional quotes are never misses")
SPEAKER_RULE = (
    "speaker right (lenient) = normalised names equal (case, accents, punctuation ignored) or "
    "equal last names (suffixes like Jr. ignored); strict = normalised names equal")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def norm_quote(s: str) -> str:
    return " ".join(s.split()).strip(" \"'“”‘’«»„")


def norm_name(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s-]", " ", s).split())


def last_name(s: str | None) -> str:
    toks = [t for t in norm_name(s).split() if t not in _SUFFIXES]
    return toks[-1] if toks else ""


def quotes_match(found: str, gold: str) -> bool:
    a, b = norm_quote(found), norm_quote(gold)
    if a == b:
        return True
    if not a or not b:
        return False
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= OVERLAP * max(len(a), len(b))


@dataclass(frozen=True)
class ArticleScore:
    name: str
    path: str                       # "txt" or "html"
    gold: int
    found: int
    true_pos: int
    false_pos: int
    optional_hits: int
    speaker_lenient: int
    speaker_strict: int
    date_checked: bool
    date_expected: str | None
    date_found: str | None
    title_expected: str | None
    title_found: str | None
    misses: tuple[str, ...] = ()
    false_positives: tuple[str, ...] = ()
    wrong_speakers: tuple[tuple[str, str | None, str], ...] = ()
    language: str = "en"
    split: str = "dev"
    stated_checked: int = 0          # matched quotes whose annotation has stated_on
    stated_right: int = 0
    kind_checked: int = 0
    kind_right: int = 0
    deadline_gold: int = 0           # matched quotes whose annotation has a check_by_phrase
    deadline_exact: int = 0          # ... and the same phrase was proposed, exactly
    deadline_date_right: int = 0     # ... and the same check-by date
    deadline_extra: int = 0          # a phrase proposed where the annotation has none
    wrong_fields: tuple[tuple[str, str, object, object], ...] = ()

    @property
    def date_ok(self) -> bool:
        return self.date_found == self.date_expected


def _pair(art: ExtractedArticle, gold: list[dict]) -> dict[int, int]:
    """candidate index -> annotated quote index, one-to-one, exact matches first."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for ci, c in enumerate(art.candidates):
            if ci in pairs:
                continue
            for gi, g in enumerate(gold):
                if gi in used:
                    continue
                ok = (norm_quote(c.quote) == norm_quote(g["text"])) if exact else \
                    quotes_match(c.quote, g["text"])
                if ok:
                    pairs[ci] = gi
                    used.add(gi)
                    break
    return pairs


def score_article(art: ExtractedArticle, ann: dict, name: str, path: str,
                  date_checked: bool) -> ArticleScore:
    gold = list(ann["quotes"])
    optional = list(ann.get("optional_quotes", []))
    pairs = _pair(art, gold)
    tp = fp = opt = lenient_n = strict_n = 0
    fps: list[str] = []
    wrong: list[tuple[str, str | None, str]] = []
    fields = _FieldScore()
    for ci, c in enumerate(art.candidates):
        if ci in pairs:
            g = gold[pairs[ci]]
            fields.add(c, g)
            tp += 1
            strict = norm_name(c.speaker) == norm_name(g["speaker"])
            lenient = strict or (bool(c.speaker)
                                 and last_name(c.speaker) == last_name(g["speaker"]))
            strict_n += strict
            lenient_n += lenient
            if not lenient:
                wrong.append((c.quote[:60], c.speaker, g["speaker"]))
        elif any(quotes_match(c.quote, o["text"]) for o in optional):
            opt += 1
        else:
            fp += 1
            fps.append(c.quote[:80])
    matched = set(pairs.values())
    return ArticleScore(
        name, path, len(gold), len(art.candidates), tp, fp, opt, lenient_n, strict_n,
        date_checked, ann.get("published") if date_checked else None, art.published,
        ann.get("title"), art.title,
        tuple(g["text"][:80] for gi, g in enumerate(gold) if gi not in matched),
        tuple(fps), tuple(wrong), ann.get("language", "en"), ann.get("split", "dev"),
        fields.stated_checked, fields.stated_right, fields.kind_checked, fields.kind_right,
        fields.deadline_gold, fields.deadline_exact, fields.deadline_date_right,
        fields.deadline_extra, tuple(fields.wrong))


@dataclass
class _FieldScore:
    """Stated date, kind and check-by of matched quotes against their annotation."""
    stated_checked: int = 0
    stated_right: int = 0
    kind_checked: int = 0
    kind_right: int = 0
    deadline_gold: int = 0
    deadline_exact: int = 0
    deadline_date_right: int = 0
    deadline_extra: int = 0
    wrong: list = None

    def __post_init__(self) -> None:
        self.wrong = []

    def add(self, c, g: dict) -> None:
        short = c.quote[:50]
        for field, counter in (("stated_on", "stated"), ("kind", "kind")):
            if field not in g:
                continue
            setattr(self, f"{counter}_checked", getattr(self, f"{counter}_checked") + 1)
            ok = getattr(c, field) == g[field]
            setattr(self, f"{counter}_right", getattr(self, f"{counter}_right") + ok)
            if not ok:
                self.wrong.append((short, field, getattr(c, field), g[field]))
        if "check_by_phrase" not in g:
            return
        want = g["check_by_phrase"]
        if want:
            self.deadline_gold += 1
            exact = c.check_by_phrase == want
            self.deadline_exact += exact
            self.deadline_date_right += exact and c.check_by == g.get("check_by")
            if not exact or c.check_by != g.get("check_by"):
                self.wrong.append((short, "check_by", (c.check_by_phrase, c.check_by),
                                   (want, g.get("check_by"))))
        elif c.check_by_phrase:
            self.deadline_extra += 1
            self.wrong.append((short, "check_by", (c.check_by_phrase, c.check_by), None))


@dataclass(frozen=True)
class Totals:
    scores: list[ArticleScore]

    def _sum(self, attr: str) -> int:
        return sum(getattr(s, attr) for s in self.scores)

    @property
    def precision(self) -> float:
        tp, fp = self._sum("true_pos"), self._sum("false_pos")
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def recall(self) -> float:
        gold = self._sum("gold")
        return self._sum("true_pos") / gold if gold else 1.0

    @property
    def speaker_lenient(self) -> float:
        tp = self._sum("true_pos")
        return self._sum("speaker_lenient") / tp if tp else 1.0

    @property
    def speaker_strict(self) -> float:
        tp = self._sum("true_pos")
        return self._sum("speaker_strict") / tp if tp else 1.0

    def ratio(self, right: str, checked: str) -> float | None:
        n = self._sum(checked)
        return self._sum(right) / n if n else None

    def part(self, **where: str) -> "Totals":
        """The scores of the articles with these language/split values."""
        return Totals([s for s in self.scores
                       if all(getattr(s, k) == v for k, v in where.items())])

    @property
    def dates(self) -> tuple[int, int]:
        checked = [s for s in self.scores if s.date_checked]
        return sum(s.date_ok for s in checked), len(checked)

    @property
    def invented_dates(self) -> int:
        """Dates returned for texts that do not state one."""
        return sum(1 for s in self.scores if not s.date_checked and s.date_found is not None)


def sample_articles(root: Path) -> list[tuple[str, Path | None, Path | None, dict]]:
    """(name, txt path, html path, annotations) for every annotated article under root.
    The seed article's text lives one folder up, as resources/samples/seed-article.txt."""
    out = []
    for ann_path in sorted(root.glob("*.json")):
        name = ann_path.stem
        data = json.loads(ann_path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "quotes" not in data:
            continue
        txt = ann_path.with_suffix(".txt")
        if not txt.exists() and (root.parent / f"{name}.txt").exists():
            txt = root.parent / f"{name}.txt"
        html = ann_path.with_suffix(".html")
        out.append((name, txt if txt.exists() else None, html if html.exists() else None, data))
    return out


def _extract(path: Path, published: str | None = None) -> ExtractedArticle:
    """The extraction of one file; a file the extractor rejects scores as finding nothing.
    published is the date an analyst gives in the import dialog when the text has none."""
    day = dt.date.fromisoformat(published) if published else None
    try:
        return extract_article(path.read_bytes(), filename=path.name, published=day)
    except ValueError:
        return ExtractedArticle(None, None, None, None, "", ())


def _extract_txt(path: Path, ann: dict) -> ExtractedArticle:
    """A plain text as scored: where it states no publication date, its quotes are dated as
    the analyst's date makes them, while the date found (to be checked: none) is its own."""
    art = _extract(path)
    if ann.get("published_in_txt") or not ann.get("published"):
        return art
    return replace(_extract(path, ann["published"]), published=art.published)


def evaluate(root: Path, paths: tuple[str, ...] = ("txt", "html")) -> dict[str, Totals]:
    """Run the extractor over the annotated articles in root; one Totals per input path."""
    results: dict[str, list[ArticleScore]] = {p: [] for p in paths}
    for name, txt, html, ann in sample_articles(root):
        if "txt" in paths and txt is not None:
            results["txt"].append(score_article(_extract_txt(txt, ann), ann, name, "txt",
                                                bool(ann.get("published_in_txt"))))
        if "html" in paths and html is not None:
            results["html"].append(score_article(_extract(html), ann, name, "html",
                                                 ann.get("published") is not None))
    return {p: Totals(s) for p, s in results.items()}
