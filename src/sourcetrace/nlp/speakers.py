"""Who said it, and through whom: each attribution's speaker, source type and citation chain.

:func:`.attribution.find_attributions` finds where an article reports someone's words and which
phrase is the source ("he", "the minister", "Okafor", "the ministry", "two officials"). The
:class:`SpeakerResolver` turns each such phrase into the entity it means (:mod:`.entities`), so
that the same source counts once however the article goes on to name it:

- a pronoun ("he said") is the person speaking before it; "I" outside a quotation is the
  outlet's own voice; "who" is the noun its clause hangs on;
- a partial name ("Okafor said") is the full name met before ("Ms. Jane Okafor");
- an office ("the minister said") is the holder of the office named before ("the defence
  minister"); an unnamed source ("the official", "one of the officials") is the one met before;
- "the newspaper" is the outlet whose report the article is relaying.

The citation chain runs from the article's outlet through whoever passed the words on (a news
agency's copy, an outlet the source spoke to, a report that cites the source) to the speaker.
Whoever passes someone else's words on is a link of the chain, never its speaker:

- an outlet reporting what someone said ("the Courier reported that Marren said X",
  "according to the Courier, Marren said X", "the Courier cited Marren, who said X"): the
  speaker is Marren, the chain runs through the Courier;
- a journalist doing so ("Erik Lind of the Courier reported that Marren said X"): a link of
  type :data:`REPORTER` after their outlet (``Harbor Ledger → Courier → Erik Lind → Marren``). A
  journalist is a person the source phrase, or an earlier one, gives a journalist's noun
  ("Courier reporter Erik Lind", "Lind, a columnist") or an outlet of their own ("Lind of the
  Courier", "the Courier's Erik Lind"). A journalist stating something themself stays the
  speaker, through their outlet (``Harbor Ledger → Courier → Erik Lind``).

Attributions are resolved in text order because each of these refers back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from .attribution import (
    Candidate,
    apposed_name,
    interview_turn,
    quoted_as_saying,
    source_chars,
)
from .entities import (
    ANONYMOUS_HEADS,
    DOCUMENT_HEADS,
    FEMALE,
    FIRST_PERSON,
    GROUP_HEADS,
    INTELLIGENCE_HEADS,
    MALE,
    NAME_LABELS,
    PLACE_LABELS,
    Entities,
    Entity,
    gender_of,
    name_key,
    org_kind,
)
from .quotes import Quote, in_quote
from .words import (
    ANONYMITY,
    BODY_HEADS,
    CITING_LEMMAS,
    DEFINITE,
    HONORIFICS,
    ISSUED_HEADS,
    ISSUER_KINDS,
    ISSUING_LEMMAS,
    JOURNALIST_NOUNS,
    KIND_OF_SOURCE,
    NEW_REFERENT,
    OFFICE_HEADS,
    ORGANISATION_NOUNS,
    OUTLET_NOUNS,
    PARTITIVE_HEADS,
    PEOPLE_NOUNS,
    PERSON_PRONOUNS,
    PRESS_EVENTS,
    PRESS_NOUNS,
    PRONOUN_FORMS,
    PUBLICATION_NOUNS,
    RECIPIENT_PREPOSITIONS,
    RELATIVE_PRONOUNS,
    REPORTER,
    SAYING_LEMMAS,
    SEEN_LEMMAS,
    SPOKESPEOPLE,
    SUBNATIONAL,
    TALK_LEMMAS,
    UNNAMED_WORDS,
    VAGUE_RANKS,
)

__all__ = ["REPORTER", "THIS_ARTICLE", "Attribution", "SpeakerResolver", "same_name"]

#: The outlet's name in a chain when the article's outlet is not known.
THIS_ARTICLE = "this article"
#: How far back, in characters, a pronoun, a statement or a bare "a spokesman" looks for the
#: speaker it goes with.
SPEAKER_REACH = 2500
#: The type of a chain link that is a journalist passing someone else's words on: a step of the


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end}


@dataclass(slots=True)
class Attribution:
    """One attribution, resolved: its kind ("direct", "indirect", "mixed" or "according_to"),
    the cue, source and content spans (character offsets into the text), the speaker entity with
    its source type and role, the citation chain, and the cue model's confidence."""

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


