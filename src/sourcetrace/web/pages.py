"""The reading pages: stories, a story's dossier, an article, a source and a claim. Each has a
stable URL and a JSON twin (the same path with ``.json``, or ``Accept: application/json``).
The twin's decorator sits nearest the function, so it is registered first and
``/articles/ID.json`` is not read as the article ``ID.json``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sourcetrace.outlets import distinct_outlets, outlet_key
from sourcetrace.report.dossier import Dossier, build_dossier, claim_json, listed_story
from sourcetrace.report.html import claim_fragment, highlight, story_fragment
from sourcetrace.stories.service import StorySummary, story_summaries
from sourcetrace.trace.records import TracedClaim
from sourcetrace.trace.service import (
    NotReady,
    corpus_identities,
    current_traces,
    source_profile,
    stored_analyses,
)
from sourcetrace.trace.sources import list_sources
from sourcetrace.web.site import (
    HTML_OR_JSON,
    NOT_ANALYSED,
    not_found,
    respond,
    running_jobs,
    site,
    wants_json,
)

#: Quotation marks around words an article credits (as nlp.words.QUOTE_CHARS; not
#: apostrophes, which may end a word).
QUOTE_MARKS = '“”„«»"'
router = APIRouter()
DATE = r"^(\d{4}-\d{2}-\d{2})?$"


@router.get("/stories", tags=["stories"], summary="Stories", responses=HTML_OR_JSON)
@router.get("/stories.json", tags=["stories"], summary="Stories (JSON)")
def stories_page(
    request: Request,
    q: Annotated[str, Query(description="Full-text search over titles and text.")] = "",
    outlet: Annotated[str, Query(description="Only stories this outlet reported.")] = "",
    entity: Annotated[str, Query(description="A person, place or organisation named.")] = "",
    since: Annotated[str, Query(alias="from", pattern=DATE, description="YYYY-MM-DD")] = "",
    until: Annotated[str, Query(alias="to", pattern=DATE, description="YYYY-MM-DD")] = "",
    sort: Annotated[Literal["size", "recent"], Query(description="Largest or latest first.")] = (
        "size"
    ),
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Stories, largest (or most recent) first, as ingest grouped them; ``not_in_story``
    counts the articles not grouped yet, ``jobs`` the ingest jobs still running."""
    with site(request).store() as store:
        every = story_summaries(store)
        not_in_story = store.count() - sum(s.size for s in every)
        matching_articles = {a.id for a in store.articles(search=q)} if q.strip() else None
    found = select_stories(every, matching_articles, outlet, entity, since, until, sort)
    data = {
        "query": {
            "q": q,
            "outlet": outlet,
            "entity": entity,
            "from": since,
            "to": until,
            "sort": sort,
        },
        "total": len(found),
        "stories": [listed_story(s) for s in found[:limit]],
        "not_in_story": not_in_story,
        "jobs": running_jobs(request),
    }
    outlets = sorted(distinct_outlets(o for s in every for o in s.outlets), key=str.lower)
    return respond(request, "stories.html", data, outlets=outlets)


def select_stories(
    stories: list[StorySummary],
    articles: set[str] | None,
    outlet: str,
    entity: str,
    since: str,
    until: str,
    sort: str,
) -> list[StorySummary]:
    """The stories that hold one of ``articles`` (all when None), were reported by ``outlet``
    (any spelling of it),
    name ``entity`` and overlap the days from ``since`` to ``until`` (a date filter leaves
    undated stories out), sorted by ``sort``."""
    wanted = entity.strip().lower()
    wanted_outlet = outlet_key(outlet) if outlet.strip() else None
    found = []
    for story in stories:
        if articles is not None and not any(a["id"] in articles for a in story.articles):
            continue
        if wanted_outlet and wanted_outlet not in {outlet_key(o) for o in story.outlets}:
            continue
        names = story.people + story.places + story.organisations
        if wanted and not any(wanted in name.lower() for name in names):
            continue
        if (since or until) and not story.first:
            continue
        if (since and story.last < since) or (until and story.first > until):
            continue
        found.append(story)
    if sort == "recent":
        found.sort(key=lambda s: s.last or "", reverse=True)
    return found


@router.get(
    "/stories/{story_id}", tags=["stories"], summary="A story's dossier", responses=HTML_OR_JSON
)
@router.get("/stories/{story_id}.json", tags=["stories"], summary="A story's dossier (JSON)")
def story_page(request: Request, story_id: int) -> Response:
    """The dossier: timeline, claims with their origins, graphs and drift, the claim x outlet
    matrix, sources and the articles with attributions highlighted."""
    dossier = _dossier(request, story_id)
    if dossier is None:
        raise not_found(f"story {story_id}")
    body = None if wants_json(request) else story_fragment(dossier, web=True)
    return respond(request, "story.html", dossier, body=body)


