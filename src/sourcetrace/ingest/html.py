"""Main text and metadata from an HTML page.

Text, a numbered cascade; the stage that produced the text is recorded as
``field_sources["text"]``. Stages 1 to 3 must each keep at least ``FALLBACK_SHARE`` of the
prose words that trafilatura alone finds (recall mode, on the page as it came), or the next
stage is tried, so neither our furniture removal nor precision mode can lose the article:
1. ``trafilatura``: trafilatura in precision mode, on the page with its clearly named
   furniture removed first (see ``_prune_furniture``);
2. ``trafilatura-recall``: trafilatura in recall mode on the same page, when precision mode
   left out article paragraphs (it drops text set in bare ``<div>`` elements, for one);
3. ``trafilatura-whole-page``: trafilatura in recall mode on the page as it came, when the
   furniture removal took the article with it;
4. ``trafilatura-baseline``: ``trafilatura.baseline``, which keeps every ``<p>``-like block;
5. ``body-text``: the visible text of ``<body>``.

Precision mode is trafilatura's own setting for leaving furniture out; on the extraction
benchmark (``sourcetrace eval extraction``) it scores above recall mode.

Metadata, per field, candidates in this order (the first non-empty one wins):
1. ``json-ld``: a schema.org Article/NewsArticle block;
2. ``meta``: OpenGraph, ``article:*`` and Dublin Core ``<meta>`` tags, ``<link rel=canonical>``,
   ``<time datetime>``, ``<html lang>``;
3. ``trafilatura``: its own metadata extraction on the whole page (htmldate for dates);
4. ``html-title``: the ``<title>`` element, with the " | Site" suffix removed.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from sourcetrace.ingest.build import Candidates
from sourcetrace.ingest.errors import ReadError

_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "webpage"}
_META = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "authors": ("author", "article:author", "dc.creator", "byl", "parsely-author"),
    "published": (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "dc.date",
        "dc.date.issued",
        "date",
    ),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "last-modified"),
    "outlet": ("og:site_name", "application-name", "publisher", "dc.publisher"),
    "language": ("og:locale", "content-language", "dc.language"),
    "url": ("og:url",),
}
_FURNITURE_TOKENS = frozenset(
    """newsletter subscribe subscription signup share sharing social related recommended
    recirculation promo advert advertisement ads ad sponsored cookie cookies consent gdpr
    sidebar widget comments comment breadcrumb breadcrumbs tags popular trending outbrain
    taboola navbar menu paywall""".split()
)
_FURNITURE_PHRASES = (
    "author-box",
    "author-bio",
    "about-author",
    "author-info",
    "most-read",
    "more-stories",
    "read-more",
    "read-next",
)
_ARTICLE_TOKENS = frozenset("article articlebody body content entry post story text".split())
_NEVER_PRUNE = frozenset({"html", "body", "article", "main"})
_HOLDS_ARTICLE = "descendant-or-self::*[self::article or self::main or @itemprop='articleBody']"
_VISIBLE_TEXT = (
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)
_NAME_SPLIT = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"\w+")
#: An element holding more than this share of the page's visible words is the article's.
ARTICLE_SHARE = 0.4
#: A text stage must keep this share of the prose words of trafilatura alone (see _main_text).
FALLBACK_SHARE = 0.6
PROSE_LINE_WORDS = 10
_CLOSERS = "\"”'’)]»"
# No guessing a date from years mentioned in the text: a wrong date is worse than none.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HOSTNAME = re.compile(r"^[\w-]+(?:(?:\.[\w-]+)+(?::\d+)?|:\d+)$")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")


@dataclass(slots=True)
class Page:
    paragraphs: list[str]
    text_stage: str
    fields: Candidates = field(default_factory=dict)
    truncated: bool = False


def parse_html(html: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"cannot parse the HTML ({exc})") from None


def extract_page(html: str, url: str | None = None) -> Page:
    """Paragraphs and metadata candidates of one page; raise ReadError when no text is found."""
    tree = parse_html(html)
    fields: Candidates = {}

    def add(name: str, stage: str, value: object) -> None:
        if value:
            fields.setdefault(name, []).append((stage, value))

    for name, value in _json_ld(tree).items():
        add(name, "json-ld", value)
    for name, value in _meta_tags(tree).items():
        add(name, "meta", value)
    title = tree.findtext(".//title")
    meta = trafilatura.extract_metadata(tree, url, date_config=_DATE_PARAMS)
    add("title", "trafilatura", meta.title)
    add("authors", "trafilatura", meta.author)
    add("published", "trafilatura", meta.date)
    if meta.sitename and not _HOSTNAME.match(meta.sitename):
        add("outlet", "trafilatura", meta.sitename)  # a bare host name is the domain stage's

    text, stage = _main_text(tree, url)
    paragraphs = _lines(text)
    # 4. baseline
    if not paragraphs:
        _, text, _ = trafilatura.baseline(html)
        paragraphs, stage = _lines(text), "trafilatura-baseline"
    # 5. visible body text
    if not paragraphs:
        body = tree.find("body")
        paragraphs, stage = _lines(body.text_content() if body is not None else ""), "body-text"
    if not paragraphs:
        raise ReadError("no article text found in the HTML page")

    if title and title.strip():
        add("title", "html-title", _TITLE_SUFFIX.sub("", " ".join(title.split())))
    tail = html[-4096:].lower()
    truncated = "</html>" not in tail and "</body>" not in tail
    return Page(paragraphs, stage, fields, truncated)


def _main_text(tree: lxml.html.HtmlElement, url: str | None) -> tuple[str, str]:
    """Stages 1-3 of the text cascade: the text and the name of the stage that produced it.

    Each stage must keep at least ``FALLBACK_SHARE`` of the prose words that trafilatura alone
    (recall mode, the whole page) finds, or the next stage is tried.
    """
    pruned = copy.deepcopy(tree)
    _prune_furniture(pruned)
    whole = _trafilatura(tree, url, favor_recall=True)
    floor = FALLBACK_SHARE * _prose_words(whole)
    # 1. precision mode, furniture removed
    precise = _trafilatura(pruned, url, favor_precision=True)
    if precise and _prose_words(precise) >= floor:
        return precise, "trafilatura"
    # 2. recall mode, furniture removed: precision mode dropped article paragraphs
    recall = _trafilatura(pruned, url, favor_recall=True)
    if recall and _prose_words(recall) >= floor:
        return recall, "trafilatura-recall"
    # 3. recall mode, the whole page: removing furniture removed the article
    return whole, "trafilatura-whole-page"


def _trafilatura(tree: lxml.html.HtmlElement, url: str | None, **mode: bool) -> str:
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_images=False,
        deduplicate=False,
        **mode,
    )
    return text or ""


def _prose_words(text: str) -> int:
    """Words in the lines that read as prose: at least ``PROSE_LINE_WORDS`` words ending in a
    full stop, question or exclamation mark. Menus, headlines, captions and teasers cut off
    with "…" (where the two modes of trafilatura differ most) do not count."""
    total = 0
    for line in text.splitlines():
        words = len(_WORD.findall(line))
        if words >= PROSE_LINE_WORDS and line.rstrip().rstrip(_CLOSERS).endswith((".", "!", "?")):
            total += words
    return total


def _prune_furniture(tree: lxml.html.HtmlElement) -> None:
    """Drop the elements that are clearly page furniture.

    An element is furniture when its class or id names a furniture token or phrase
    (``class="newsletter-signup"``) and no article word (``class="entry-content read-more"``
    is an article body with a teaser style, kept). It is kept whatever its name when it is or
    holds ``<article>``, ``<main>`` or a schema.org ``articleBody``, or holds more than
    ``ARTICLE_SHARE`` of the words of the page's visible text (scripts and styles left out:
    their code would make a real article container look small).
    """
    body = tree.find("body")
    if body is None:
        return
    total = _visible_words(body)
    doomed = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _NEVER_PRUNE:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        tokens = set(_NAME_SPLIT.split(names))
        if tokens & _ARTICLE_TOKENS or not (
            tokens & _FURNITURE_TOKENS or any(p in names for p in _FURNITURE_PHRASES)
        ):
            continue
        if element.xpath(_HOLDS_ARTICLE) or _visible_words(element) > ARTICLE_SHARE * total:
            continue
        doomed.append(element)
    for element in doomed:
        element.drop_tree()


def _visible_words(element: lxml.html.HtmlElement) -> int:
    return sum(len(_WORD.findall(text)) for text in element.xpath(_VISIBLE_TEXT))


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _json_ld(tree: lxml.html.HtmlElement) -> dict[str, object]:
    """Fields of the first schema.org article object in the page's JSON-LD."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (json.JSONDecodeError, TypeError):
            continue
        for obj in _walk_ld(data):
            kinds = obj.get("@type", [])
            kinds = [kinds] if isinstance(kinds, str) else kinds
            if not any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                continue
            publisher = obj.get("publisher")
            page = obj.get("mainEntityOfPage")
            return {
                "title": obj.get("headline") or obj.get("name"),
                "authors": _ld_names(obj.get("author")),
                "published": obj.get("datePublished"),
                "modified": obj.get("dateModified"),
                "outlet": publisher.get("name") if isinstance(publisher, dict) else publisher,
                "language": obj.get("inLanguage"),
                "url": obj.get("url") or (page.get("@id") if isinstance(page, dict) else page),
            }
    return {}


def _walk_ld(data: object):
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item)
    elif isinstance(data, dict):
        yield data
        yield from _walk_ld(data.get("@graph", []))


def _ld_names(value: object) -> list[str]:
    if isinstance(value, list):
        return [n for item in value for n in _ld_names(item)]
    if isinstance(value, dict):
        return _ld_names(value.get("name"))
    return [value] if isinstance(value, str) and value.strip() else []


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, object]:
    found: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = (tag.get("content") or "").strip()
        if not key or not content or key in found:
            continue
        if key == "article:author" and content.startswith("http"):
            continue  # a profile URL, not a name
        found[key] = content
        if (tag.get("http-equiv") or "").lower() == "content-language":
            found.setdefault("content-language", content)
    out: dict[str, object] = {}
    for name, keys in _META.items():
        value = next((found[k] for k in keys if k in found), None)
        if value:
            out[name] = value
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    if canonical and canonical[0].strip():
        out["url"] = canonical[0].strip()
    if "published" not in out:
        times = tree.xpath("//time/@datetime")
        if times:
            out["published"] = times[0]
    lang = tree.get("lang") or tree.get("xml:lang")
    if lang:
        out["language"] = lang
    return out
