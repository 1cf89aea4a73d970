"""Per-article analysis: a pure function from an article to plain data.

:func:`analyse` parses the text once and then, in order:

1. finds attributions (:mod:`.attribution`), resolves who each source is and through whom
   the article got the content (:mod:`.speakers`, :mod:`.entities`; the citation chain starts
   with the news agency when the dateline credits one: "MOSCOW (Reuters) - ...");
2. finds loaded language (:mod:`.loaded`), in the outlet's own voice or someone else's words;
3. scores each sentence's check-worthiness (:mod:`.checkworthy`) and certainty
   (:mod:`.modality`), and finds quantities (:mod:`.quantities`) and time expressions
   (:mod:`.timex`);
4. assembles claims (:mod:`.claims`).

Before any of it, :func:`analyse` and :func:`analyse_many` pass the article through the
language gate (:mod:`.language`): an article stored in a language the analyser does not
support is never parsed as English; only its English paragraphs are read, if it has any, and
``language.note`` says so.

It reads nothing but its arguments and the packaged models, so it runs the same in-process, in
a process pool or on a cluster. All offsets index into ``text`` (the article's clean text, or
the input file's text as-is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from .attribution import Candidate, find_attributions
from .checkworthy import checkworthiness, load_checkworthy
from .claims import Claim, find_claims
from .dateline import dateline
from .descriptions import Description, find_descriptions
from .entities import Entities, Entity, refer_pronouns, refer_quoted, widen_person_names
from .language import LanguageGate, language_gate, readable_text
from .loaded import LoadedTerm, find_loaded_terms, own_voice_rate
from .modality import modality
from .model import doc_text
from .quantities import Quantity, find_quantities
from .quotes import Quote, find_quotes
from .settings import AnalysisSettings
from .speakers import Attribution, SpeakerResolver, same_name
from .timex import TimeExpression, find_times
from .version import ANALYSER_VERSION, analyser_version
from .words import DIRECTIVE_LEMMAS, QUESTION_OPENERS, REFUSAL_LEMMAS, SPEECH_LEMMAS


@dataclass(slots=True)
class ArticleAnalysis:
    id: str
    title: str | None
    outlet: str | None
    text: str
    sentences: list[dict[str, Any]]
    entities: list[Entity]
    attributions: list[Attribution]
    published: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    #: Own-voice loaded terms per 1,000 own-voice words.
    loaded_rate: float = 0.0
    #: The news agency whose copy this is, from a dateline credit ("MOSCOW (Reuters) -").
    wire: str | None = None
    #: The article's language and what of it was read (None: a bare text, read in full).
    language: LanguageGate | None = None
    #: Descriptions of people and bodies and whom they describe (:mod:`.descriptions`).
    descriptions: list[Description] = field(default_factory=list)
    version: str = ANALYSER_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "text": self.text,
            "analyser_version": self.version,
            "sentences": self.sentences,
            "entities": [e.to_dict() for e in self.entities],
            "attributions": [a.to_dict(self.text) for a in self.attributions],
            "quantities": [q.to_dict() for q in self.quantities],
            "times": [t.to_dict() for t in self.times],
            "claims": [c.to_dict() for c in self.claims],
            "loaded_terms": [t.to_dict() for t in self.loaded_terms],
            "loaded_rate": self.loaded_rate,
            "wire": self.wire,
            "language": self.language.to_dict() if self.language else None,
            "descriptions": [d.to_dict() for d in self.descriptions],
        }


def analyse_text(text: str, *, nlp=None, **options: Any) -> ArticleAnalysis:
    """Analyse one text; ``options`` are those of :func:`analyse_doc`. ``nlp`` defaults to the
    packaged pipeline."""
    from .model import load_nlp

    return analyse_doc((nlp or load_nlp())(text), **options)


def _fields(article) -> dict[str, Any]:
    """id, title and outlet of an :class:`~sourcetrace.article.Article` or its dict form."""
    get = article.get if isinstance(article, dict) else lambda k: getattr(article, k)
    return {
        "article_id": get("id"),
        "title": get("title"),
        "outlet": get("outlet"),
        "published": get("published"),
    }


def _text(article) -> str:
    return article["text"] if isinstance(article, dict) else article.text


def _gate(article) -> LanguageGate:
    """The language gate for an article: what of its text the analyser may read."""
    language = article.get("language") if isinstance(article, dict) else article.language
    return language_gate(_text(article), language)


def _finish(analysis: ArticleAnalysis, article, gate: LanguageGate) -> ArticleAnalysis:
    """The analysis of the gate's readable text, with the article's own text and language;
    sentences and claims end where their read span ends."""
    analysis.text, analysis.language = _text(article), gate
    for sentence in analysis.sentences:
        sentence["end"] = gate.clip(sentence["start"], sentence["end"])
    for claim in analysis.claims:
        claim.end = gate.clip(claim.start, claim.end)
        claim.text = analysis.text[claim.start : claim.end]
    return analysis


def parse(article, nlp=None) -> tuple[Doc, LanguageGate]:
    """The parse :func:`analyse` reads, and the language gate it was made through: what of an
    :class:`~sourcetrace.article.Article` (or its ``to_dict`` form) the analyser may read."""
    from .model import load_nlp

    gate = _gate(article)
    return (nlp or load_nlp())(readable_text(_text(article), gate)), gate


def analyse(
    article,
    nlp=None,
    model=None,
    settings: AnalysisSettings | None = None,
    *,
    parsed: tuple[Doc, LanguageGate] | None = None,
) -> ArticleAnalysis:
    """Analyse an :class:`~sourcetrace.article.Article` (or its ``to_dict`` form), as far as
    its language allows (:mod:`.language`); ``parsed`` is its :func:`parse`, when the caller
    has it already (the analysis changes the parse's entities: read them before)."""
    doc, gate = parsed or parse(article, nlp)
    analysis = analyse_doc(doc, model=model, settings=settings, **_fields(article))
    return _finish(analysis, article, gate)


def analyse_doc(
    doc: Doc,
    *,
    article_id: str = "",
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    model=None,
    settings: AnalysisSettings | None = None,
) -> ArticleAnalysis:
    """Analyse a parsed text, in the order of the module docstring. ``settings`` add
    loaded-language terms to the built-in ones (the ``loaded_terms`` setting)."""
    settings = settings or AnalysisSettings()
    text = doc_text(doc)
    # 1. attributions, with speakers and chains
    quotes = find_quotes(text)
    found, attributions, entities, cut, wire = _attributions(doc, text, quotes, model, outlet)
    descriptions = find_descriptions(doc, entities, [(q.start, q.end) for q in quotes])
    # 2. loaded language, own voice or someone else's words
    attributed = _someone_elses_words(quotes, found, attributions)
    loaded = find_loaded_terms(text, attributed, settings.loaded_terms)
    # 3. sentences with check-worthiness (one model call for sentences and contents) and
    #    certainty; quantities; time expressions
    sents = [sent for sent in doc.sents if sent.text.strip()]
    known = _checkworthiness(text, sents, attributions)
    moods = {(sent.start_char, sent.end_char): modality(sent) for sent in sents}
    quantities = find_quantities(doc)
    times = find_times(doc, published)
    # 4. claims
    claims = find_claims(
        doc,
        sents,
        moods,
        attributions,
        [c.token.lemma_.lower() for c in found],
        entities.entities,
        quantities,
        times,
        _scorer(known),
        load_checkworthy()["meta"]["threshold"],
    )
    for claim in claims:  # an own-voice first sentence starts after the dateline
        if claim.start < cut < claim.end:
            claim.start, claim.text = cut, text[cut : claim.end]
    return ArticleAnalysis(
        id=article_id,
        title=title,
        outlet=outlet,
        text=text,
        sentences=_sentences(sents, known, moods),
        entities=entities.entities,
        attributions=attributions,
        quantities=quantities,
        published=published,
        times=times,
        claims=claims,
        loaded_terms=loaded,
        loaded_rate=own_voice_rate(text, attributed, loaded),
        wire=wire,
        version=analyser_version(settings),
        descriptions=descriptions,
    )


def _attributions(
    doc: Doc, text: str, quotes: list[Quote], model, outlet: str | None
) -> tuple[list[Candidate], list[Attribution], Entities, int, str | None]:
    """Step 1 of the analysis: the attributions found (cue order), each with its speaker and
    chain; the article's entities; where its dateline ends and the agency it credits (a
    dateline is nobody's words, and an agency's own article credits no wire)."""
    found = sorted(find_attributions(doc, model, quotes), key=lambda c: c.cue[0])
    widen_person_names(doc)
    entities = Entities(doc, outlet)
    cut, wire = dateline(text)
    if wire is not None and outlet is not None and same_name(wire, outlet):
        wire = None
    for candidate in found:
        candidate.content = _after(candidate.content, cut)
        candidate.parsed_content = _after(candidate.parsed_content, cut)
    found = [c for c in found if c.content]
    resolver = SpeakerResolver(doc, text, quotes, entities, outlet, wire)
    attributions = [resolver.resolve(c) for c in found]
    for candidate, attribution in zip(found, attributions, strict=True):
        attribution.states = _states_something(doc, candidate)
    refer_pronouns(doc, entities, [(q.start, q.end) for q in quotes])
    spoken = [
        (
            attribution.speaker,
            [
                (max(s, q.start), min(e, q.end))
                for s, e in attribution.content
                for q in quotes
                if s < q.end and q.start < e
            ],
        )
        for attribution in attributions
        if attribution.speaker is not None and attribution.speaker.kind == "person"
    ]
    refer_quoted(doc, entities, spoken)
    return found, attributions, entities, cut, wire


def _states_something(doc: Doc, candidate: Candidate) -> bool:
    """Whether an attribution's content asserts anything: quoted words, words with a verb or
    a number ("put the deal at up to 4,000 drones"), reported with a cue other than a
    refusal, an order ("told her to leave") or a question left open ("did not say what")."""
    token = candidate.token
    if token.lemma_.lower() in REFUSAL_LEMMAS or _directive(token) or _left_open(doc, candidate):
        return False
    for start, end in candidate.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(
            t.pos_ in ("VERB", "AUX") or t.is_quote or t.like_num for t in span
        ):
            return True
    return False


def _left_open(doc: Doc, candidate: Candidate) -> bool:
    """Whether a negated verb of saying leaves a question open: its content is a question it
    did not answer ("did not say what she is being treated for", "would not reveal why"; but
    "did not know why" tells what the speaker knows)."""
    token = candidate.token
    if token.lemma_.lower() not in SPEECH_LEMMAS or not candidate.content:
        return False
    if not any(c.dep_ == "neg" for c in token.children):
        return False
    first = doc.char_span(*candidate.content[0], alignment_mode="expand")
    return first is not None and len(first) > 0 and first[0].lower_ in QUESTION_OPENERS


def _directive(token: Token) -> bool:
    """Whether the cue gives an order or makes a request of someone: a verb of telling or
    asking with an object and an infinitive after it and no clause it reports ("told her to
    leave", "urged residents to stay indoors"; not "told her that the plant would close")."""
    if token.lemma_.lower() not in DIRECTIVE_LEMMAS:
        return False
    deps = {c.dep_ for c in token.rights}
    infinitive = any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in token.rights
    )
    return "dobj" in deps and infinitive and "ccomp" not in deps