@router.get(
    "/articles/{article_id}", tags=["articles"], summary="An article", responses=HTML_OR_JSON
)
@router.get("/articles/{article_id}.json", tags=["articles"], summary="An article (JSON)")
def article_page(request: Request, article_id: str) -> Response:
    """An article's text with its attributions highlighted and listed beside it (who said
    what), then its claims with their text (the JSON twin: its fields and its analysis, None
    with ``pending`` saying what to run while it is not analysed yet).
    ``article_id`` may be a unique prefix of at least four characters."""
    with site(request).store() as store:
        article = store.get(article_id)
        if article is None:
            raise not_found(f"article {article_id}")
        analysis = stored_analyses(store, [article], site(request).settings).get(article.id)
        story_id = next((s for a, s, _, _ in store.assignments() if a == article.id), None)
    data = {**article.to_dict(), "story": story_id, "analysis": None, "pending": None}
    if analysis is None:
        data["pending"] = NOT_ANALYSED
        data["jobs"] = running_jobs(request)
    else:
        data["analysis"] = {k: v for k, v in analysis.items() if k != "text"}
    if wants_json(request):
        return respond(request, "article.html", data)
    try:
        dossier = _dossier(request, story_id) if story_id is not None else None
    except NotReady:
        dossier = None
    entry = next((a for a in dossier.articles if a["id"] == article.id), None) if dossier else None
    return respond(
        request,
        "article.html",
        data,
        story=dossier and dossier.story,
        text=entry and highlight(entry["text"], entry["attributions"]),
        said=entry and [_said(entry["text"], a) for a in entry["attributions"]],
        claims=entry and dossier and _article_claims(article.id, dossier.claims),
    )


def _said(text: str, attribution: dict[str, Any]) -> dict[str, Any]:
    """One attribution as the article page lists it: who, and the words credited to them."""
    words = " … ".join(text[span["start"] : span["end"]] for span in attribution["content"])
    # The page sets the words in <q>, which adds quotation marks of its own.
    return {**attribution, "said": words.strip(QUOTE_MARKS)}


def _article_claims(article_id: str, claims: Sequence[TracedClaim]) -> list[dict[str, Any]]:
    """The story's claims this article makes, most widely reported first, each with this
    article's own wording."""
    listed = []
    for claim in claims:
        if article_id not in claim.articles:
            continue
        own = next((v for v in claim.versions if v.article == article_id), None)
        listed.append(
            {
                "id": claim.id,
                "text": own.text if own else claim.text,
                "outlets": len(claim.outlets),
                "origins": claim.independent_origins,
            }
        )
    return listed


@router.get("/sources", tags=["sources"], summary="Sources", responses=HTML_OR_JSON)
@router.get("/sources.json", tags=["sources"], summary="Sources (JSON)")
def sources_page(
    request: Request,
    q: Annotated[str, Query(description="Words of a source's name or description.")] = "",
    name: Annotated[
        str, Query(description="One source: every claim credited to it, across stories.")
    ] = "",
) -> Response:
    """The sources of the store's traced stories, most-cited first (``q`` narrows them), or,
    with ``name``, everything credited to one person, organisation, outlet or description
    such as "anonymous officials". Only stored traces are read: stories not traced yet are
    counted, not traced."""
    with site(request).store() as store:
        if not name.strip():
            return respond(
                request, "sources.html", list_sources(store, site(request).settings, q.strip())
            )
        stories, untraced = current_traces(store, site(request).settings)
        identities = corpus_identities(store, site(request).settings)
        profile = source_profile(
            name.strip(), stories, identities, store.reuse_by_outlet(), store.wire_by_outlet()
        )
    data = {
        **profile.to_json(),
        "untraced_stories": untraced,
        "unidentified_stories": identities.stale,
    }
    return respond(request, "source.html", data)


@router.get("/claims/{claim_id}", tags=["claims"], summary="A claim", responses=HTML_OR_JSON)
@router.get("/claims/{claim_id}.json", tags=["claims"], summary="A claim (JSON)")
def claim_page(request: Request, claim_id: str) -> Response:
    """One canonical claim (``3.2``: story 3, claim 2): its versions, provenance graph,
    origins and drift."""
    story_id, _, number = claim_id.partition(".")
    if not (story_id.isdigit() and number.isdigit()):
        raise not_found(f"claim {claim_id} (claim ids look like 3.2)")
    dossier = _dossier(request, int(story_id))
    claim = next((c for c in dossier.claims if c.id == claim_id), None) if dossier else None
    if claim is None:
        raise not_found(f"claim {claim_id}")
    data = {"story": listed_story(dossier.story), "claim": claim_json(claim)}
    body = None if wants_json(request) else claim_fragment(claim, dossier, web=True)
    return respond(request, "claim.html", data, body=body)


def _dossier(request: Request, story_id: int) -> Dossier | None:
    """The story's dossier as stored (``NotReady`` while it is not traced yet)."""
    with site(request).store() as store:
        return build_dossier(store, story_id, settings=site(request).settings)