class SpeakerResolver:
    """Speakers, source types and citation chains of one article's attributions.

    Make one per article and call :meth:`resolve` on its candidates in text order: it keeps the
    speakers met so far, and the outlet whose report the article is relaying, because later
    mentions refer back to them (the module docstring says how). It adds the mentions it
    resolves to ``entities``. ``outlet`` is the article's outlet (:data:`THIS_ARTICLE` when not
    known) and ``wire`` the news agency a dateline credits, both at the head of every chain.
    """

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
        #: The speakers resolved so far, each with where its cue starts: what later mentions
        #: refer back to.
        self.speakers: list[tuple[int, Entity]] = []
        #: The outlet whose report the article is relaying, and where that began.
        self.context: tuple[int, Entity] | None = None
        #: The ids of the people met as journalists, who pass other people's words on.
        self.journalists: set[int] = set()
        #: The gender a "he" or "she" already resolved to a person says they are.
        self.genders: dict[int, frozenset[str]] = {}

    # --- one attribution --------------------------------------------------------------------

    def resolve(self, candidate: Candidate) -> Attribution:
        """The attribution ``candidate`` makes, with its speaker, source type, role and chain;
        call it on an article's candidates in text order."""
        public = self._in_public(candidate)
        if public:
            self.context = None  # "X told reporters": no longer relaying an outlet's report
        teller, role = self._speaker(candidate)
        if teller is not None:
            self._journalist(teller, candidate)  # their outlet is the link before them
        chain = self._chain(candidate, teller, public)
        speaker = teller
        relayed = self._relayed(candidate, teller)
        if relayed is not None and teller is not None:
            if teller.kind != "outlet" and chain[-1]["name"] == teller.name:
                chain[-1] = {"name": teller.name, "type": REPORTER}  # a link, not the end
            chain.append(_link(relayed))
            speaker, role = relayed, relayed.role
        attribution = Attribution(
            kind=self._kind(candidate),
            cue=candidate.cue,
            source=candidate.source,
            content=list(candidate.content),
            speaker=speaker,
            role=role,
            chain=_one_link_per_hop(chain),
            confidence=candidate.probability,
        )
        if teller is not None and teller is not speaker:
            self.speakers.append((candidate.cue[0], teller))
        if speaker is not None:
            attribution.source_type = KIND_OF_SOURCE.get(speaker.kind, "other")
            self.speakers.append((candidate.cue[0], speaker))
        return attribution

    def _chain(
        self, candidate: Candidate, speaker: Entity | None, public: bool = False
    ) -> list[dict[str, str]]:
        """The article's outlet, then whoever passed the content on (an outlet the source
        spoke to, a journalist's outlet), then the source the article credits. Words said in
        public ("told reporters") pass through nobody."""
        chain = [{"name": self.outlet, "type": "outlet"}]
        if self.wire is not None:
            chain.append({"name": self.wire, "type": "outlet"})  # agency copy
        if speaker is None:
            return chain
        recipient = None if public else self._recipient(candidate)
        if recipient is not None and same_name(recipient.name, self.outlet):
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
        elif speaker.via and not public and not same_name(speaker.via, speaker.name, self.outlet):
            via = self.entities.by_name(speaker.via)
            chain.append(_link(via) if via is not None else {"name": speaker.via, "type": "outlet"})
        if not (speaker.kind == "own_voice" or same_name(speaker.name, self.outlet)):
            chain.append(_link(speaker))
        return chain

    def _relayed(self, candidate: Candidate, teller: Entity | None) -> Entity | None:
        """Whose words ``teller`` passes on, when it is an outlet or a journalist reporting
        someone else's ("the Courier reported that Marren said", "Lind of the Courier wrote,
        citing Marren"); None when it states them itself. An outlet's report is the one the
        article relays from here on."""
        if teller is None:
            return None
        if teller.kind == "outlet":
            self.context = (candidate.cue[0], teller)
        elif teller.id not in self.journalists:
            return None
        cited = self._cited(candidate)
        if cited is None or cited is teller or same_name(cited.name, teller.name, self.outlet):
            return None
        outlet = teller.name if teller.kind == "outlet" else teller.via
        if cited.via is None and outlet is not None:
            cited.via = outlet  # met again ("Marren added"), still through the outlet
        return cited

    def _journalist(self, person: Entity, candidate: Candidate) -> bool:
        """Whether ``person`` is a journalist: met as one before, or given a journalist's noun
        ("Courier reporter Erik Lind", "Lind, a columnist") or an outlet of their own ("Lind of
        the Courier", "the Courier's Erik Lind") by the source phrase; not "Lind, a spokesman
        for the Courier". Remembers them, with their outlet as their ``via``."""
        if person.kind != "person":
            return False
        if person.id in self.journalists:
            return True
        head = candidate.source_head
        if head is None or candidate.source is None:
            return False
        span = self.doc.char_span(*candidate.source, alignment_mode="expand")
        titles = {t.lemma_.lower() for t in span or () if t.pos_ in ("NOUN", "PROPN")}
        titles |= set((person.role or "").lower().split())
        outlet = self._employer(head)
        if outlet is None and not titles & JOURNALIST_NOUNS:
            return False
        if outlet is not None and person.via is None:
            person.via = outlet.name
        self.journalists.add(person.id)
        return True

    def _employer(self, head: Token) -> Entity | None:
        """The outlet hung on a journalist's name or noun in the phrase ``head`` heads: "Lind
        *of the Courier*", "*the Courier's* Lind", "*Courier* reporter Lind", "Lind, a reporter
        *for the Courier*"; not "Lind, a spokesman for the Courier"."""
        nouns = [head, *(t for t in head.subtree if t.lemma_.lower() in JOURNALIST_NOUNS)]
        for noun in nouns:
            for child in noun.children:
                objects = [child] if child.dep_ in ("poss", "compound") else []
                if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with"):
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                for obj in objects:
                    entity = self._outlet_named(obj)
                    if entity is not None and entity.kind == "outlet":
                        return entity
        return None

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
        """The entity a source phrase describes without a recognised name, the first that fits:
        the outlet being relayed ("the newspaper"), an intelligence service, a document (or the
        outlet whose report it is), a member of a group met before ("one of the officials"), an
        office ("the defence minister"), an unnamed source ("officials"), a surname the
        recogniser missed, else an organisation or other by the phrase's words."""
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
            return self._document(head, phrase, start, end)
        member = self._member_of_earlier(head, start)
        if member is not None:
            self.entities.add_mention(member, start, end)
            return member
        office = self._office(head, lemma, lower_words, start)
        if office is not None:
            return office
        if lemma in ANONYMOUS_HEADS or lemma in GROUP_HEADS or head.lower_ in GROUP_HEADS:
            return self._unnamed(head, phrase, lower_words, start, end)
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

    def _document(self, head: Token, phrase: str, start: int, end: int) -> Entity:
        """A document source ("a Pentagon report", "documents seen by Reuters"), or the outlet
        when the document is the outlet's own report ("reports in the Courier")."""
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
        issuer = self._issuer(head, start) if outlet is None and not seen else None
        if issuer is not None:
            return issuer
        document = self._keyed(phrase, "document", start, end)
        if outlet is not None and document.via is None:
            document.via = outlet.name  # "a Pentagon report first published by the Courier"
        return document

    def _issuer(self, head: Token, start: int) -> Entity | None:
        """Who speaks through a statement ("a statement said"), the first that fits: (1) the
        body the phrase names ("a Kestrel Air statement", "a statement from the county
        police"); (2) the subject of the last "issued a statement" before it ("Arvik issued a
        statement. The statement said ..."); (3) the person or body who spoke last before
        it ("Arvik said the line was cut. A statement added ..."). None for a report, a study
        or a poll (someone else's findings), or when nobody fits."""
        if head.lemma_.lower() not in ISSUED_HEADS:
            return None
        return (
            self._issuer_named(head)
            or self._issuer_earlier(head)
            or self._last_speaking_body(start)
        )

    def _last_speaking_body(self, before: int) -> Entity | None:
        """The person or body who spoke last before ``before`` (not an outlet, an unnamed
        source or a group): whom a statement or a spokesperson with no name of their own
        speaks for."""
        return self._last_speaker(before, lambda e: e.kind in ISSUER_KINDS)

    def _last_speaker(self, before: int, fits: Callable[[Entity], bool]) -> Entity | None:
        """The latest speaker before character ``before``, within :data:`SPEAKER_REACH`
        characters of it, that ``fits``."""
        return next(
            (e for at, e in reversed(self.speakers)
             if at < before and before - at < SPEAKER_REACH and fits(e)),
            None,
        )  # fmt: skip

    def _issuer_named(self, head: Token) -> Entity | None:
        """(1) of :meth:`_issuer`: a name inside the phrase, else the object of its "from" or
        "by"."""
        first, last = head.left_edge.i, head.right_edge.i
        for ent in self.names:
            if first <= ent.start and ent.end <= last + 1:
                entity = self.entities.add_name(ent)
                if entity is not None and entity.kind in ISSUER_KINDS:
                    return entity
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        entity = self._phrase_entity(obj)
                        return entity if entity.kind in ISSUER_KINDS else None
        return None

    def _issuer_earlier(self, head: Token) -> Entity | None:
        """(2) of :meth:`_issuer`: the subject of the last "X issued / released a statement"
        before ``head``, in its sentence or the two before."""
        sentences = list(head.doc.sents)
        at = next(n for n, sent in enumerate(sentences) if sent.start <= head.i < sent.end)
        since = sentences[max(0, at - 2)].start
        for token in reversed(head.doc[since : head.i]):
            if not _issues_statement(token):
                continue
            for subject in token.children:
                if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ in ("NOUN", "PROPN"):
                    entity = self._phrase_entity(subject)
                    return entity if entity.kind in ISSUER_KINDS else None
        return None

    def _unnamed(self, head: Token, phrase: str, words: list[str], start: int, end: int) -> Entity:
        """An unnamed source, one ("an official") or a group ("officials"): the one met before
        when the phrase refers back ("the official", "both officials"); a bare "a spokesman"
        speaks as the person or body who spoke last; else a new one, passed on by the outlet
        that quoted it or whose report the article is relaying."""
        lemma = head.lemma_.lower()
        first = words[0] if words else ""
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in GROUP_HEADS
        fresh = bool(set(words) & NEW_REFERENT) or first not in DEFINITE
        if not fresh:
            earlier = self._earlier_anonymous(lemma, plural, start)
            if earlier is not None:
                self.entities.add_mention(earlier, start, end)
                return earlier
        if len(words) == 2 and words[1] in SPOKESPEOPLE:
            # "France Telecom said ... A spokesman said": whom it speaks for, unnamed
            body = self._last_speaking_body(start)
            if body is not None:
                return body
        entity = self.entities.new_entity(
            phrase, "anonymous" if not plural else "group", start, end
        )
        outlet, _ = self._publisher(head, through_verb=True)
        if outlet is not None:  # "sources quoted by the Post", "officials who spoke to CNN"
            entity.via = outlet.name
        elif self.context is not None and start - self.context[0] < 4000:
            entity.via = self.context[1].name
        return entity

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
            return self._person_pronoun(head, at)
        if lower == "they":
            kinds = {"group", "organisation", "government", "outlet", "intelligence", "country"}
        else:  # it
            kinds = {"organisation", "government", "outlet", "intelligence", "country",
                     "document"}  # fmt: skip
        found = self._last_speaker(at, lambda e: e.kind in kinds)
        if found is not None:
            return found
        # a name earlier in the same sentence is rarely the pronoun's antecedent
        # ("Ostmark, she said"): look before the sentence first
        sentence_start = head.sent.start_char
        return self.entities.recent(sentence_start, kinds) or self.entities.recent(head.idx, kinds)

    def _person_pronoun(self, head: Token, at: int) -> Entity | None:
        """The person "he" or "she" means: the latest person named in the clause the
        pronoun's clause is joined to ("X interviewed Kenneth Dorsey, and he said"), else the
        latest speaker who is one person (named or not: "her publicist confirmed ... he
        said"), else the latest person named before the sentence, else in it (as
        :meth:`_pronoun`), skipping anyone whose gender (an honorific, a role, a pronoun
        already resolved) is the other."""
        form = MALE if head.lower_ in MALE else FEMALE

        def fits(entity: Entity) -> bool:
            known = self.genders.get(entity.id) or gender_of(entity, self.text)
            return _one_person(entity) and known in (None, form)

        found = (
            self._named_in_joined_clause(head, fits)
            or self._last_speaker(at, fits)
            or self.entities.recent(head.sent.start_char, {"person", "office"}, accept=fits)
            or self.entities.recent(head.idx, {"person", "office"}, accept=fits)
        )
        if found is not None:
            self.genders[found.id] = form
        return found

    def _named_in_joined_clause(self, head: Token, fits: Callable[[Entity], bool]) -> Entity | None:
        """The latest person ``fits`` takes named in the clause that the pronoun subject's
        clause is joined to by a conjunction ("NBC has interviewed a co-worker, Kenneth
        Dorsey, and he said ..."): the one the sentence has just introduced."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.dep_ != "conj" or verb.head.i > verb.i:
            return None
        start = verb.head.left_edge.idx
        return self.entities.recent(head.idx, {"person"}, window=head.idx - start, accept=fits)

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
        "in comments for the publication", "in an interview with CNN", "told Erik Lind of
        the Courier"."""
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
            if entity is not None and entity.kind == "person":
                entity = self._employer(obj)  # "told Erik Lind of the Courier"
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
        speaking = _cited_speaking(token)
        if speaking is not None:  # "the Post cited X, who said ..."
            return self._phrase_entity(speaking)
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
        "the Courier reported that the ministry had confirmed X", "the Courier said Marren
        released a statement in which ...". The first verb of saying (or of issuing a
        statement) in the content, outside quotation marks, that heads the content (not one in
        a clause inside it: "a region where residents say ..."), whose subject is a name or a
        noun phrase."""
        content = candidate.parsed_content or candidate.content  # the speaker may be cut off
        if not content:
            return None
        start, end = content[0][0], content[-1][1]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        for token in span:
            if token.pos_ != "VERB" or not (
                token.lemma_.lower() in SAYING_LEMMAS or _issues_statement(token)
            ):
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


def _cited_speaking(token: Token) -> Token | None:
    """The X of "cited X, who said ...", when ``token`` is that "cited": whom the report cites
    says the words."""
    if token.lemma_.lower() not in CITING_LEMMAS:
        return None
    for obj in token.children:
        if obj.dep_ != "dobj":
            continue
        for clause in obj.children:
            if (
                clause.dep_ == "relcl"
                and clause.lemma_.lower() in SAYING_LEMMAS
                and any(
                    c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in clause.children
                )
            ):
                return obj
    return None


def _issues_statement(token: Token) -> bool:
    """Whether ``token`` is the verb of "X issued / released a statement"."""
    return token.lemma_.lower() in ISSUING_LEMMAS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ISSUED_HEADS for c in token.children
    )


def _one_person(entity: Entity) -> bool:
    """Whether ``entity`` is one person "he" or "she" can mean: a person, an office, or one
    unnamed person the article describes ("her publicist", "a spokesman"), not a group."""
    if entity.kind in ("person", "office"):
        return True
    head = re.split(r"\s+(?:for|of|at|from|with|in)\s+", entity.name.lower(), maxsplit=1)[0]
    words = head.split()
    return (
        bool(words)
        and entity.kind in ("anonymous", "other")
        and (words[-1] in PEOPLE_NOUNS | ANONYMOUS_HEADS)
    )


def _aged(head: Token) -> bool:
    """A name with an age set off after it ("Orlov, 61, said"), which only a person has."""
    return any(
        c.dep_ == "appos" and c.text.isdigit() and 0 < int(c.text) < 120 and c.i == head.i + 2
        for c in head.rights
    )


def same_name(name: str, *others: str) -> bool:
    """Whether ``name`` is one of ``others`` (:func:`.entities.name_key`)."""
    return name_key(name) in {name_key(other) for other in others}


def _link(entity: Entity) -> dict[str, str]:
    return {"name": entity.name, "type": KIND_OF_SOURCE.get(entity.kind, "other")}


def _one_link_per_hop(chain: list[dict[str, str]]) -> list[dict[str, str]]:
    """``chain`` without a link that repeats the one before ("Reuters said" in Reuters copy,
    an outlet named twice)."""
    return [link for i, link in enumerate(chain)
            if i == 0 or not same_name(link["name"], chain[i - 1]["name"])]  # fmt: skip
