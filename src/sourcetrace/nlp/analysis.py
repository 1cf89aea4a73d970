"""Per-article analysis: a pure function from an article to plain data.

:func:`analyse` parses the text once and then, in order:

1. finds attributions (:mod:`.attribution`), resolves who each source is (:mod:`.entities`)
   and through whom the article got the content (the citation chain, which starts with the
   news agency when the dateline credits one: "MOSCOW (Reuters) - ...");
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

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from .attribution import (
    PRESS_NOUNS,
    Candidate,
    apposed_name,
    find_attributions,
    interview_turn,
    quoted_as_saying,
    source_chars,
)
from .checkworthy import checkworthiness, load_checkworthy
from .claims import Claim, find_claims
from .entities import (
    ANONYMOUS_HEADS,
    DOCUMENT_HEADS,
    FIRST_PERSON,
    GROUP_HEADS,
    INTELLIGENCE_HEADS,
    NAME_LABELS,
    PLACE_LABELS,
    Entities,
    Entity,
    name_key,
    org_kind,
    widen_person_names,
)
from .language import LanguageGate, language_gate, readable_text
from .loaded import LoadedTerm, find_loaded_terms, own_voice_rate
from .modality import modality
from .model import doc_text
from .quantities import Quantity, find_quantities
from .quotes import Quote, find_quotes, in_quote
from .settings import AnalysisSettings
from .timex import TimeExpression, find_times
from .version import ANALYSER_VERSION, analyser_version
from .words import (
    ANONYMITY,
    BODY_HEADS,
    DEFINITE,
    HONORIFICS,
    KIND_OF_SOURCE,
    NEW_REFERENT,
    OFFICE_HEADS,
    ORGANISATION_NOUNS,
    OUTLET_NOUNS,
    PARTITIVE_HEADS,
    PERSON_PRONOUNS,
    PRESS_EVENTS,
    PRONOUN_FORMS,
    PUBLICATION_NOUNS,
    RECIPIENT_PREPOSITIONS,
    REFUSAL_LEMMAS,
    RELATIVE_PRONOUNS,
    SAYING_LEMMAS,
    SEEN_LEMMAS,
    SPEECH_LEMMAS,
    SUBNATIONAL,
    TALK_LEMMAS,
    UNNAMED_WORDS,
    VAGUE_RANKS,
)

THIS_ARTICLE = "this article"


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


@dataclass(slots=True)
class Attribution:
    kind: str
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    speaker: Entity | None = None
    source_type: str = "unattributed"
    role: str | None = None
    chain: list[dict[str, str]] = field(default_factory=list)
    confidence: float = 0.0
    #: Whether the content asserts something (not "declined *to confirm the figures*", not a
    #: bare noun phrase such as "did not respond to *a request for comment*").
    states: bool = True

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "cue": _span(text, *self.cue),
            "source": _span(text, *self.source) if self.source else None,
            "speaker": self.speaker.name if self.speaker else None,
            "speaker_id": self.speaker.id if self.speaker else None,
            "source_type": self.source_type,
            "role": self.role,
            "content": [_span(text, s, e) for s, e in self.content],
            "chain": self.chain,
            "states": self.states,
            "confidence": round(self.confidence, 3),
        }


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
    found = sorted(find_attributions(doc, model, quotes), key=lambda c: c.cue[0])
    widen_person_names(doc)
    entities = Entities(doc, outlet)
    cut, wire = dateline(text)
    if wire is not None and outlet is not None and _same_name(wire, outlet):
        wire = None  # the agency's own article
    for candidate in found:  # a dateline is nobody's words
        candidate.content = _after(candidate.content, cut)
        candidate.parsed_content = _after(candidate.parsed_content, cut)
    found = [c for c in found if c.content]
    resolver = _Resolver(doc, text, quotes, entities, outlet, wire)
    attributions = [resolver.resolve(c) for c in found]
    for candidate, attribution in zip(found, attributions, strict=True):
        attribution.states = _states_something(doc, candidate)
    # 2. loaded language, own voice or someone else's words
    attributed = _someone_elses_words(quotes, found, attributions)
    loaded = find_loaded_terms(text, attributed, settings.loaded_terms)
    # 3. sentences with check-worthiness (one model call for sentences and contents) and
    #    certainty; quantities; time expressions
    sents = [sent for sent in doc.sents if sent.text.strip()]
    spans = list(
        dict.fromkeys(
            [sent.text for sent in sents]
            + [
                text[min(s for s, _ in a.content) : max(e for _, e in a.content)]
                for a in attributions
                if a.content
            ]
        )
    )  # each text scored once
    known = dict(zip(spans, checkworthiness(spans), strict=True))
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
    )


def _states_something(doc: Doc, candidate: Candidate) -> bool:
    """Whether an attribution's content asserts anything: quoted words, words with a verb or
    a number ("put the deal at up to 4,000 drones"), reported with a cue other than a
    refusal."""
    if candidate.token.lemma_.lower() in REFUSAL_LEMMAS:
        return False
    for start, end in candidate.content:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(
            t.pos_ in ("VERB", "AUX") or t.is_quote or t.like_num for t in span
        ):
            return True
    return False


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


class _Resolver:
    """Speakers, source types and citation chains, attribution by attribution in text order."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        quotes: list[Quote],
        entities: Entities,
        outlet: str | None,
        wire: str | None = None,
    ) -> None:
        self.wire = wire
        self.doc = doc
        self.text = text
        self.quotes = quotes
        self.entities = entities
        self.outlet = outlet or THIS_ARTICLE
        #: Named entities of the document (spaCy rebuilds ``doc.ents`` on every access).
        self.names = [e for e in doc.ents if e.label_ in NAME_LABELS]
        self.speakers: list[tuple[int, Entity]] = []
        #: The outlet whose report the article is relaying, and where that began.
        self.context: tuple[int, Entity] | None = None

    # --- one attribution --------------------------------------------------------------------

    def resolve(self, candidate: Candidate) -> Attribution:
        public = self._in_public(candidate)
        if public:
            self.context = None  # "X told reporters": no longer relaying an outlet's report
        speaker, role = self._speaker(candidate)
        attribution = Attribution(
            kind=self._kind(candidate),
            cue=candidate.cue,
            source=candidate.source,
            content=list(candidate.content),
            speaker=speaker,
            role=role,
            chain=self._chain(candidate, speaker, public),
            confidence=candidate.probability,
        )
        if speaker is not None:
            attribution.source_type = KIND_OF_SOURCE.get(speaker.kind, "other")
            self.speakers.append((candidate.cue[0], speaker))
        return attribution

    def _chain(
        self, candidate: Candidate, speaker: Entity | None, public: bool = False
    ) -> list[dict[str, str]]:
        """The article's outlet, then whoever passed the content on, then the speaker, then
        whoever an outlet's report cites. Words said in public ("told reporters") pass through
        nobody."""
        chain = [{"name": self.outlet, "type": "outlet"}]
        if self.wire is not None:
            chain.append({"name": self.wire, "type": "outlet"})  # agency copy
        if speaker is None:
            return chain
        recipient = None if public else self._recipient(candidate)
        if recipient is not None and _same_name(recipient.name, self.outlet):
            # "told the Lindmark Observer" in the Lindmark Observer: nobody in between, and
            # the article is reporting on its own from here, no longer relaying another outlet
            if speaker.kind in ("anonymous", "group", "person"):
                speaker.via = self.outlet
            recipient = None
            self.context = None
        if recipient is not None and recipient is not speaker:
            if speaker.via is None and speaker.kind in ("anonymous", "group", "person"):
                speaker.via = recipient.name
            chain.append(_link(recipient))
        elif speaker.via and not public and not _same_name(speaker.via, speaker.name, self.outlet):
            via = self.entities.by_name(speaker.via)
            chain.append(_link(via) if via is not None else {"name": speaker.via, "type": "outlet"})
        if not (speaker.kind == "own_voice" or _same_name(speaker.name, self.outlet)):
            chain.append(_link(speaker))
        if speaker.kind == "outlet":
            self.context = (candidate.cue[0], speaker)
            cited = self._cited(candidate)
            if cited is not None and cited is not speaker:
                if cited.via is None:
                    cited.via = speaker.name
                chain.append(_link(cited))
                # a source the report cites is met like a speaker: "The official added" later
                self.speakers.append((candidate.cue[0], cited))
        # one link per hop: "Reuters said" in Reuters copy, an outlet named twice
        return [link for i, link in enumerate(chain)
                if i == 0 or not _same_name(link["name"], chain[i - 1]["name"])]  # fmt: skip

    def _kind(self, candidate: Candidate) -> str:
        token = candidate.token
        if token.lower_ in ("according", "per") or token.pos_ == "ADP":
            return "according_to"  # according to X, per X, in X's poll, to X
        content = candidate.content
        total = sum(e - s for s, e in content)
        quoted = sum(
            max(0, min(e, q.end) - max(s, q.start)) for s, e in content for q in self.quotes
        )
        if total and quoted and quoted >= total - 2 * len(content):
            return "direct"
        return "mixed" if quoted else "indirect"

    # --- who ----------------------------------------------------------------------------------

    def _speaker(self, candidate: Candidate) -> tuple[Entity | None, str | None]:
        if candidate.source is None or candidate.source_head is None:
            return None, None
        start, end = candidate.source
        head = candidate.source_head
        if (head.pos_ == "PRON" and head.text[0].islower()) or head.text in PRONOUN_FORMS:
            entity = self._pronoun(head, candidate)
            if entity is not None:
                self.entities.add_mention(entity, head.idx, head.idx + len(head))
            return entity, None
        if interview_turn(candidate):  # "Q:" asks, "A:" answers: people, whatever NER says
            role = "interviewer" if head.text == "Q" else "interviewee"
            return self.entities.described(head.text, "person", start, end), role
        named = self._named(head, start, end)
        if named is not None:
            return named, self._role(named, start, end)
        return self._description(head, start, end), None

    def _named(self, head: Token, start: int, end: int) -> Entity | None:
        """A name inside the source phrase: the one on the head, else the first."""
        coordinated = any(c.dep_ == "conj" for c in head.children)
        if coordinated and head.pos_ == "PROPN" and not head.ent_type_:
            # "Downing Street and the White House warned": the first conjunct, as named
            first = min((t for t in head.lefts if t.dep_ in ("compound", "flat")), default=head,
                        key=lambda t: t.i)  # fmt: skip
            phrase = self.text[first.idx : head.idx + len(head)]
            return self._keyed(phrase, org_kind(phrase), first.idx, head.idx + len(head))
        ents = self.names
        outlet = self._described_outlet(head, start, end)
        if outlet is not None:
            return outlet
        for ent in ents:
            if (
                coordinated
                and head.lemma_.lower() not in DOCUMENT_HEADS  # "reports from Ukraine"
                and start <= ent.start_char < end
                and ent.label_ != "NORP"
                and ent.root.dep_ != "pobj"  # "Officials of the US and allied countries"
            ):
                return self.entities.add_name(ent)  # "X and Y said": X, with Y beside
            if ent.start <= head.i < ent.end and start <= ent.start_char < end:
                return self.entities.add_name(ent)
        people = head.lemma_.lower() in ANONYMOUS_HEADS or head.lower_ in GROUP_HEADS
        for child in head.rights:
            if child.dep_ == "appos":
                for ent in ents:  # "The Kestrel's manufacturer, Arvik Aerosystems,": the name
                    if ent.start <= child.i < ent.end and start <= ent.start_char < end:
                        if people and ent.label_ in PLACE_LABELS:
                            break  # "Residents of the capital, Eskerby,": the town is the capital's
                        return self.entities.add_name(ent)
        if (
            head.lemma_.lower()
            in ANONYMOUS_HEADS | GROUP_HEADS | DOCUMENT_HEADS | INTELLIGENCE_HEADS
        ):
            return None  # "officials of the United States": the officials, not the country
        if head.lemma_.lower() in BODY_HEADS and any(
            c.dep_ in ("amod", "compound") and c.lower_ in SUBNATIONAL for c in head.children
        ):
            # "Lindmark's provincial government", "Port Seren's city council": not the place
            return None
        for ent in ents:
            if ent.root.dep_ in ("amod", "compound") and ent.root.head.i == head.i:
                continue  # "the British ministry": British describes the speaker
            if start <= ent.start_char and ent.end_char <= end:
                possessor = ent.root.dep_ == "poss" and ent.root.head.i == head.i
                if possessor and (ent.label_ == "PERSON" or self.entities.known_surname(ent.text)):
                    continue  # "Voll's deputy" is not Voll
                entity = self.entities.add_name(ent)
                if entity is not None and entity.kind != "place":
                    return entity
        return None

    def _described_outlet(self, head: Token, start: int, end: int) -> Entity | None:
        """The outlet a source phrase names after describing it: "State news agency IRNA",
        "Ostmark's state broadcaster OTV" (the name, whatever the recogniser took it for)."""
        appos = [c for c in head.rights if c.dep_ == "appos" and c.left_edge.i == head.i + 1]
        name = apposed_name(head) or (appos[0] if appos else head)
        if name.pos_ != "PROPN" or name.ent_type_ == "PERSON":
            return None
        first = name
        while first.i > 0 and first.doc[first.i - 1].pos_ == "PROPN":
            first = first.doc[first.i - 1]
        before = first.doc[first.i - 1] if first.i > 0 else None
        if before is None or before.idx < start or before.lemma_.lower() not in OUTLET_NOUNS:
            return None
        name_end = name.idx + len(name)
        entity = self.entities.organisation(self.text[first.idx : name_end])
        if entity.kind in ("organisation", "group", "other"):
            entity.kind = "outlet"
        self.entities.add_mention(entity, first.idx, name_end)
        return entity

    def _role(self, entity: Entity, start: int, end: int) -> str | None:
        if entity.kind != "person":
            return None
        phrase = re.sub(r"\s+", " ", self.text[start:end])
        name_at = phrase.find(entity.name.split()[-1])
        before = phrase[:name_at].strip(" ,") if name_at > 0 else ""
        words = [w for w in before.split() if w.lower() not in ("the", "a", "an")]
        for full in (entity.name, *entity.name.split()[:-1]):
            if words and " ".join(words).endswith(full):
                words = " ".join(words)[: -len(full)].split()
        while words and words[-1].lower().rstrip(".,") in HONORIFICS:
            words.pop()  # "The hospital's chief executive, Dr Ilan Sorel": not "..., Dr"
        role = " ".join(words).strip(" ,")
        if not role and "," in phrase:
            role = phrase.split(",", 1)[1].strip(" ,")
            role = re.sub(r"^(the|a|an)\s+", "", role)
        if role and entity.role is None:
            entity.role = role
        return role or entity.role

    def _description(self, head: Token, start: int, end: int) -> Entity:
        # "The minister, speaking on television,": the minister; but "figures, released by
        # the statistics office," keeps whose figures they are
        comma = next((t for t in head.doc[head.i + 1 : head.sent.end] if t.text == ","), None)
        if comma is not None and comma.idx < end and head.lemma_.lower() not in DOCUMENT_HEADS:
            end = comma.idx
        phrase = re.sub(r"\s+", " ", self.text[start:end]).strip(" ,")
        lemma = head.lemma_.lower()
        lower_words = phrase.lower().split()
        first = lower_words[0] if lower_words else ""
        if lemma in PUBLICATION_NOUNS and first in DEFINITE and self.context is not None:
            return self.context[1]
        if lemma in INTELLIGENCE_HEADS or "intelligence" in lower_words:
            return self._keyed(phrase, "intelligence", start, end)
        if lemma in DOCUMENT_HEADS:
            outlet, others = self._publisher(head)
            # "documents seen by Reuters" are not Reuters' own report: Reuters passes them on
            seen = [c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in SEEN_LEMMAS]
            if seen and outlet is None:
                outlet = self._seen_by(seen[0])
            if outlet is not None and not others and not seen:
                # "reports in the Courier", "a Courier report", "reports which first appeared
                # in the Courier": the outlet's own report
                self.entities.add_mention(outlet, start, end)
                return outlet
            document = self._keyed(phrase, "document", start, end)
            if outlet is not None and document.via is None:
                document.via = outlet.name  # "a Pentagon report first published by the Courier"
            return document
        member = self._member_of_earlier(head, start)
        if member is not None:
            self.entities.add_mention(member, start, end)
            return member
        office = self._office(head, lemma, lower_words, start)
        if office is not None:
            return office
        if lemma in ANONYMOUS_HEADS or lemma in GROUP_HEADS or head.lower_ in GROUP_HEADS:
            plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in GROUP_HEADS
            fresh = bool(set(lower_words) & NEW_REFERENT) or first not in DEFINITE
            if not fresh:
                earlier = self._earlier_anonymous(lemma, plural, start)
                if earlier is not None:
                    self.entities.add_mention(earlier, start, end)
                    return earlier
            entity = self.entities.new_entity(
                phrase, "anonymous" if not plural else "group", start, end
            )
            outlet, _ = self._publisher(head, through_verb=True)
            if outlet is not None:  # "sources quoted by the Post", "officials who spoke to CNN"
                entity.via = outlet.name
            elif self.context is not None and start - self.context[0] < 4000:
                entity.via = self.context[1].name
            return entity
        if head.pos_ == "PROPN" and (
            (" " not in phrase and self.entities.known_surname(phrase)) or _aged(head)
        ):
            # "Rask said" where the recogniser missed the name: the Rask met before, or anyone
            # with an age ("Orlov, 61, said")
            entity = self.entities.person(phrase)
            self.entities.add_mention(entity, start, end)
            return entity
        kind = org_kind(phrase)
        if kind == "organisation" and head.pos_ != "PROPN" and lemma not in ORGANISATION_NOUNS:
            kind = "other"
        return self._keyed(phrase, kind, start, end)

    def _publisher(self, head: Token, through_verb: bool = False) -> tuple[Entity | None, bool]:
        """The outlet a noun phrase names (in its modifiers or relative clauses), and whether
        it names someone else too (who wrote a document). With ``through_verb``, only an
        outlet hung on a verb of the phrase counts ("sources quoted by the Post", "officials
        who spoke to CNN", not "a spokesman for the Post")."""
        first, last = head.left_edge.i, head.right_edge.i
        outlet, others = None, False
        for ent in self.names:
            if not (first <= ent.start and ent.end <= last + 1):
                continue
            if through_verb and not any(
                t.pos_ == "VERB" and t.i != head.i
                for t in ent.root.ancestors
                if first <= t.i <= last
            ):
                continue
            entity = self.entities.add_name(ent)
            if entity is None or entity.kind in ("place", "country"):
                continue
            if entity.kind == "outlet" and outlet is None:
                outlet = entity
            elif entity.kind != "outlet":
                others = True
        if outlet is None and not through_verb:
            for prep in head.rights:  # "a report in the Courier", where NER missed the name
                if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "from"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and outlet is None:
                            outlet = self._outlet_object(obj)
        return outlet, others

    def _keyed(self, phrase: str, kind: str, start: int, end: int) -> Entity:
        if kind in ("government", "intelligence", "outlet", "organisation"):
            entity = self.entities.organisation(phrase)
            self.entities.add_mention(entity, start, end)
            return entity
        return self.entities.described(phrase, kind, start, end)

    def _office(self, head: Token, lemma: str, words: list[str], start: int) -> Entity | None:
        """A definite office that names one holder, unnamed ("the defence minister", "Iran's
        foreign minister", "the president"): not anonymous, and the same holder when the office
        is met again ("the minister said" after "the defence minister told ..."). A bare "the
        minister" or "the spokesman" with no such office before is left to the anonymous
        sources it usually refers back to."""
        if lemma not in OFFICE_HEADS or head.tag_ in ("NNS", "NNPS"):
            return None
        if set(words) & (NEW_REFERENT | UNNAMED_WORDS) or ANONYMITY.search(head.sent.text):
            return None  # "... spoke on condition of anonymity": whoever it is, unnamed
        possessed = any(c.dep_ == "poss" for c in head.children)
        if not (possessed or (words and words[0] == "the")):
            return None
        earlier = self._earlier_office(lemma, start)
        if earlier is not None:
            self.entities.add_mention(earlier, start, head.idx + len(head))
            return earlier
        qualified = possessed or any(
            (c.dep_ in ("compound", "amod") and c.lower_ not in VAGUE_RANKS)
            or (c.dep_ == "prep" and c.lower_ in ("of", "for"))
            for c in head.children
        )
        if lemma in ANONYMOUS_HEADS and not qualified:
            return None
        end = head.idx + len(head)
        for child in head.rights:  # "the minister of defence"
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                end = child.right_edge.idx + len(child.right_edge)
        phrase = re.sub(r"\s+", " ", self.text[start:end])
        entity = self.entities.described(phrase, "office", start, end)
        if f"office:{lemma}" not in entity.keys and phrase.lower().startswith("the "):
            entity.name = f"the {entity.name}"  # "the defence minister" reads as one office
        entity.keys.add(f"office:{lemma}")
        return entity

    def _earlier_office(self, lemma: str, before: int) -> Entity | None:
        for at, entity in reversed(self.speakers):
            if at < before and f"office:{lemma}" in entity.keys:
                return entity
        return None

    def _member_of_earlier(self, head: Token, before: int) -> Entity | None:
        """The unnamed group met before that "one of the officials", "two of those sources" or
        "each of the diplomats" is drawn from: for tracing, the same source."""
        if head.lower_ not in PARTITIVE_HEADS and head.pos_ != "NUM":
            return None
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.tag_ not in ("NNS", "NNPS"):
                    continue
                lemma = noun.lemma_.lower()
                if lemma not in ANONYMOUS_HEADS and noun.lower_ not in GROUP_HEADS:
                    continue
                if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
                    continue
                group = self._earlier_anonymous(lemma, True, before)
                if group is not None and noun.lower_ in group.name.lower():
                    return group
        return None

    def _earlier_anonymous(self, lemma: str, plural: bool, before: int) -> Entity | None:
        """The last anonymous source "the official" / "the source" / "both officials" means."""
        earlier = [(at, e) for at, e in reversed(self.speakers) if at < before]
        singles = [e for _, e in earlier if e.kind == "anonymous"]
        if plural:
            # "both officials" after two different officials are those two, not a group
            groups = [e for _, e in earlier if e.kind == "group"]
            return groups[0] if groups and len({id(e) for e in singles}) < 2 else None
        for entity in singles:
            if lemma in ("source", "person") or lemma in entity.name.lower():
                return entity
        return singles[0] if singles else None

    def _pronoun(self, head: Token, candidate: Candidate) -> Entity | None:
        lower = head.lower_
        at = candidate.cue[0]
        if lower in RELATIVE_PRONOUNS:
            return self._antecedent(head)
        if lower in FIRST_PERSON:
            if in_quote(head.idx, self.quotes):
                return None
            return self._own_voice(head)
        if lower in PERSON_PRONOUNS:
            kinds = {"person", "office"}
        elif lower == "they":
            kinds = {"group", "organisation", "government", "outlet", "intelligence", "country"}
        else:  # it
            kinds = {"organisation", "government", "outlet", "intelligence", "country",
                     "document"}  # fmt: skip
        for offset, entity in reversed(self.speakers):
            if offset < at and at - offset < 2500 and entity.kind in kinds:
                return entity
        # a name earlier in the same sentence is rarely the pronoun's antecedent
        # ("Ostmark, she said"): look before the sentence first
        sentence_start = head.sent.start_char
        return self.entities.recent(sentence_start, kinds) or self.entities.recent(head.idx, kinds)

    def _antecedent(self, head: Token) -> Entity | None:
        """Who "who" is in "lawmakers, who say ...": the noun the relative clause hangs on,
        resolved as a source phrase of its own; None when the clause hangs on no noun."""
        clause = head.head
        noun = clause.head
        if clause.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN") or noun is clause:
            return None
        if (
            head.lower_ == "who"
            and noun.ent_type_ in PLACE_LABELS
            and noun.dep_ == "pobj"
            and noun.head.head.pos_ in ("NOUN", "PROPN")
        ):
            noun = noun.head.head  # "lawmakers in Ostmark, who say": the lawmakers, not Ostmark
        span = source_chars(noun)
        if span is None:
            return None
        start, end = span
        known = self.entities.mentioned_at(start, end)  # already the source of the sentence
        if known is not None:
            return known
        return self._named(noun, start, end) or self._description(noun, start, end)

    def _own_voice(self, head: Token) -> Entity:
        existing = next((e for e in self.entities.entities if e.kind == "own_voice"), None)
        if existing is not None:
            self.entities.add_mention(existing, head.idx, head.idx + len(head))
            return existing
        return self.entities.new_entity(self.outlet, "own_voice", head.idx, head.idx + len(head))

    # --- through whom ----------------------------------------------------------------------

    def _in_public(self, candidate: Candidate) -> bool:
        """Whether the cue says the source spoke in public: to reporters or journalists ("told
        reporters", "said to journalists"), or at a news conference or briefing."""
        token = candidate.token
        for child in token.children:
            if child.dep_ in ("dative", "dobj") and child.lemma_.lower() in PRESS_NOUNS:
                return True
            if child.dep_ != "prep" or child.lower_ not in RECIPIENT_PREPOSITIONS | {"at"}:
                continue
            for pobj in child.children:
                lemma = pobj.lemma_.lower()
                if pobj.dep_ == "pobj" and (lemma in PRESS_NOUNS or lemma in PRESS_EVENTS):
                    return True
        return False

    def _recipient(self, candidate: Candidate) -> Entity | None:
        """The outlet the source spoke to: "told the Washington Post", "said to Reuters",
        "in comments for the publication", "in an interview with CNN"."""
        token = candidate.token
        objects = []
        heads = [token] + [  # "Speaking to Reuters, the minister said ..."
            c for c in token.children if c.dep_ == "advcl" and c.lemma_.lower() in TALK_LEMMAS
        ]
        for child in (c for head in heads for c in head.children):
            if child.dep_ in ("dative", "dobj") and child.i > token.i:
                objects.append(child)
            if child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS | {"in"}:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if child.lower_ in RECIPIENT_PREPOSITIONS:
                        objects.append(pobj)
                    for grand in pobj.children:  # "in comments for X", "in an interview with X"
                        if grand.dep_ == "prep" and grand.lower_ in RECIPIENT_PREPOSITIONS:
                            objects.extend(g for g in grand.children if g.dep_ == "pobj")
        for obj in objects:
            entity = self._outlet_named(obj)
            if entity is not None and entity.kind == "outlet":
                return entity
            if obj.lemma_.lower() in PUBLICATION_NOUNS and self.context is not None:
                return self.context[1]
        return None

    def _seen_by(self, participle: Token) -> Entity | None:
        """The outlet of "seen by the Courier", also where the recogniser missed its name."""
        for agent in participle.children:
            for obj in agent.children:
                if agent.dep_ == "agent" and obj.dep_ == "pobj":
                    entity = self._outlet_named(obj)
                    if entity is not None and entity.kind == "outlet":
                        return entity
        return None

    def _outlet_named(self, obj: Token) -> Entity | None:
        """The entity a noun names, as an outlet where the recogniser missed one."""
        entity = self._entity_of(obj)
        if entity is None or entity.kind != "outlet":
            entity = self._outlet_object(obj) or entity
        return entity

    def _outlet_object(self, obj: Token) -> Entity | None:
        """The outlet an object names where the recogniser did not: "told the state news agency
        TASS" (the name after what it is), "told the Courier" (a name with an outlet's word)."""
        end = obj.right_edge.idx + len(obj.right_edge)
        described = self._described_outlet(obj, obj.left_edge.idx, end)
        if described is not None or obj.pos_ != "PROPN":
            return described
        first = min((t for t in obj.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"),
                    default=obj, key=lambda t: t.i)  # fmt: skip
        name = self.text[first.idx : obj.idx + len(obj)]
        if org_kind(name) != "outlet":
            return None
        entity = self.entities.organisation(name)
        entity.kind = "outlet"
        self.entities.add_mention(entity, first.idx, obj.idx + len(obj))
        return entity

    def _cited(self, candidate: Candidate) -> Entity | None:
        """Whom an outlet's report cites: "reported, citing X", "quoting X", "with reference
        to X", "referring to X", before or after the cue ("Citing X, the Courier said", "the
        Courier, citing X, said"), but not inside what is reported."""
        token = candidate.token
        if quoted_as_saying(token) is not None:  # "the Post quoted X as saying ..."
            return self._phrase_entity(next(c for c in token.children if c.dep_ == "dobj"))
        for child in token.subtree:
            according = child.lower_ == "according" and child.i + 1 < len(self.doc)
            if according and child.i != token.i and self.doc[child.i + 1].lower_ == "to":
                # "the Courier reported that, according to two officials, X"
                objects = [c for c in self.doc[child.i + 1].children if c.dep_ == "pobj"]
                if objects:
                    return self._phrase_entity(objects[0])
            if child.i == token.i or any(s <= child.idx < e for s, e in candidate.content):
                continue
            lemma = child.lemma_.lower()
            objects: list[Token] = []
            if lemma in ("cite", "quote"):
                objects = [c for c in child.children if c.dep_ == "dobj"]
            elif lemma in ("refer", "reference"):
                objects = [
                    g
                    for c in child.children
                    if c.dep_ == "prep" and c.lower_ == "to"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            if objects:
                return self._phrase_entity(objects[0])
        return self._inner_speaker(candidate)

    def _inner_speaker(self, candidate: Candidate) -> Entity | None:
        """Whom a relayed report has saying it: "The ministry said X, according to the Courier",
        "the Courier reported that the ministry had confirmed X". The first verb of saying in
        the content, outside quotation marks, that heads the content (not one in a clause inside
        it: "a region where residents say ..."), whose subject is a name or a noun phrase."""
        content = candidate.parsed_content or candidate.content  # the speaker may be cut off
        if not content:
            return None
        start, end = content[0][0], content[-1][1]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        for token in span:
            if token.pos_ != "VERB" or token.lemma_.lower() not in SAYING_LEMMAS:
                continue
            if in_quote(token.idx, self.quotes):
                continue
            if token.head.i != token.i and start <= token.head.idx < end:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ == "PRON" or not start <= subject.idx < end:
                continue
            return self._phrase_entity(subject)
        return None

    def _phrase_entity(self, head: Token) -> Entity:
        """The entity the noun phrase headed by ``head`` names or describes."""
        phrase = list(head.subtree)
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
        return self._named(head, start, end) or self._description(head, start, end)

    def _entity_of(self, token: Token) -> Entity | None:
        for ent in self.names:
            if ent.start <= token.i < ent.end:
                return self.entities.add_name(ent)
        return None


_DATELINE = re.compile(
    r"^\s*(?:(?P<place>[A-Z][A-Z.'’-]{2,}(?:[ ,]+[\w.'’-]+){0,4})\s+)?"  # "WASHINGTON, March 3"
    r"(?:\((?P<wire>[A-Z][\w.&’'-]*(?: [A-Z][\w.&’'-]*){0,3})\)\s*)?"  # "(Reuters)"
    r"(?:-{1,2}|–|—)\s+"
)


def dateline(text: str) -> tuple[int, str | None]:
    """Where the text's dateline ends (0 when it has none) and the news agency it credits:
    "MOSCOW (Reuters) - ...", "WASHINGTON, March 3 (AP) — ...", "(AFP) - ..." (the article is
    that agency's copy), "KYIV, Ukraine — ..." (no agency)."""
    match = _DATELINE.match(text[:160])
    if match is None or not (match.group("wire") or match.group("place")):
        return 0, None
    return match.end(), match.group("wire")


def _after(spans: list[tuple[int, int]], cut: int) -> list[tuple[int, int]]:
    """``spans`` with whatever lies before ``cut`` removed."""
    return [(max(start, cut), end) for start, end in spans if end > cut]


def _aged(head: Token) -> bool:
    """A name with an age set off after it ("Orlov, 61, said"), which only a person has."""
    return any(
        c.dep_ == "appos" and c.text.isdigit() and 0 < int(c.text) < 120 and c.i == head.i + 2
        for c in head.rights
    )


def _same_name(name: str, *others: str) -> bool:
    """Whether ``name`` is one of ``others`` (:func:`.entities.name_key`)."""
    return name_key(name) in {name_key(other) for other in others}


def _link(entity: Entity) -> dict[str, str]:
    return {"name": entity.name, "type": KIND_OF_SOURCE.get(entity.kind, "other")}


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