def _someone_elses_words(
    quotes: list[Quote], found: list[Candidate], attributions: list[Attribution]
) -> list[tuple[int, int]]:
    """Spans in someone else's words: quotations, and contents reported with a verb of saying
    or "according to" ("X signed a sordid pact" is still the outlet's own wording)."""
    spans = [(q.start, q.end) for q in quotes]
    for candidate, attribution in zip(found, attributions, strict=True):
        speech = candidate.token.lemma_.lower() in SPEECH_LEMMAS
        if speech or attribution.kind == "according_to":
            spans.extend(attribution.content)
    return spans


def _checkworthiness(
    text: str, sents: list[Span], attributions: list[Attribution]
) -> dict[str, float]:
    """Check-worthiness of each sentence and of each attribution's content (its first to its
    last span), in one model call, each text scored once."""
    spans = list(
        dict.fromkeys(
            [sent.text for sent in sents]
            + [
                text[min(s for s, _ in a.content) : max(e for _, e in a.content)]
                for a in attributions
                if a.content
            ]
        )
    )
    return dict(zip(spans, checkworthiness(spans), strict=True))


def _scorer(known: dict[str, float]):
    """Check-worthiness for claim spans, from the scores already computed where possible."""

    def score(texts: list[str]) -> list[float]:
        missing = [t for t in texts if t not in known]
        known.update(zip(missing, checkworthiness(missing), strict=True))
        return [known[t] for t in texts]

    return score


