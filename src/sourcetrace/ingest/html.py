"""Main text and metadata from an HTML page.

Before text extraction, elements whose class or id names them as furniture
(newsletter, share, related, author-box, cookie, ...) are pruned from the tree,
unless one holds most of the page's text (a mislabelled article container).

Text, first stage that finds any wins (recorded as ``field_sources["text"]``):
1. ``trafilatura`` main-content extraction in recall mode (with its own fallbacks);
2. ``trafilatura.baseline``, which keeps every ``<p>``-like block;
3. the visible text of ``<body>``.

Metadata, per field, candidates in this order (the first non-empty one wins):
1. ``json-ld``: a schema.org Article/NewsArticle block;
2. ``meta``: OpenGraph, ``article:*`` and Dublin Core ``<meta>`` tags, ``<link rel=canonical>``,
   ``<time datetime>``, ``<html lang>``;
3. ``trafilatura``: its own metadata extraction (htmldate for dates);
4. ``html-title``: the ``<title>`` element, with the " | Site" suffix removed.
"""

from __future__ import annotations

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
_NEVER_PRUNE = frozenset({"html", "body", "article", "main"})
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
    _prune_furniture(tree)

    # 1. trafilatura
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        # Recall over precision: losing an article paragraph is worse than keeping a stray
        # line, and the furniture pass (furniture.py) removes what recall lets in.
        favor_recall=True,
        # No guessing a date from years mentioned in the text: a wrong date is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    paragraphs, stage = [], ""
    if doc is not None and doc.text and doc.text.strip():
        paragraphs, stage = _lines(doc.text), "trafilatura"
        add("title", "trafilatura", doc.title)
        add("authors", "trafilatura", doc.author)
        add("published", "trafilatura", doc.date)
        if doc.sitename and not _HOSTNAME.match(doc.sitename):
            add("outlet", "trafilatura", doc.sitename)  # a bare host name is the domain stage's
        add("language", "trafilatura", doc.language)
    # 2. baseline
    if not paragraphs:
        _, text, _ = trafilatura.baseline(html)
        if text.strip():
            paragraphs, stage = _lines(text), "trafilatura-baseline"
    # 3. visible body text
    if not paragraphs:
        body = tree.find("body")
        text = body.text_content() if body is not None else ""
        if text.strip():
            paragraphs, stage = _lines(text), "body-text"
    if not paragraphs:
        raise ReadError("no article text found in the HTML page")

    if title and title.strip():
        add("title", "html-title", _TITLE_SUFFIX.sub("", " ".join(title.split())))
    tail = html[-4096:].lower()
    truncated = "</html>" not in tail and "</body>" not in tail
    return Page(paragraphs, stage, fields, truncated)


def _prune_furniture(tree: lxml.html.HtmlElement) -> None:
    """Drop elements that their own markup names as furniture (see the module docstring)."""
    body = tree.find("body")
    total = len(body.text_content()) if body is not None else 0
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NEVER_PRUNE:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if not names.strip():
            continue
        tokens = set(re.split(r"[^a-z0-9]+", names))
        if tokens & _FURNITURE_TOKENS or any(p in names for p in _FURNITURE_PHRASES):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is None or len(element.text_content()) > 0.4 * total:
            continue
        element.drop_tree()


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
