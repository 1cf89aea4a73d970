"""Claims: the check-worthy statements of an article, each with who makes it, what it asserts
(entities, quantities, time), how certain it is, and, for transfers and deals, its slots.

1. **Spans**: each statement of an attribution's content (``quotes.statement_groups``: `"A,"
   she said. "B."` makes two) is one claim made by its speaker; each sentence
   outside attributed content is one claim in the outlet's own voice. A span becomes a claim
   when the check-worthiness model passes it, or when it holds a quantity or a transfer;
   a time stamp ("Updated 5/5/2010 1:41 PM", :func:`.timex.is_timestamp`) never does.
2. **Certainty**: from the span's own markers (:mod:`.modality`); a claim reported through a
   cue of denial ("Iran has denied supplying ...") is ``denied``.
3. **Type**: ``transfer`` (supply, send, sell, deliver, buy, receive ..., or a noun of one: "the
   sale of 40 jets to Turkey", "Russia's purchase of drones from Iran") with slots supplier,
   recipient, item, quantity, value and status (agreed, planned, delivered, denied);
   ``intent`` (plans, intends, will); ``assessment`` (likely, believes, assesses); else
   ``statement``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from .modality import Modality, modality
from .model import doc_text
from .quotes import statement_groups
from .timex import is_timestamp

SUPPLY_VERBS = {"supply", "send", "sell", "deliver", "provide", "transfer", "give", "ship",
                "export", "lend", "hand", "pay"}  # fmt: skip
RECEIVE_VERBS = {"buy", "purchase", "receive", "acquire", "obtain", "import", "get", "order"}
DEAL_WORDS = {"agree", "deal", "agreement", "contract", "accord", "sign", "pledge", "promise",
              "approve", "authorise", "authorize", "clear"}  # fmt: skip
#: Nouns of a transfer: "approved the sale of 40 jets to Turkey", "Russia's purchase of drones
#: from Iran".
SUPPLY_NOUNS = {"sale", "delivery", "shipment", "transfer", "supply", "export", "provision"}
RECEIVE_NOUNS = {"purchase", "acquisition", "import"}
BLOCK_WORDS = {"block", "halt", "suspend", "cancel", "veto", "ban", "freeze", "stop"}
DENY_CUES = {"deny", "reject", "dismiss", "refute"}
ASSESSMENT_WORDS = {"likely", "assess", "believe", "estimate", "expect", "probably", "assessment"}
INTENT_WORDS = {"plan", "intend", "aim", "seek", "want", "will", "prepare"}


@dataclass(slots=True)
class Claim:
    start: int
    end: int
    text: str
    checkworthiness: float
    attribution: int | None
    entities: list[int] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)
    times: list[int] = field(default_factory=list)
    modality: dict[str, Any] = field(default_factory=dict)
    certainty: str = "asserted"
    type: str = "statement"
    slots: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "checkworthiness": self.checkworthiness,
            "attribution": self.attribution,
            "entities": self.entities,
            "quantities": self.quantities,
            "times": self.times,
            "modality": self.modality["markers"],
            "certainty": self.certainty,
            "type": self.type,
            "slots": self.slots,
        }


def find_claims(
    doc: Doc,
    sents: list[Span],
    moods: dict[tuple[int, int], Modality],
    attributions: list,
    cue_lemmas: list[str],
    entities: list,
    quantities: list,
    times: list,
    score,
    threshold: float,
) -> list[Claim]:
    """Claims of one article. ``sents`` are its non-blank sentences and ``moods`` their
    certainty, by offsets; ``score`` maps texts to check-worthiness probabilities."""
    text = doc_text(doc)
    spans: list[tuple[int, int, int | None]] = []
    covered: list[tuple[int, int]] = []
    for index, attribution in enumerate(attributions):
        if not attribution.content or not attribution.states:
            continue
        for group in statement_groups(sorted(attribution.content), text):
            spans.append((group[0][0], group[-1][1], index))
            covered.append((group[0][0], group[-1][1]))
    for sent in sents:
        if any(s <= sent.start_char and sent.end_char <= e for s, e in covered):
            continue
        if any(s < sent.end_char and sent.start_char < e for s, e in covered):
            continue  # a sentence holding an attribution: its content is the claim
        spans.append((sent.start_char, sent.end_char, None))
    spans = sorted(s for s in spans if not is_timestamp(text[s[0] : s[1]]))
    scores = score([text[s:e] for s, e, _ in spans])
    claims = []
    for (start, end, index), probability in zip(spans, scores, strict=True):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        inside = [i for i, q in enumerate(quantities) if start <= q.start and q.end <= end]
        kind, slots = _type(span, [quantities[i] for i in inside])
        for slot in ("quantity", "value"):  # local index -> the article's quantity index
            if slots.get(slot) is not None:
                slots[slot] = inside[slots[slot]]
        if probability < threshold and not inside and kind != "transfer":
            continue
        mood = moods.get((start, end)) or modality(span)
        certainty = mood.certainty
        if index is not None and cue_lemmas[index] in DENY_CUES:
            certainty = "denied"
        if kind == "transfer" and certainty == "denied":
            slots["status"] = "denied"
        claims.append(
            Claim(
                start=start,
                end=end,
                text=text[start:end],
                checkworthiness=probability,
                attribution=index,
                entities=_entities_in(entities, start, end),
                quantities=inside,
                times=[i for i, t in enumerate(times) if start <= t.start and t.end <= end],
                modality=mood.to_dict(),
                certainty=certainty,
                type=kind,
                slots=slots,
            )
        )
    return claims


def _entities_in(entities: list, start: int, end: int) -> list[int]:
    return [
        e.id
        for e in entities
        if e.kind != "own_voice" and any(start <= m.start and m.end <= end for m in e.mentions)
    ]


def _type(span: Span, quantities: list) -> tuple[str, dict[str, Any]]:
    for token in span:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in SUPPLY_VERBS | RECEIVE_VERBS:
            return "transfer", _transfer_slots(token, span, quantities)
    for token in span:
        if token.pos_ == "NOUN" and token.lemma_.lower() in SUPPLY_NOUNS | RECEIVE_NOUNS:
            slots = _noun_transfer_slots(token, span, quantities)
            if slots is not None:
                return "transfer", slots
    lemmas = {t.lemma_.lower() for t in span}
    if lemmas & INTENT_WORDS:
        return "intent", {}
    if lemmas & ASSESSMENT_WORDS:
        return "assessment", {}
    return "statement", {}


def _transfer_slots(verb: Token, span: Span, quantities: list) -> dict[str, Any]:
    """Supplier, recipient, item, quantity, value and status of "X agreed to supply Y with Z"."""
    receiving = verb.lemma_.lower() in RECEIVE_VERBS
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subject = _subject(verb)
    actor = agent = recipient = item = None
    for child in verb.children:
        if child.dep_ == "dative":  # "send X to Y" (the preposition) or "pay Y X" (the noun)
            recipient = _pobj(child) if child.pos_ == "ADP" else child
        elif child.dep_ == "dobj":
            item = child
        elif child.dep_ == "agent":
            agent = _pobj(child)
        elif child.dep_ == "prep" and child.lower_ in ("to", "with", "from"):
            obj = _pobj(child)
            if obj is None:
                continue
            hedge = child.i > 0 and child.doc[child.i - 1].lower_ == "up"
            if hedge and item is None:  # "supply up to 6,000 UAVs"
                item = obj
            elif child.lower_ == "with":  # "supply Russia with drones"
                recipient, item = item, obj
            elif child.lower_ == "to" and not receiving:
                recipient = obj
            elif child.lower_ == "from" and receiving:
                actor = obj
    if passive:
        # "missiles were purchased by Russia"; "Tehran will be given money"
        if item is not None:
            recipient, subject = subject, agent
        else:
            item, subject = subject, agent
    counted = item is not None and any(c.dep_ == "nummod" for c in item.children)
    named = item is not None and item.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
    if named and not counted and item.tag_ == "NNP" and not recipient:
        recipient, item = item, None  # "supplying Russia": the country is the recipient
    item = _counted(item)
    if item is not None and any(t.text in "$€£" or t.ent_type_ == "MONEY" for t in item.subtree):
        item = None  # "pay Iran $1 billion": the money is the value, not the item
    supplier, receiver = (actor, subject) if receiving else (subject, recipient)
    if receiving and recipient is not None and recipient is not subject:
        receiver = recipient if subject is None else subject
    return _slots(supplier, receiver, item, quantities, _status(verb, span))


def _noun_transfer_slots(noun: Token, span: Span, quantities: list) -> dict[str, Any] | None:
    """Slots of "the US approved the sale of 40 F-16 jets to Turkey", "Russia's purchase of
    drones from Iran": the item is what "of" names (None when nothing is), the other side
    comes with "to" or "from", the first side is the possessor or the subject of the verb the
    noun is the object of, and that verb sets the status."""
    preps = {c.lower_: _pobj(c) for c in noun.children if c.dep_ == "prep"}
    item = _counted(preps.get("of"))
    if item is None:
        return None
    receiving = noun.lemma_.lower() in RECEIVE_NOUNS
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    verb = noun.head if noun.dep_ in ("dobj", "nsubjpass", "pobj") else None
    if verb is not None and verb.pos_ == "ADP":
        verb = verb.head
    first = owner
    if first is None and verb is not None and verb.pos_ == "VERB" and noun.dep_ == "dobj":
        first = _subject(verb)  # "the US approved the sale": the US sells
    # the parser may hang "to X" / "from X" on the verb ("blocked the export of tanks to X")
    # or on the item ("the purchase of 40 tanks from X")
    hosts = [item] + ([verb] if verb is not None and noun.dep_ == "dobj" else [])
    for host in hosts:
        for c in host.children:
            late = c.i > noun.i
            if c.dep_ == "prep" and c.lower_ in ("to", "from") and c.lower_ not in preps and late:
                preps[c.lower_] = _pobj(c)
    other = preps.get("from") if receiving else preps.get("to")
    supplier, receiver = (other, first) if receiving else (first, other)
    if supplier is None and receiver is None:
        return None  # "sales of cars rose": trade, not a transfer between parties
    lemmas = {t.lemma_.lower() for t in span}
    governing = verb.lemma_.lower() if verb is not None else ""
    if lemmas & (DENY_CUES | BLOCK_WORDS) or (
        verb is not None and any(c.dep_ == "neg" for c in verb.children)
    ):
        status = "denied"
    elif governing in DEAL_WORDS or lemmas & DEAL_WORDS:
        status = "agreed"
    elif governing in ("complete", "finalise", "finalize", "make", "carry"):
        status = "delivered"
    else:
        status = "planned"
    return _slots(supplier, receiver, item, quantities, status)


def _slots(
    supplier: Token | None,
    receiver: Token | None,
    item: Token | None,
    quantities: list,
    status: str,
) -> dict[str, Any]:
    """A transfer's slots: the parties and the item as phrases, the first count and the first
    sum of money as indexes into ``quantities``."""
    return {
        "supplier": _phrase(supplier),
        "recipient": _phrase(receiver),
        "item": _phrase(item, bare=True),
        "quantity": next((i for i, q in enumerate(quantities) if q.kind != "money"), None),
        "value": next((i for i, q in enumerate(quantities) if q.kind == "money"), None),
        "status": status,
    }


def _pobj(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "pobj"), None)


def _counted(item: Token | None) -> Token | None:
    """ "thousands of drones", "dozens of instructors": the thing counted, not the number."""
    if item is None:
        return None
    if item.like_num or item.lower_ in ("dozens", "hundreds", "thousands", "millions", "scores"):
        of = next((c for c in item.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and _pobj(of) is not None:
            return _pobj(of)
    return item


def _subject(verb: Token) -> Token | None:
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if current.dep_ in ("xcomp", "conj", "ccomp", "advcl") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def _phrase(token: Token | None, bare: bool = False) -> str | None:
    if token is None:
        return None
    if bare:
        keep = [t for t in token.lefts if t.dep_ in ("amod", "compound")]
        start = min([t.i for t in keep] + [token.i])
        words = [t.text for t in token.doc[start : token.i + 1] if not t.is_punct]
        return " ".join(words)
    end = token.right_edge.i
    if token.doc[end].dep_ == "case":  # "Russia's purchase": Russia
        end -= 1
    return token.doc[token.left_edge.i : end + 1].text


def _status(verb: Token, span: Span) -> str:
    lemmas = {t.lemma_.lower() for t in span}
    if any(c.dep_ == "neg" for c in verb.children) or lemmas & DENY_CUES:
        return "denied"
    heads = {verb.head.lemma_.lower(), verb.lemma_.lower()}
    if lemmas & DEAL_WORDS or heads & DEAL_WORDS:
        return "agreed"
    if verb.tag_ in ("VBD", "VBN") and verb.head.lemma_.lower() not in INTENT_WORDS:
        return "delivered"
    return "planned"