def _sentences(sents: list, scores: dict[str, float], moods: dict) -> list[dict[str, Any]]:
    """Each sentence's offsets with its certainty (:mod:`.modality`) and check-worthiness."""
    return [
        {
            "start": s.start_char,
            "end": s.end_char,
            "checkworthiness": scores[s.text],
            **moods[(s.start_char, s.end_char)].to_dict(),
        }
        for s in sents
    ]


def _after(spans: list[tuple[int, int]], cut: int) -> list[tuple[int, int]]:
    """``spans`` with whatever lies before ``cut`` removed."""
    return [(max(start, cut), end) for start, end in spans if end > cut]


def analyse_many(
    articles,
    nlp=None,
    model=None,
    batch_size: int = 16,
    settings: AnalysisSettings | None = None,
):
    """Analyse articles in order, parsing them in batches (``nlp.pipe``), each as far as its
    language allows (:mod:`.language`)."""
    from .model import load_nlp

    nlp = nlp or load_nlp()
    items = iter(articles)

    def texts(buffer):
        for article in items:
            gate = _gate(article)
            buffer.append((article, gate))
            yield readable_text(_text(article), gate)

    buffer: list = []
    for doc in nlp.pipe(texts(buffer), batch_size=batch_size):
        article, gate = buffer.pop(0)
        analysis = analyse_doc(doc, model=model, settings=settings, **_fields(article))
        yield _finish(analysis, article, gate)
