"""HTML dossiers: one self-contained file per story (``report STORY --html FILE``) and the
fragments the web app puts in its pages.

Everything shown comes from untrusted articles, so templates autoescape and no value is ever
marked safe unless built here from escaped parts. The file makes no network request: the CSS is
inline and allowed by its hash in a Content-Security-Policy that forbids everything else
(no script at all; hovering shows details through ``title`` attributes). Links to articles'
own pages are made only for http(s) URLs.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from sourcetrace.report.diff import word_diff
from sourcetrace.report.svg import graph_svg

if TYPE_CHECKING:
    from sourcetrace.report.dossier import Dossier
    from sourcetrace.trace.records import TracedClaim, Wording

ROLES = ("cue", "source", "content")  # when spans overlap, the first role listed wins
_PARAGRAPH = re.compile(r"(?:(?!\n\s*\n).)+", re.S)
DRIFT_NAMES = {
    "hedge_dropped": "hedge dropped",
    "hedge_added": "hedge added",
    "number_changed": "number changed",
    "object_changed": "unit or object changed",
    "certainty_strengthened": "certainty strengthened",
    "certainty_weakened": "certainty weakened",
    "attribution_dropped": "attribution dropped",
    "speaker_changed": "speaker changed",
    "quote_reworded": "quote worded differently",
    "source_changed": "source description changed",
    "excerpted": "quote cut shorter",
}
MATRIX_MARKS = {"first": "first", "drift": "drifted", "carries": "carries"}
#: Drifts shown side by side for each claim of a story page in the web app; the claim's own
#: page shows them all, with every version.
DRIFT_PREVIEW = 3


def css_text() -> str:
    """The dossier style sheet (also served by the web app)."""
    return (resources.files("sourcetrace.report") / "static" / "dossier.css").read_text("utf-8")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: never a ``javascript:`` link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def highlight(text: str, attributions: list[dict[str, Any]]) -> Markup:
    """``text`` as ``<p>`` paragraphs with each attribution's cue, source and content wrapped in
    ``<span class="att cue|source|content" data-att="N">``; the span's title names the resolved
    speaker, its type and the citation chain. A small numbered mark ends each attribution."""
    spans = []
    ends: dict[int, list[int]] = {}
    for attribution in attributions:
        number = attribution["number"]
        pieces = [("cue", attribution["cue"])]
        if attribution.get("source"):
            pieces.append(("source", attribution["source"]))
        pieces += [("content", c) for c in attribution["content"]]
        valid = [(r, s) for r, s in pieces if 0 <= s["start"] < s["end"] <= len(text)]
        spans += [(s["start"], s["end"], r, attribution) for r, s in valid]
        if valid:
            ends.setdefault(max(s["end"] for _, s in valid), []).append(number)
    out = []
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        points = {start, end} | {p for s in spans for p in s[:2] if start < p < end}
        points |= {p for p in ends if start < p < end}
        pieces = []
        ordered = sorted(points)
        for a, b in itertools.pairwise(ordered):
            active = [s for s in spans if s[0] <= a and b <= s[1]]
            chunk = escape(text[a:b])
            if active:
                _, _, role, attribution = min(
                    active, key=lambda s: (ROLES.index(s[2]), s[1] - s[0])
                )
                chunk = Markup(
                    '<span class="att {role}" data-att="{n}" title="{title}">{chunk}</span>'
                ).format(
                    role=role,
                    n=attribution["number"],
                    title=_attribution_title(attribution),
                    chunk=chunk,
                )
            pieces.append(chunk)
            for number in ends.get(b, []):
                pieces.append(Markup('<sup class="att-mark">{}</sup>').format(number))
        out.append(Markup("<p>{}</p>").format(Markup("").join(pieces)))
    return Markup("\n").join(out)


def _attribution_title(attribution: dict[str, Any]) -> str:
    speaker = attribution["speaker"] or "no source named"
    role = f", {attribution['role']}" if attribution.get("role") else ""
    chain = " → ".join(attribution["chain"])
    return (
        f"{attribution['number']}. {speaker}{role} ({attribution['source_type']}), "
        f"{attribution['kind']} · chain: {chain}"
    )


def drift_views(
    claim: TracedClaim, dossier: Dossier, limit: int | None = None
) -> list[dict[str, Any]]:
    """The first ``limit`` (default: all) drifts of ``claim`` with both versions split into
    changed and unchanged runs."""
    articles = {a["id"]: a for a in dossier.articles}
    views = []
    for change in claim.drift[:limit]:
        before, after = word_diff(change.before.text, change.after.text)
        views.append(
            {
                "kind": change.kind,
                "name": drift_name(change.kind),
                "from": _drift_side(change.before, before, articles),
                "to": _drift_side(change.after, after, articles),
            }
        )
    return views


def _drift_side(
    side: Wording, runs: list[tuple[str, str]], articles: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    return {
        "article": side.article,
        "text": side.text,
        "runs": runs,
        "article_info": articles.get(side.article),
    }


def drift_name(kind: str) -> str:
    """A drift kind as a reader reads it: "hedge dropped"."""
    return DRIFT_NAMES.get(kind, kind.replace("_", " "))


def drift_counts(claim: TracedClaim) -> list[tuple[str, int]]:
    """(readable drift kind, how many times) for ``claim``, most frequent first."""
    counts: dict[str, int] = {}
    for change in claim.drift:
        name = drift_name(change.kind)
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("sourcetrace.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        highlight=highlight,
        graph_svg=graph_svg,
        drift_views=drift_views,
        drift_counts=drift_counts,
        drift_name=drift_name,
        drift_preview=DRIFT_PREVIEW,
        safe_url=safe_url,
        marks=MATRIX_MARKS,
        quote=lambda value: quote(str(value), safe=""),
    )
    return environment


def story_fragment(dossier: Dossier, *, web: bool = False) -> Markup:
    """The dossier's body (no ``<html>``): summary, claims with their graphs and drift, the
    claim x outlet matrix, sources, timeline and the articles with attributions highlighted.
    With ``web``, names link to the web app's pages, the articles are left to their own pages
    and each claim shows its first ``DRIFT_PREVIEW`` drifts, its versions left to the claim's
    page; otherwise names link to anchors in the same page and everything is shown."""
    template = _environment().get_template("dossier_body.html.j2")
    return Markup(template.render(d=dossier, web=web, compact=web))


def claim_fragment(claim: TracedClaim, dossier: Dossier, *, web: bool = False) -> Markup:
    """One canonical claim: origins, versions, graph, drift."""
    template = _environment().get_template("claim.html.j2")
    return Markup(template.render(claim=claim, d=dossier, web=web, compact=False))


def dossier_html(dossier: Dossier) -> str:
    """The dossier as one self-contained, printable HTML document."""
    css = css_text()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template("dossier.html.j2")
    return template.render(d=dossier, css=Markup(css), policy=policy, body=story_fragment(dossier))


def write_dossier_html(dossier: Dossier, path: str | Path) -> Path:
    """Write ``dossier_html`` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(dossier_html(dossier), encoding="utf-8")
    return path
