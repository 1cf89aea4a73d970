"""The cascade: cue candidates, the cue model's choice, outermost attributions only,
continued quotes and content edges."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..cues import load_cue_model
from ..edges import refine_edges
from ..entities import ANONYMOUS_HEADS, DOCUMENT_HEADS, GROUP_HEADS
from ..model import doc_text
from ..quotes import Quote, find_quotes
from ..words import BODY_NOUNS, EVIDENCE_VERBS, INTERVIEW, OUTLET_NOUNS, PEOPLE_NOUNS
from .build import build_candidate
from .candidate import Candidate
from .features import cue_features
from .phrases import is_candidate
from .quoting import continue_quotes, widen_to_quotes


def candidates(
    doc: Doc,
    quotes: list[Quote] | None = None,
    light_objects: frozenset[str] = frozenset(),
    *,
    with_content_only: bool = False,
) -> list[Candidate]:
    """Every cue candidate in ``doc`` with its spans and features; with ``with_content_only``,
    only those with content (the others can never be attributions, training still sees them)."""
    text = doc_text(doc)
    if quotes is None:
        quotes = find_quotes(text)
    found = []
    for token in doc:
        if not is_candidate(token):
            continue
        candidate = build_candidate(token, light_objects, quotes)
        widen_to_quotes(candidate, quotes, text)
        if with_content_only and not candidate.content:
            continue
        candidate.features = cue_features(candidate, quotes, text)
        found.append(candidate)
    return found


def _extent(candidate: Candidate) -> tuple[int, int]:
    spans = [candidate.cue, *candidate.content]
    if candidate.source:
        spans.append(candidate.source)
    return min(s for s, _ in spans), max(e for _, e in spans)


def _subtract(spans: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        if end <= cut[0] or start >= cut[1]:
            out.append((start, end))
            continue
        if start < cut[0]:
            out.append((start, cut[0]))
        if end > cut[1]:
            out.append((cut[1], end))
    return out


def resolve_nesting(
    chosen: list[Candidate], keep_inner: Callable[[Candidate], bool] = lambda c: False
) -> list[Candidate]:
    """Step 4: attributions do not nest (PolNeAR annotates none). When one attribution's cue
    lies inside another's content, either the inner one is kept and cut out of the outer
    content ("said X and said that Y" are two attributions), or it is dropped."""
    dropped: set[int] = set()
    for inner in sorted(chosen, key=lambda c: -(_extent(c)[1] - _extent(c)[0])):
        start = inner.cue[0]
        for outer in chosen:
            if outer is inner or id(outer) in dropped or id(inner) in dropped:
                continue
            if not any(s <= start < e for s, e in outer.content):
                continue
            if any(s <= outer.cue[0] < e for s, e in inner.content):
                # each inside the other ("It is recalled that, according to X, ..."): a
                # sourced attribution wins over a sourceless one, then a reporting clause
                # hung on the other's clause ("X agreed to Y, as the Post reported") over the
                # clause it reports; otherwise keep both
                if (inner.source is None) != (outer.source is None):
                    dropped.add(id(inner) if inner.source is None else id(outer))
                elif _reports_clause_of(inner, outer) or _reports_clause_of(outer, inner):
                    dropped.add(id(outer) if _reports_clause_of(inner, outer) else id(inner))
                continue
            if keep_inner(inner):
                outer.content = _trim_spans(_subtract(outer.content, _extent(inner)))
            else:
                dropped.add(id(inner))
    for one in chosen:  # one content, two cues: the one with a source, else the likelier of two
        # cues hung on each other
        for other in chosen:
            if one is other or one.content != other.content:
                continue
            if one.source is None and other.source is not None:
                dropped.add(id(one))  # a quotation claimed by a cue with a source and one without
            elif _reports_clause_of(other, one) and (one.source is None) == (other.source is None):
                dropped.add(id(one if one.probability < other.probability else other))
    return [c for c in chosen if id(c) not in dropped and c.content]


def _reports_clause_of(reporting: Candidate, reported: Candidate) -> bool:
    """Whether ``reporting``'s cue hangs, through the parse, on ``reported``'s cue."""
    return reported.token in reporting.token.ancestors


def _document_evidence(candidate: Candidate) -> bool:
    """A document, report or testimony as the subject of a verb of evidence, with content:
    a source the cue model, trained on people's words, tends to miss."""
    head = candidate.source_head
    return (
        head is not None
        and bool(candidate.content)
        and candidate.token.pos_ == "VERB"
        and candidate.token.lemma_.lower() in EVIDENCE_VERBS
        and head.lemma_.lower() in DOCUMENT_HEADS
    )


#: Entity types of a source "according to" names: a person, a body, a place's government.
_SOURCE_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
#: Nouns for a source "according to" names without a name: people, bodies, outlets, documents.
_SOURCE_NOUNS = PEOPLE_NOUNS | BODY_NOUNS | ANONYMOUS_HEADS | OUTLET_NOUNS | DOCUMENT_HEADS


def _according_to_someone(candidate: Candidate) -> bool:
    """A sentence that opens "According to X, ..." where X is a person, a body, an outlet or
    a document ("Texas authorities", "the newspaper"), with content: the plainest
    attribution there is, which the cue model doubts when a stray quotation mark earlier in
    the text makes it look quoted. Not "according to plan" or "according to the schedule"."""
    head = candidate.source_head
    token = candidate.token
    return (
        token.lower_ == "according"
        and token.i == token.sent.start
        and head is not None
        and bool(candidate.content)
        and (
            head.ent_type_ in _SOURCE_ENTITIES
            or head.lemma_.lower() in _SOURCE_NOUNS
            or head.lower_ in GROUP_HEADS
        )
    )


def interview_turn(candidate: Candidate) -> bool:
    """A "Q:" or "A:" turn of an interview printed as questions and answers: who asks and who
    answers are the sources of their lines, which the cue model, seeing a lone letter before
    a colon, tends to doubt."""
    token = candidate.token
    head = candidate.source_head
    return (
        token.lower_ == ":"
        and head is not None
        and head.text in ("Q", "A")
        and head.i == token.i - 1
        and bool(candidate.content)
        and INTERVIEW.search(token.doc.text) is not None
    )


def _trim_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if e - s > 1]


def outermost(chosen: list[Candidate]) -> list[Candidate]:
    """Drop attributions whose cue sits inside another one's content."""
    return resolve_nesting(chosen)


def find_attributions(doc: Doc, model=None, quotes: list[Quote] | None = None) -> list[Candidate]:
    """The attributions in ``doc``: accepted cue candidates with content, outermost only, with
    direct quotes continued over the following sentences, and content edges chosen by the
    model's edge scorers when it has them."""
    model = model or load_cue_model()
    if quotes is None:
        quotes = find_quotes(doc_text(doc))
    chosen = []
    for candidate in candidates(doc, quotes, model.light_objects, with_content_only=True):
        candidate.probability = model.probability(candidate.features)
        if (
            candidate.probability >= model.threshold
            or _document_evidence(candidate)
            or interview_turn(candidate)
            or _according_to_someone(candidate)
        ):
            chosen.append(candidate)
    kept = outermost(chosen)
    continue_quotes(kept, quotes, doc)
    for candidate in kept:
        candidate.parsed_content = list(candidate.content)
    if model.start is not None and model.end is not None:
        refine_edges(kept, doc, quotes, model.start, model.end)
    return kept
