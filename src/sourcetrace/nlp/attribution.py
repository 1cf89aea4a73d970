"""Find attributions in a parsed document: who (source) says (cue) what (content).

The cascade, per sentence:

1. **Cue candidates**: verbs, nouns, "according to"/"per", a few adverbs ("reportedly") and the
   colon of a transcript line ("SMITH: ..."). Each gets a feature dictionary (lemma, syntax, what
   its subject is, quotation marks around it) and a probability from the cue model trained on
   PolNeAR train (:mod:`sourcetrace.nlp.cues`).
2. **Spans**: for each accepted cue, the content comes from the dependency tree (clausal
   complement, else the clause the cue is inserted into, else the verb phrase to its right), the
   source from the subject (or the agent of a passive, or the object of "according to").
3. **Quotations**: content that reaches into a quotation is widened to the whole quotation,
   including quotations running over several sentences or paragraphs; a cue ending in a colon
   takes the quotation that follows.
4. **Outermost only**: a cue inside another attribution's content is dropped, as in PolNeAR,
   where only the outermost attribution is annotated.
5. **Continued quotes**: a quotation opening the next sentence with no cue of its own continues
   the direct quote before it.
6. **Edges**: the content's start and end are chosen again by scorers trained on PolNeAR train
   (:mod:`sourcetrace.nlp.edges`).

Everything returned is plain data (character offsets into the text that was parsed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .edges import refine_edges
from .entities import DOCUMENT_HEADS, TITLES
from .model import doc_text
from .quotes import SENTENCE_END, Quote, find_quotes, in_quote, is_title_quote, last_mark

CONTENT_CHILD_DEPS = {"dobj", "xcomp", "prep", "pcomp", "attr", "oprd", "dative", "acomp", "obj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
INHERIT_SUBJECT_DEPS = {"xcomp", "conj", "advcl", "acl", "relcl"}
CUE_LEFT_DEPS = {"aux", "auxpass", "neg"}
CUE_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly"}
CUE_PREPOSITIONS = {"according", "per"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "this", "that"}
QUOTE_CHARS = set('“”„«»"')
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+")
TOPIC_PREPOSITIONS = {"about", "of", "for", "on", "against", "to", "with", "over", "toward", "at"}
RAISING_VERBS = {"appear", "seem"}
CITING_LEMMAS = {"cite", "quote"}
#: "The proposal has drawn criticism from X": X reacted to the proposal, so X is the source
#: and the subject is the content (PolNeAR marks it so: cue "has drawn harsh criticism").
REACTION_VERBS = {"draw", "attract", "receive", "face", "earn", "win", "meet"}
REACTION_NOUNS = {
    "criticism", "condemnation", "praise", "concern", "rebuke", "backlash", "outcry", "scorn",
    "ire", "fire", "complaint", "objection", "protest", "opposition", "support", "applause",
    "warning", "denunciation", "derision", "skepticism", "scepticism",
}  # fmt: skip
PHRASE_PREPOSITIONS = {"in", "to", "for"}
SOURCE_DOCUMENTS = {"poll", "survey", "study", "report", "statement", "memo", "letter", "interview",
                    "filing", "analysis", "op-ed", "column", "essay", "email", "post", "tweet",
                    "speech", "document", "assessment", "briefing", "release"}  # fmt: skip
#: Nouns of set phrases that are adverbials, not content: "of course", "in response".
ADVERBIAL_NOUNS = {"course", "addition", "fact", "particular", "general", "response", "contrast",
                   "turn", "short", "effect", "reality", "return", "total", "sum"}  # fmt: skip
OCCASIONS = {
    "interview",
    "statement",
    "appearance",
    "speech",
    "conference",
    "briefing",
    "rally",
    "hearing",
    "event",
    "debate",
    "call",
    "meeting",
    "release",
    "email",
    "post",
    "tweet",
    "broadcast",
    "show",
    "podcast",
    "letter",
    "op-ed",
    "remarks",
    "session",
    "town",
}


@dataclass(slots=True)
class Candidate:
    """A token that may be an attribution cue, with the spans it would produce."""

    token: Token
    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_head: Token | None
    content: list[tuple[int, int]]
    via_quote: bool = False
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0
    #: The content as the parse gave it, before the edge scorers moved its ends: where a
    #: report relays someone ('"X," Marren said, the Courier reported') that someone may lie
    #: outside the words finally marked.
    parsed_content: list[tuple[int, int]] = field(default_factory=list)


def is_candidate(token: Token) -> bool:
    lower = token.lower_
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
        return True
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound",):
        return token.pos_ == "NOUN"
    if lower in CUE_PREPOSITIONS and token.i + 1 < len(token.doc):
        return lower == "per" or token.doc[token.i + 1].lower_ == "to"
    if lower in CUE_ADVERBS:
        return True
    if _is_source_phrase(token) or _poll_phrase(token) is not None:
        return True
    return lower == ":" and colon_speaker_start(token) is not None


def _is_source_phrase(token: Token) -> bool:
    """A preposition that opens a sentence with a source: "In a CNN poll released Monday, ...",
    "To Sexton, ...", "For the campaign, ..."."""
    if token.lower_ not in PHRASE_PREPOSITIONS or token.dep_ != "prep":
        return False
    if token.i != token.sent.start and token.doc[token.i - 1].lower_ not in ("but", "and", "yet"):
        return False
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None or token.right_edge.i + 1 >= len(token.doc):
        return False
    if token.doc[token.right_edge.i + 1].text != ",":
        return False
    if token.lower_ == "in":
        return obj.lemma_.lower() in SOURCE_DOCUMENTS
    return obj.pos_ in ("PRON", "PROPN") or obj.ent_type_ in ("PERSON", "ORG", "NORP")


#: What a result is found "in" when it is a source: "Trump leads in the latest poll".
POLL_NOUNS = {"poll", "survey"}
#: What such a phrase hangs on when it gives a finding ("leads in", "a lead in"), not a topic
#: ("interested in the poll").
POLL_HEADS = {"VERB", "AUX", "NOUN"}


def _poll_phrase(token: Token) -> Token | None:
    """The poll of "in <a poll>" inside a sentence ("Clinton leads in the latest CNN poll",
    "she trails in the RealClearPolitics average of New Hampshire polls by 9 points"), or the
    speaker of "in X's words" / "in the words of X": a source whose finding is the clause the
    phrase hangs on. (Sentence-opening phrases are ``_is_source_phrase``.)"""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in POLL_HEADS:
        return None
    obj = next((c for c in token.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    lemma = obj.lemma_.lower()
    if lemma in POLL_NOUNS or obj.lower_ in ("polls", "surveys"):
        return obj
    if lemma == "average" and any(t.lemma_.lower() in POLL_NOUNS for t in obj.subtree):
        return obj
    if lemma == "word":
        for child in obj.children:
            if child.dep_ == "poss":
                return obj  # "in Forbes' words"
            speaker = next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.lower_ == "of" and speaker is not None:
                return speaker  # "in the words of one aide"
    return None


def _poll_content(token: Token) -> list[tuple[int, int]]:
    """The clause a mid-sentence "in <a poll>" hangs on, without the phrase: the nearest
    verb above it ("Trump has a decisive lead in the polls" -> "Trump has a decisive lead")."""
    clause = token.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    phrase = {t.i for t in token.subtree}
    return _subtree_range(clause, phrase)


#: Prepositions that say which poll it is ("a survey *of* 800 voters", "polls *in* Ohio").
POLL_DETAILS = {"of", "from", "by", "in", "for", "among", "with"}


def _before_aside(head: Token, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A poll's source span up to an apposition set off by a comma, which comments on the
    finding rather than names the poll ("in the latest poll, a collapse driven by ..."), or up
    to a phrase the parser hung on the poll that belongs to the finding ("leads in the
    latest poll ahead of the primary")."""
    doc = head.doc
    cuts = [
        c.left_edge.i - (doc[c.left_edge.i - 1].text == ",")
        for c in head.rights
        if (c.dep_ == "appos" and doc[c.left_edge.i - 1].text == ",")
        or (c.dep_ in ("prep", "advmod") and c.lower_ not in POLL_DETAILS)
    ]
    if not cuts:
        return ranges
    return [(s, min(e, cuts[0])) for s, e in ranges if s < cuts[0]]


#: Small words a speaker's label may hold between capitalised ones ("Former AG Mukasey at RNC",
#: "Clinton to Planned Parenthood").
LABEL_JOINERS = {"at", "to", "of", "on", "in", "for", "the", "and", "from", "&", "de", "van", "von"}
#: Dashes that set a speaker's label off from a heading before it on the same line.
DASH_CHARS = "-\u2013\u2014"
LABEL_DASHES = {*DASH_CHARS, "--"}


def colon_speaker_start(token: Token) -> int | None:
    """Where the speaker's label before a colon begins, when the colon ends a label that opens
    its line (or follows a dash there) and text follows on the same line: ``SMITH: text``,
    ``Q: text``, a headline's ``Former AG Mukasey at RNC: X``, a digest's ``Heading - Philip
    Bump: “X”`` or ``More from the report: “X”``. None for any other colon."""
    doc = token.doc
    if token.i + 1 >= len(doc) or "\n" in token.text_with_ws:
        return None
    start = token.i
    while start > 0:
        previous = doc[start - 1]
        if "\n" in previous.text_with_ws:
            break
        if previous.text in (".", "!", "?"):
            break  # "... created equal. From the report: “X”"
        spaced = start > 1 and bool(doc[start - 2].whitespace_)
        if previous.text in LABEL_DASHES and spaced:
            break  # "Heading - Philip Bump:" (not "Fact-Check:")
        if token.i - start >= 8:
            return None  # a sentence's colon, not a label's
        start -= 1
        if previous.text[0] in DASH_CHARS and previous.text[1:2].isalpha() and spaced:
            break  # "Heading -More from Jones:", the dash glued to the label
    words = [t for t in doc[start : token.i] if not t.is_space]
    lowers = [t.lower_.lstrip(DASH_CHARS) for t in words]
    if lowers[:1] == ["from"] or lowers[:2] == ["more", "from"]:
        skip = lowers.index("from") + 1  # "More from Jones:", "From the report:"
        return words[skip].i if 0 < len(words) - skip <= 5 else None
    if not 0 < len(words) <= 8 or not words[0].text.lstrip(DASH_CHARS)[:1].isupper():
        return None
    for word in words[1:]:
        if word.is_quote or word.text in ".'’-()&,":
            continue
        if not (word.text[:1].isupper() or word.lower_ in LABEL_JOINERS):
            return None  # "The options are these:", "In the morning:"
    return start


# --- spans -----------------------------------------------------------------------------------


def _subtree_range(token: Token, exclude: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Token index ranges [start, end) of ``token``'s subtree minus ``exclude``."""
    indices = [t.i for t in token.subtree if t.i not in exclude]
    return _ranges(indices)


def _ranges(indices: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for i in sorted(indices):
        if ranges and i == ranges[-1][1]:
            ranges[-1][1] = i + 1
        else:
            ranges.append([i, i + 1])
    return [(s, e) for s, e in ranges]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation and conjunctions at the edges, keeping quotation marks."""
    while start < end and _edge_junk(doc[start], leading=True):
        start += 1
    while end > start and _edge_junk(doc[end - 1], leading=False):
        if doc[end - 1].text in CLOSERS and CLOSERS[doc[end - 1].text] in doc[start : end - 1].text:
            break  # "Sen. Lindsey Graham (R-S.C.)": the bracket closes one inside
        end -= 1
    return (start, end) if start < end else None


#: Closing brackets kept at the end of a span that opens them.
CLOSERS = {")": "(", "]": "["}


def _edge_junk(token: Token, *, leading: bool) -> bool:
    if token.is_space:
        return True
    if token.is_quote or token.text in QUOTE_CHARS or token.text == "%":
        return False  # "42%" keeps its sign
    if token.is_punct:
        return True
    return leading and token.dep_ in ("cc", "punct")


def _char_spans(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for start, end in ranges:
        trimmed = _trim(doc, start, end)
        if trimmed:
            spans.append((doc[trimmed[0]].idx, doc[trimmed[1] - 1].idx + len(doc[trimmed[1] - 1])))
    return spans


def _subject(token: Token) -> Token | None:
    """The subject of a cue verb, inherited through xcomp/conj/advcl chains and through a
    preposition ("before *backing* X")."""
    inverted = _split_subjects(token)
    if inverted is not None:
        return inverted[1]  # "The deal, said Marren, was never signed": Marren
    stray = _stray_speaker(token)
    if stray is not None:
        return stray[0]
    main = _main_before_participle(token)
    if main is not None:
        return next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    lefts = [c for c in token.lefts if c.dep_ == "nsubj"]
    if len(lefts) > 1 and _reported_before(token) is not None:
        return lefts[-1]  # "People with ideas organise, she said": she
    current = token
    if _cites_for_the_cue(token) or _trailing_citation(token):
        current = token.head.head  # "Reuters reported, citing X, that Y": Reuters cites X
    for _ in range(5):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl" and not _dateline(child):
                return child
        agent = _agent(current)
        if agent is not None:
            return agent
        name = _adverb_name(current)
        if name is not None:
            return name
        if current.i == token.i and token.pos_ == "VERB" and token.i > 0:
            before = token.doc[token.i - 1]
            if before.head.i == token.i and before.dep_ == "compound" and before.pos_ == "PROPN":
                return before  # '"...," Conway notes.': the parser took "Conway notes" as a noun
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
        elif current.dep_ == "xcomp" and (controller := _object_controller(current)) is not None:
            return controller  # "The announcement led some to speculate": some speculate
        elif current.dep_ in INHERIT_SUBJECT_DEPS and current.head.i != current.i:
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return current.head  # "Anyone expecting Trump to pivot ..."
            if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN"):
                return None
            current = current.head
        else:
            return None
    return None


def _main_before_participle(token: Token) -> Token | None:
    """The verb of the clause that a participle after a comma goes with, where the parser hung
    the participle on the quotation after it ("Flea shared the news, *writing* “Feels great
    ...”", "Clinton seemed ready, *telling* the crowd, “Some people ...”"): whoever did the one
    writes or tells."""
    doc = token.doc
    if not (
        token.tag_ == "VBG"
        and token.dep_ in ("nsubj", "csubj", "advcl")
        and token.i > 0
        and doc[token.i - 1].text == ","
        and token.head.i > token.i
        # the quotation after it, which the parser made the participle's head
        and any(t.is_quote for t in doc[token.i + 1 : token.head.i])
    ):
        return None
    main = token.sent.root
    return main if main.i < token.i and main.pos_ in ("VERB", "AUX") else None


SPEAKER_NOUNS = {"official", "source", "spokesman", "spokeswoman", "spokesperson", "ministry",
                 "department", "office", "government", "agency"}  # fmt: skip


def _split_subjects(token: Token) -> tuple[Token, Token] | None:
    """For a cue inserted with its speaker after it ("The deal, said Marren, was never
    signed"), which the parser gives two subjects: the reported clause's subject before the
    cue, and the speaker right after it."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return None
    before = after = None
    for child in token.children:
        if child.dep_ == "nsubj":
            if child.i < token.i:
                before = child
            elif child.left_edge.i == token.i + 1:
                after = child
    if before is None or after is None:
        return None
    if _ends_sentence(after.right_edge):  # "The rejection signals the end, said Wilders."
        return before, after
    if after.right_edge.i + 1 >= len(doc):
        return None
    return (before, after) if doc[after.right_edge.i + 1].text == "," else None


def _fronted_subject(token: Token, clauses: list[Token]) -> Token | None:
    """The reported clause's subject before a cue inserted into it ("The plan, Marren said in
    a statement, would cost 300 jobs"), which the parser hangs on the cue instead of on the
    clause after it."""
    doc = token.doc
    subjects = [c for c in token.lefts if c.dep_ == "nsubj"]
    after = [c for c in clauses if c.i > token.i and doc[c.left_edge.i - 1].text == ","]
    if not subjects or not after:
        return None
    comma = subjects[-1].left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    for child in token.lefts:
        if (
            child.dep_ in ("dep", "nsubj", "nsubjpass")
            and child.right_edge.i == comma - 1
            and child.left_edge.i <= token.sent.start + 1
            and child.pos_ in ("NOUN", "PROPN", "PRON")
        ):
            return child
    return None


def _stray_speaker(token: Token) -> tuple[Token, int] | None:
    """The speaker of '"We can only wonder," state Senate leader Phil Berger said', which the
    parser hangs inside the quotation's clause (as the object of "wonder") and leaves the cue
    no subject: a noun phrase filling the gap between the closing quotation mark and the cue.
    Its head, and where the gap starts (the parser may hang words of the quotation on it)."""
    if token.i < 3 or any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return None
    clauses = [c for c in token.lefts if c.dep_ == "ccomp"]
    if not clauses:
        return None
    doc = token.doc
    close = next(
        (
            t.i
            for t in reversed(doc[clauses[-1].left_edge.i : token.i])
            if t.is_quote and doc[t.i - 1].is_punct and not doc[t.i - 1].is_quote
        ),
        None,
    )
    if close is None or close + 1 >= token.i:
        return None
    gap = doc[close + 1 : token.i]
    heads = [t for t in gap if not t.is_punct and not gap.start <= t.head.i < gap.end]
    if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN"):
        return None
    head = heads[0]
    inside = {t.i for t in head.subtree}
    if any(t.i not in inside and not t.is_punct for t in gap) or head.right_edge.i >= token.i:
        return None
    return head, close + 1


def _object_controller(clause: Token) -> Token | None:
    """The object of the verb an infinitive clause hangs on, which does what the clause says
    ("led *some* to speculate", "prompted *Rubio* to make a joke")."""
    head = clause.head
    for child in head.children:
        if child.dep_ == "dobj" and child.i < clause.i and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    return None


DASHES = ("-", "–", "—", "--")


def _dateline(token: Token) -> bool:
    """Whether ``token`` is a dateline the parser took for a subject ("MYRTLE BEACH, S.C. -
    Sen. Ted Cruz continued ...", "LONDON (Reuters) - Donald Trump said ..."): capitals opening
    the sentence, then a dash."""
    doc = token.doc
    first = token.left_edge.i
    if first != token.sent.start:
        return False
    for t in doc[first : min(token.right_edge.i + 6, len(doc))]:
        if t.text in DASHES and t.i > token.i:
            # the subject after the dash may hang on the dateline: then it is the subject
            # (the dateline is left out of the source span)
            return token.right_edge.i <= t.i and _dateline_words(doc[first : t.i])
        if t.is_alpha and not t.text[0].isupper():
            return False
    return False


def _dateline_words(tokens) -> bool:
    """A place in capitals, then perhaps its region or country or the date after a comma
    ("CORVANE", "MYRTLE BEACH, S.C.", "PORT SEREN, Ostmark", "WASHINGTON, Aug. 24"), then
    perhaps the news agency in brackets; with an agency the place may be in title case
    ("Washington (AFP)")."""
    tokens = list(tokens)
    credit = False
    if tokens and tokens[-1].text == ")" and any(t.text == "(" for t in tokens):
        opening = max(i for i, t in enumerate(tokens) if t.text == "(")
        agency = [t for t in tokens[opening + 1 : -1] if not t.is_punct]
        if not agency or not all(t.text[0].isupper() for t in agency):
            return False
        tokens, credit = tokens[:opening], True
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words[0]) < 2 or not (words[0].is_upper or credit):
        return False
    comma = next((t.i for t in tokens if t.text == ","), None)
    for word in words:
        if comma is not None and word.i > comma:
            if not (word.text[0].isupper() or word.like_num):
                return False
        elif not (word.is_upper or (credit and word.text[0].isupper())):
            return False
    return True


def _adverb_name(token: Token) -> Token | None:
    """ "said Skelly,", "And Skelly called": a capitalised name ending in "-ly" right beside a
    subjectless verb, which the parser took for an adverb."""
    doc = token.doc
    for i in (token.i + 1, token.i - 1):
        if not 0 <= i < len(doc):
            continue
        word = doc[i]
        if (
            word.head.i == token.i
            and word.dep_ == "advmod"
            and word.is_title
            and word.lower_.endswith("ly")
            and (i > token.i or i > word.sent.start)
        ):
            return word
    return None


def _counted_subject(token: Token) -> Token | None:
    """ "Less than a third agreed", "About 4 in 10 say": a share right before a subjectless
    verb that the parser hung on it as a modifier."""
    for child in token.lefts:
        if (
            child.dep_ in ("npadvmod", "nummod")
            and child.right_edge.i == token.i - 1
            and (child.pos_ == "NUM" or child.ent_type_ in ("CARDINAL", "PERCENT"))
        ):
            return child
    return None


def _stray_subject(token: Token) -> Token | None:
    """A name or speaker noun right before a subjectless cue verb that has a "that" clause
    or a colon after it, which the parser attached elsewhere (as a conjunct of the clause
    before, or as an apposition to a name in a phrase before: "..., former president Bill
    Clinton said his wife ...", "In a statement to the Observer, her adviser, Jake Sullivan,
    said: ...")."""
    doc = token.doc
    colon = token.i + 1 < len(doc) and doc[token.i + 1].text == ":"
    if not colon and not any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
        return None
    j = token.i - 1
    while j >= 0 and doc[j].dep_ in CUE_LEFT_DEPS:
        j -= 1
    if j >= 1 and doc[j].text == "," and doc[j - 1].dep_ == "appos":
        j -= 1  # "..., Jake Sullivan, said"
    if j < 0 or doc[j].is_punct:
        return None
    last = doc[j]
    if last.pos_ not in ("NOUN", "PROPN") or (last.dep_ == "nsubjpass" and last.head.i == token.i):
        return None  # "Marren was asked if ...": whom the question was put to, not who asked
    top = last
    while (
        top.head.i != top.i
        and top.head.i < token.i
        and top.dep_ in ("pobj", "compound", "flat", "appos", "amod", "prep")
        and not _set_off(top)
    ):
        top = top.head
    if _set_off(top) and top.head.dep_ == "appos" and _set_off(top.head):
        top = top.head  # "her senior policy adviser, Jake Sullivan": the whole description
    named = top.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or last.ent_type_ in ("ORG", "PERSON")
    if top.dep_ == "prep" or not (named or top.lemma_.lower() in SPEAKER_NOUNS):
        return None
    return top


def _set_off(token: Token) -> bool:
    """An apposition after a comma: a phrase of its own ("..., Jake Sullivan")."""
    before = token.left_edge.i - 1
    return token.dep_ == "appos" and before >= 0 and token.doc[before].text == ","


def _outside_quotes(token: Token, quotes: list[Quote]) -> bool:
    return not in_quote(token.idx, quotes)


def _nearby_speaker(token: Token, quotes: list[Quote]) -> Token | None:
    """For a cue whose parsed subject is missing or inside a quotation: the noun phrase right
    before the cue (`..." Trump said`) or right after it (`said Mr. Rubel`), outside quotes."""
    doc = token.doc
    left = _speaker_before(token)
    if token.lemma_.lower() in ADDRESSEE_VERBS:  # "told AFP": whom, never who
        return left if left is not None and _outside_quotes(left, quotes) else None
    if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("PROPN", "PRON"):
        after = doc[token.i + 1]
        while after.head.i > after.i and after.head.i - token.i <= 5 and after.head.pos_ == "PROPN":
            after = after.head
        if _outside_quotes(after, quotes):
            return after
    for child in token.rights:  # '"Meh," wrote a supporter who ...'
        if (
            child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "dative")
            and child.left_edge.i == token.i + 1
            and child.pos_ in ("NOUN", "PROPN")
            and _outside_quotes(child, quotes)
        ):
            return child
    return left if left is not None and _outside_quotes(left, quotes) else None


def _speaker_before(token: Token) -> Token | None:
    """The name or noun right before a cue, past its auxiliaries and a set-off apposition
    ('..." Ramos, 58, told AFP')."""
    doc = token.doc
    j = token.i - 1
    while j >= 0 and doc[j].dep_ in CUE_LEFT_DEPS:
        j -= 1
    if j >= 3 and doc[j].text == ",":
        top = doc[j - 1]
        while top.dep_ != "appos" and top.head.i != top.i and top.head.i < j:
            top = top.head
        before = top.left_edge.i - 1
        if top.dep_ == "appos" and doc[before].text == "," and top.head.i == before - 1:
            j = top.head.i
    if j >= 0 and doc[j].pos_ in ("PROPN", "PRON", "NOUN"):
        return doc[j]
    return None


def _inverted_speaker(token: Token, quotes: list[Quote] | None) -> Token | None:
    """The speaker after a cue verb that closes a quotation ('"Meh," wrote a supporter',
    '"Now," urged the actress Jo Lind'), which the parser hangs on the verb as its object: a
    noun phrase right after the verb, the quotation (ending in a comma, question or
    exclamation mark) right before it."""
    if not quotes or token.pos_ != "VERB":
        return None
    doc = token.doc
    after = [c for c in token.rights if c.dep_ in ("dobj", "attr", "npadvmod", "dative")]
    if token.dep_ in ("amod", "compound") and token.head.i > token.i:
        # '"Debate recap," tweeted Rubio spokesman Alex Conant.': the verb parsed as a
        # modifier of the speaker's name
        top = token.head
        while top.dep_ in ("compound", "amod") and top.head.i > top.i:
            top = top.head
        if top.pos_ == "PROPN" and all(
            t.pos_ in ("PROPN", "NOUN") for t in doc[token.i + 1 : top.i + 1]
        ):
            after = [top]
    elif not after or after[0].left_edge.i != token.i + 1:
        return None
    if not after or after[0].pos_ not in ("NOUN", "PROPN"):
        return None
    text = doc_text(doc)
    quote = _quote_right_before(quotes, text, token.idx)
    if quote is None or last_mark(text, quote) not in (",", "?", "!"):
        return None
    return after[0]


def _asked(token: Token) -> bool:
    """A passive participle hung on the clause it introduces ("Asked whether ..., Rubio said",
    "When pressed on it, the minister said"): its inherited subject is whom it was put to."""
    return (
        token.tag_ == "VBN"
        and token.dep_ in ("advcl", "acl")
        and _agent(token) is None
        and not any(c.dep_ == "aux" and c.lower_ in ("having", "have") for c in token.children)
        # a nominal object makes it active, misparsed ("John O'Donnell, who worked for him,
        # published “Trumped!”")
        and not any(c.dep_ in ("dobj", "oprd") for c in token.children)
        and not _reduced_active(token)
    )


def _reduced_active(token: Token) -> bool:
    """ "A Quinnipiac poll found that X": the parser took the verb right after its subject for
    a participle describing it; a "that" clause after it makes it the sentence's verb."""
    return (
        token.dep_ == "acl"
        and token.head.i < token.i
        and token.head.right_edge.i >= token.i
        and all(
            t.dep_ == "compound" or t.i == token.head.i for t in token.doc[token.head.i : token.i]
        )
        and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in token.children
        )
    )


def _agent(token: Token) -> Token | None:
    """Who does what a passive verb says ("was reported *by X*"); an active verb's "by"
    phrase is not it ("acknowledged as much in an article Monday by Patrick Healy")."""
    if token.tag_ != "VBN" and not any(c.dep_ == "auxpass" for c in token.children):
        return None
    for child in token.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def source_range(
    head: Token | None, cue: Token | None = None, *, asides: bool = True
) -> list[tuple[int, int]]:
    """Token ranges of the source phrase ``head`` heads. Without ``asides``, a relative
    clause set off by a comma anywhere in it is left out too ("lawmakers in Ostmark, who say
    ..."), for a source phrase that such a clause follows rather than identifies; PolNeAR keeps
    those inside a subject, so subjects keep them."""
    if head is None:
        return []
    exclude = set()
    for child in head.children:
        holds_cue = cue is not None and child.left_edge.i <= cue.i <= child.right_edge.i
        # "an item *suggesting* that ...", "the AP, *571 of the superdelegates*": not the source
        if child.dep_ == "relcl" or holds_cue or _counted_apposition(child):
            exclude |= {t.i for t in child.subtree}
    doc = head.doc
    for token in head.subtree if not asides else ():
        before = token.left_edge.i - 1
        if token.dep_ == "relcl" and before >= 0 and doc[before].text == ",":
            exclude |= {t.i for t in token.subtree}
    ranges = _subtree_range(head, exclude)
    if not ranges:
        return []
    start, end = next(((s, e) for s, e in ranges if s <= head.i < e), ranges[0])
    for i in range(max(start, 1), head.i):
        if doc[i].is_quote and doc[i - 1].is_punct and not doc[i - 1].is_quote:
            # '"... hunky-dory," Gene Sperling said': the closing mark and the quotation's
            # words the parser gave the speaker are not the source
            start = i + 1
    name = apposed_name(head)
    if name is not None and len(ranges) == 1 and end == name.left_edge.i:
        end = name.right_edge.i + 1  # "State news agency IRNA quoted": the name too
    for i in range(end - 2, start - 1, -1):
        # a dateline ("Washington (AFP) – ", "WASHINGTON - ") is not part of the subject
        dash = doc[i].text in ("–", "—", "--") or "\n" in doc[i].text_with_ws
        spaced = i > start and doc[i].whitespace_ and doc[i - 1].whitespace_
        if not dash and spaced and doc[i].text == "-":
            dash = _dateline_words(doc[start:i])  # a spaced hyphen after capitals
        if dash:
            start = i + 1
            break
    return [(start, end)]


def apposed_name(head: Token) -> Token | None:
    """A name right after the describing noun ``head``, both parsed as subjects of one verb
    ("State news agency IRNA quoted ...", "Russian news agency TASS reported ...") or the name
    hung on the verb after its object ("told the state news agency TASS")."""
    objects = ("dobj", "dative")
    if head.pos_ != "NOUN" or head.dep_ not in ("nsubj", "nsubjpass", *objects):
        return None
    after = head.right_edge.i + 1
    if after >= len(head.doc):
        return None
    for sibling in head.head.children:
        if (
            sibling.i > head.i
            and (sibling.dep_ == head.dep_ or (head.dep_ in objects and sibling.dep_ == "npadvmod"))
            and sibling.pos_ == "PROPN"
            and sibling.ent_type_ not in ("DATE", "TIME")
        ):
            return sibling if sibling.left_edge.i == after else None
    return None


def source_chars(head: Token) -> tuple[int, int] | None:
    """Character offsets of the source phrase ``head`` heads, trimmed as a source span is."""
    spans = _char_spans(head.doc, source_range(head, asides=False))
    return spans[0] if spans else None


#: Where a gerund does a noun's or an adjective's work.
NOMINAL_DEPS = {"amod", "compound", "dobj", "pobj"}


def _colon_content(token: Token) -> tuple[list[tuple[int, int]], int] | None:
    """``tweeted in response: "..."``: a colon a few words after the cue, with no verb between,
    introduces the content (up to the end of the paragraph, or the next paragraph when the colon
    ends its line: "Hewitt writes:\n\nThe movie ..."); the colon belongs to the cue."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 7, len(doc))):
        t = doc[i]
        if t.text == ":":
            start = i + 1
            while start < len(doc) and doc[start].is_space:
                start += 1
            end = start + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
                end += 1
            end = _before_trailing_report(doc, start, end)
            return ([(start, end)], i) if start < len(doc) else None
        if t.is_quote or "\n" in t.text_with_ws or t.text in ";.":
            return None
        if t.pos_ in ("VERB", "AUX") and not (t.tag_ == "VBG" and t.dep_ in NOMINAL_DEPS):
            return None  # ("the *following* statement:", "tweeted the *following*:")
    return None


def _before_trailing_report(doc: Doc, start: int, end: int) -> int:
    """Where a quotation after a colon ends when a reporting clause closes its sentence
    ('Trump said: "There will be exceptions," the Times reported.'): the clause reports the
    whole sentence, the colon's cue included, and is not part of what the cue introduces."""
    for k in range(start + 1, end):
        closed = doc[k - 1].is_quote and doc[k - 2].text in (",", "?", "!")
        if not closed and not (doc[k - 1].text == "," and doc[k - 2].is_quote):
            continue
        if doc[k].is_punct:
            continue
        subject = doc[k]
        while subject.dep_ in ("det", "compound", "amod", "poss") and subject.head.i > subject.i:
            subject = subject.head  # "the New York Times reported"
        verb = subject.head
        if (
            subject.dep_ == "nsubj"
            and subject.left_edge.i == k
            and verb.pos_ == "VERB"
            and verb.tag_ in ("VBD", "VBZ", "VBP")
            and verb.i > subject.i
            and _ends_sentence(verb)
            and not any(
                c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i for c in verb.children
            )
        ):
            return k
    return end


def _reports_the_sentence(token: Token, clauses: list[Token]) -> bool:
    """A reporting clause closing its sentence after a quotation that a cue before it
    introduces ('Trump said: "X," the Times reported.'), which the parser hung on that cue."""
    return (
        token.dep_ in ("ccomp", "parataxis")
        and token.head.pos_ == "VERB"
        and token.head.i < min(c.left_edge.i for c in clauses)
        and all(c.i < token.i for c in clauses)
        and _ends_sentence(token)
    )


def _verb_content(token: Token, light_objects: frozenset[str]) -> tuple[list[tuple[int, int]], int]:
    """Content token ranges for a verb cue, and the index of the cue's last token."""
    colon = _colon_content(token)
    if colon is not None:
        return colon
    said = [c for c in token.children if c.dep_ == "ccomp" and c.i > token.i]
    if token.lemma_.lower() in CITING_LEMMAS and token.dep_ == "advcl" and said:
        # "Reuters reported, citing two people, that X": what is cited is the people; X is
        # what Reuters reported
        cited = {t.i for c in token.rights if c not in said for t in c.subtree}
        if cited and quoted_as_saying(token) is None:
            return _ranges(cited), token.i
    for child in token.rights:
        if (
            child.dep_ == "advcl"
            and child.lemma_.lower() in CITING_LEMMAS
            and all(t.is_punct for t in token.doc[token.i + 1 : child.i])
        ):
            said = [c for c in child.children if c.dep_ == "ccomp" and c.i > child.i]
            if said:  # "Reuters reported, citing two people, that X" parsed with X under citing
                return _subtree_range(said[0]), token.i
    raised = _raised_content(token)
    if raised is not None:
        return raised, token.i
    clauses = [
        c for c in token.children if c.dep_ in ("ccomp", "csubj") and not _clauses_apart(c, token)
    ]
    if clauses:
        indices = {t.i for c in clauses for t in c.subtree}
        if _reports_the_sentence(token, clauses):
            # 'Trump said: "X," the Times reported.': the Times reports Trump saying X
            indices |= {t.i for t in token.head.subtree} - {t.i for t in token.subtree}
        stray = _stray_speaker(token)
        if stray is not None:  # '"We wonder," state Senate leader Phil Berger said'
            indices -= set(range(stray[1], token.i))
        fronted = _fronted_subject(token, clauses)
        if fronted is not None:  # "The plan, Marren said in a statement, would cost jobs"
            indices |= {t.i for t in fronted.subtree}
        for clause in clauses:
            for child in clause.children:
                if _contrasted_report(child):
                    # "Critics say X, while supporters argue Y": Y is the supporters', not
                    # the critics'
                    indices -= {t.i for t in child.subtree}
                if _cites_for_the_cue(child) or _trailing_citation(child):
                    # "reported, citing two people familiar with the matter, that X" or
                    # "reported that X, citing two people": whom the report cites is not what
                    # it reports
                    indices -= {t.i for t in child.subtree}
        return _ranges(indices), token.i
    if (
        token.dep_ in ("parataxis", "ccomp")
        and token.head.i != token.i
        and (not _has_object(token) or _is_inserted(token))
        and not _complement(token)
        and not _reported_by_head(token)
        and not _clauses_apart(token, token.head)
    ) or _trailing_report(token):
        exclude = {t.i for t in token.subtree}
        split = _split_subjects(token)
        if split is not None:  # "The deal, said Marren, ...": "The deal" is reported
            exclude -= {t.i for t in split[0].subtree}
        return _subtree_range(token.head, exclude), token.i
    before = _reported_before(token)
    if before is not None:  # "X did Y, police said." parsed with no verb heading X
        return before, token.i
    if _as_clause(token):
        reported = token.head
        while reported.dep_ == "xcomp" and reported.head.i != reported.i:
            reported = reported.head  # "X agreed to send Y, as the Post reported"
        return _subtree_range(reported, {t.i for t in token.subtree}), token.i
    for child in token.rights:
        if child.dep_ != "advcl":
            continue
        for mark in child.children:
            if mark.dep_ == "mark" and mark.lower_ == "for" and mark.i > token.i:
                # "called for the president to resign": the clause after "for"
                return _subtree_range(child, {mark.i}), mark.i
    saying = quoted_as_saying(token)
    if saying is not None:
        # "quoted a senior official as saying that X": X, with the cue up to "saying"
        said = {t.i for c in saying.children if c.dep_ == "ccomp" for t in c.subtree}
        if said:
            return _ranges(said), saying.i
    passive_subject = [c for c in token.children if c.dep_ == "nsubjpass"]
    if passive_subject and _agent(token) is not None:
        return _subtree_range(passive_subject[0]), token.i
    right = [c for c in token.rights if c.dep_ in CONTENT_CHILD_DEPS and not _is_setting(c)]
    if not right:
        answer = _one_word_answer(token)
        if answer is not None:  # "75 percent said yes", "I think so"
            return [(answer.i, answer.i + 1)], token.i
        return _setting_clause(token), token.i
    told = _told_only(token, right)
    if told is not None:
        return told, token.i
    first = right[0]
    if first.dep_ == "prep" and first.lower_ in TOPIC_PREPOSITIONS:
        # "spoke about X", "said of X": the preposition belongs to the cue.
        objects = [c for c in first.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            return _subtree_range(objects[0]), first.i
    if (
        first.dep_ == "dobj"
        and first.lemma_.lower() in light_objects
        and not any(c.dep_ in ("nummod", "nmod") for c in first.children)
    ):
        # "had harsh words for X", "expressed support for X": the object and its preposition
        # belong to the cue ("44 percent to 37 percent" is not such an object).
        for prep in first.rights:
            if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPOSITIONS:
                objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return _subtree_range(objects[0]), prep.i
    indices = {t.i for c in right for t in c.subtree}
    return [(min(indices), max(indices) + 1)], token.i


#: Verbs whose one-word answer ("said yes", "think so") is what they report.
ANSWERING_LEMMAS = {"say", "think", "believe", "hope", "suspect", "expect", "answer", "reply",
                    "respond", "vote", "guess", "suppose", "tell"}  # fmt: skip


def _one_word_answer(token: Token) -> Token | None:
    """The "yes", "no" or "so" right after a verb of saying or thinking ("said no", "hope so")."""
    if token.lemma_.lower() not in ANSWERING_LEMMAS or token.i + 1 >= len(token.doc):
        return None
    answer = token.doc[token.i + 1]
    if answer.head.i != token.i or answer.lower_ not in ("yes", "no", "so"):
        return None
    if (
        answer.lower_ == "so"
        and answer.i + 1 < len(token.doc)
        and not token.doc[answer.i + 1].is_punct
    ):
        return None  # "said so many times" is no answer; "said so." is
    return answer


PRESS_NOUNS = {"reporter", "journalist", "press", "correspondent", "newsman"}
AFTER_CUE_DEPS = {"nsubj", "punct", "prep", "npadvmod", "advmod", "dative", "appos"}
CLAUSE_MARKS = {"as", "when", "while", "after", "before", "because", "if", "since", "although",
                "though", "until", "unless", "once", "whether"}  # fmt: skip


#: What "seem" / "appear" says of its subject: "to be shrinking", "uneasy", "a good idea".
RAISED_DEPS = {"xcomp", "acomp", "attr", "oprd"}


#: Verbs of a view or of saying that "seem to" / "appear to" can report ("seemed to blame",
#: "appears to accept", "seems to feel").
VIEW_VERBS = {
    "say", "think", "feel", "believe", "suggest", "imply", "indicate", "acknowledge",
    "recognize", "recognise", "blame", "accept", "agree", "endorse", "support", "favor",
    "favour", "prefer", "want", "care", "like", "embrace", "reject", "dismiss", "question",
    "doubt", "mock", "criticize", "criticise", "signal", "hint", "concede", "admit",
    "describe", "understand", "expect", "hope", "fear", "welcome", "back", "oppose",
    "confirm", "deny", "contradict", "echo", "praise", "regret", "share",
}  # fmt: skip


def _seeming_view(token: Token) -> tuple[Token, Token] | None:
    """The subject and the verb of a view it "seems to" or "appears to" hold ("*Cruz* seemed
    to *blame* the mayor"), whose content is its own."""
    if token.lemma_ not in RAISING_VERBS:
        return None
    subject = next((c for c in token.lefts if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in ("it", "there"):
        return None
    for child in token.rights:
        if child.dep_ == "xcomp" and child.pos_ == "VERB" and child.lemma_ in VIEW_VERBS:
            return subject, child
    return None


def _raised_content(token: Token) -> list[tuple[int, int]] | None:
    """ "The speaker seemed closer to an endorsement", "Voters appear to be moving behind
    Trump": what seems is the subject with what is said of it, nobody's view; not "it seems
    that X" (the clause) or "appeared on television" (no complement)."""
    if token.lemma_ not in RAISING_VERBS:
        return None
    subject = next((c for c in token.lefts if c.dep_ == "nsubj"), None)
    said = [c for c in token.rights if c.dep_ in RAISED_DEPS]
    if subject is None or not said or subject.lower_ in ("it", "there"):
        return None
    return _ranges(t.i for c in (subject, *said) for t in c.subtree)


def _reported_before(token: Token) -> list[tuple[int, int]] | None:
    """What a cue that closes its sentence reports before it, when the parser found no verb
    to head that ("The rejection signals the end, said Geert Wilders, founder of ..."; "Those
    who take on debt struggle, he said."; "As Trump spoke, a girl was sprayed, police said.")
    and hung its pieces on the cue instead of making them its clause: the tokens from the
    sentence's start (or the start of the clause the cue hangs on) to the comma that sets off
    the cue and its speaker. The cue takes nothing after it but its speaker, settings and
    whom it was told to."""
    doc = token.doc
    if token.pos_ != "VERB" or token.dep_ not in ("ROOT", "advcl"):
        return None
    if token.dep_ == "advcl" and token.head.i > token.i:
        return None
    inverted = None
    for child in token.children:
        if child.dep_ == "nsubj" and child.i > token.i and child.left_edge.i == token.i + 1:
            inverted = child
    if inverted is not None:
        start = token.i  # ", said Geert Wilders, founder of the party."
    else:
        subjects = [c for c in token.lefts if c.dep_ == "nsubj"]
        if not subjects:
            return None
        split = subjects[-1]
        between = doc[split.right_edge.i + 1 : token.i]
        if any(t.dep_ not in ("aux", "advmod", "neg") for t in between):
            return None
        start = split.left_edge.i  # ", police said."
    if start - 1 <= token.sent.start or doc[start - 1].text != ",":
        return None
    for child in token.rights:
        if child.dep_ == "dobj" and token.lemma_ == "tell":
            if not (child.pos_ in ("PRON", "PROPN") or child.lemma_.lower() in PRESS_NOUNS):
                return None  # "told reporters", not "told a joke"
        elif child.dep_ not in AFTER_CUE_DEPS or (child.dep_ == "prep" and not _is_setting(child)):
            return None  # "pointed to X", "told the story of X": X is what is reported
        if child.dep_ == "advmod" and any(child.children):
            return None  # "think back to 2008"
        if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in child.subtree):
            return None  # "said at a conference that he may wait", "yelled, 'Out!'"
    end = max([token.i, *(c.right_edge.i for c in token.rights if not c.is_punct)]) + 1
    if end >= len(doc) or doc[end].text not in (".", "!", "?"):
        return None  # the sentence goes on after the cue (a quotation, a colon)
    if any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS and c.i >= start for c in token.children):
        return None
    first = (token if token.dep_ == "ROOT" else token.head).left_edge.i
    first = max(first, token.sent.start)
    indices = [i for i in range(first, start - 1) if not doc[i].is_space]
    words = [doc[i] for i in indices if not doc[i].is_punct]
    if not words or words[0].lemma_.lower() == "ask":
        return None  # "Asked whether he would go, Priebus said no": a question put to him
    pieces = [c for c in token.lefts if first <= c.i < start - 1 and not c.is_punct]
    if all(c.dep_ in ("prep", "advmod", "npadvmod", "mark", "cc", "aux") for c in pieces):
        return None  # "Thus, in the debate last week, they referred": a setting, not a report
    return _ranges(indices)


def _contrasted_report(token: Token) -> bool:
    """A report set against the one it closes ("..., while supporters argue it goes too far",
    "..., whereas the ministry insists ..."): its own speaker and its own reported clause."""
    return (
        token.dep_ == "advcl"
        and token.head.i < token.i
        and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in token.children)
        and any(c.dep_ == "nsubj" for c in token.children)
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
    )


def _cites_for_the_cue(token: Token) -> bool:
    """Whether ``token`` is the "citing X" of "reported, citing X, that Y", which the parser
    hangs on Y's verb: a citing participle before all of Y (its "that" and its subject), not
    one inside it ("said the mayor, citing the budget, had cancelled it": the mayor cites)."""
    clause = token.head
    if not (
        token.lemma_.lower() in CITING_LEMMAS
        and token.dep_ == "advcl"
        and clause.dep_ == "ccomp"
        and token.i < clause.i
    ):
        return False
    cue = clause.head
    between = token.doc[cue.i + 1 : token.i]
    return (
        cue.i < token.i
        and all(t.is_punct for t in between)  # "reported, citing X": right after the cue
        and all(token.i < c.i for c in clause.lefts if c.dep_ in ("mark", *SUBJECT_DEPS))
    )


def _trailing_citation(token: Token) -> bool:
    """Whether ``token`` is the "citing X" that closes "reported that Y, citing X", which the
    parser hangs on Y's verb: after a comma, at the very end of Y. The report cites X; X is
    not part of what it reports."""
    clause = token.head
    doc = token.doc
    return (
        token.lemma_.lower() in CITING_LEMMAS
        and token.dep_ == "advcl"
        and clause.dep_ == "ccomp"
        and clause.i < token.i
        and token.left_edge.i > 0
        and doc[token.left_edge.i - 1].text == ","
        and token.right_edge.i >= max(t.i for t in clause.subtree if not t.is_punct)
        and _ends_sentence(token.right_edge)
    )


def _ends_sentence(token: Token) -> bool:
    """Whether only closing punctuation follows ``token`` in its sentence."""
    rest = token.doc[token.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest) and not any(t.text == "," for t in rest)


def _reaction(token: Token) -> tuple[Token, Token, Token | None] | None:
    """For "X has drawn (harsh) criticism (from Y)": the subject X (the content), the reaction
    noun (the end of the cue) and Y (the source, or None)."""
    if token.lemma_.lower() not in REACTION_VERBS:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
    nouns = [c for c in token.rights if c.dep_ == "dobj" and c.lemma_.lower() in REACTION_NOUNS]
    if not subjects or not nouns:
        return None
    source = None
    for head in (nouns[0], token):
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                source = source or (objects[0] if objects else None)
    return subjects[0], nouns[0], source


def quoted_as_saying(token: Token) -> Token | None:
    """The "saying" of "quoted / cited X as saying ...", when ``token`` is that cue."""
    if token.lemma_.lower() not in ("quote", "cite"):
        return None
    if not any(c.dep_ == "dobj" for c in token.children):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for child in prep.children:
                if child.dep_ == "pcomp" and child.pos_ == "VERB":
                    return child
    return None


def _trailing_report(token: Token) -> bool:
    """A reporting clause after a comma ("X did Y, the Courier reported") that the parser made a
    conjunct of the clause it reports, with its own subject and nothing else to report."""
    return (
        token.dep_ == "conj"
        and token.head.i < token.i
        and _is_inserted(token)
        and any(c.dep_ == "nsubj" for c in token.children)
        and not _has_object(token)
        and not any(c.dep_ == "cc" for c in token.head.children if c.i < token.i)
    )


def _as_clause(token: Token) -> bool:
    """ "As the Post reported, X", "X, as first reported by the Post", "as Clinton told the
    Daily News, X", "as he put it, X": a reporting clause opened by "as" that reports the clause
    it hangs on. Its own object, if any, is only the one it was told to or "it"."""
    if token.dep_ != "advcl":
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return False
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp", "csubj"):
            return False
        if child.dep_ == "dobj" and child.lower_ not in ("it", "so") and token.lemma_ != "tell":
            return False
    return True


def _is_inserted(token: Token) -> bool:
    """A cue clause set off from the clause it reports ("..., his aide told reporters"); the
    parser may hang the setting-off comma on the cue itself."""
    left = token.left_edge.i
    while left < token.i and token.doc[left].is_punct and not token.doc[left].is_quote:
        left += 1
    if token.head.i > token.i or left == 0:
        return False
    before = token.doc[left - 1]
    return before.is_punct and (before.text in ",;:—–-" or before.is_quote)


def _setting_clause(token: Token) -> list[tuple[int, int]]:
    """The clause hung on a setting ("said in a statement *that ...*")."""
    for child in token.rights:
        if child.dep_ == "prep" and _is_setting(child):
            for obj in child.children:
                clauses = [c for c in obj.rights if c.dep_ in ("acl", "ccomp", "relcl")]
                if clauses and clauses[0].left_edge.lower_ == "that":
                    return _subtree_range(clauses[0])
    return []


def _is_setting(token: Token) -> bool:
    """A time or occasion ("on Monday", "in an interview") rather than what was said."""
    if token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return False
    obj = objects[0]
    lemma = obj.lemma_.lower()
    return obj.ent_type_ in ("DATE", "TIME") or lemma in OCCASIONS or lemma in ADVERBIAL_NOUNS


def _complement(token: Token) -> bool:
    """Whether ``token`` heads the clause another verb reports, right after it and not set
    off ("Briggs said Sharpton *asked* for the meeting"), rather than a cue inserted into
    the clause it reports ("Britain, he *said*, will ...", "... will go on, he *said*")."""
    return token.dep_ == "ccomp" and token.head.i < token.i and not _is_inserted(token)


def _reported_by_head(token: Token) -> bool:
    """ "Voters care about the economy, he said": the cue heads the clause that opens the
    sentence and that a reporting clause right after it ("he said", "most said") reports; what
    the cue is about is its own, not "he said"."""
    if token.dep_ != "ccomp" or token.i > token.head.i:
        return False
    head = token.head
    opening = token.sent.start
    while opening < token.i and token.doc[opening].is_punct:
        opening += 1
    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i > token.i]
    if token.left_edge.i > opening or not subjects:
        return False
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > head.i for c in head.children):
        return False  # "The documents indicate, he said, that X": inserted, X is reported
    between = {t.i for t in subjects[0].subtree}
    between |= {c.i for c in head.children if c.dep_ in ("aux", "neg")}
    gap = token.doc[token.right_edge.i + 1 : head.i]
    return any(t.text == "," for t in gap) and all(
        t.i in between or t.text == "," or t.is_quote for t in gap
    )


def _clauses_apart(left: Token, right: Token) -> bool:
    """ "Most were worried about the economy; most said they were", "Russia and Iran are under
    sanctions and their positions have deepened": a clause that ends in a semicolon or a
    conjunction before a verb is not what that verb reports, whatever the parser hung on what
    (in PolNeAR train no content before its cue is followed by "and", "but" or "or")."""
    if left.i >= right.i:
        return False
    between = left.doc[left.right_edge.i + 1 : right.i]
    return (
        any(t.text == ";" for t in between)
        or left.right_edge.pos_ == "CCONJ"
        or (len(between) > 0 and between[0].pos_ == "CCONJ")
    )


def _has_object(token: Token) -> bool:
    """Whether the verb has a clause or an object of its own (whom one tells is not one)."""
    addressee = _addressee(token)
    skip = addressee.i if addressee is not None else -1
    return any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i != skip for c in token.children)


#: Verbs whose object is whom they are said to ("told CNN", "assured reporters").
ADDRESSEE_VERBS = {"tell", "assure", "inform", "brief"}
#: What is told rather than whom: "told the story of X", "tells a different tale".
TOLD_THINGS = {"story", "tale", "truth", "lie", "joke", "anecdote", "version", "account",
               "something", "anything", "nothing", "everything", "it", "this", "that", "what",
               "much", "more", "all", "so"}  # fmt: skip


def _addressee(token: Token) -> Token | None:
    """Whom a verb of telling tells: its first object ("Trump told *CNN* ...", "he told
    reporters"), unless that object is what is told ("told the story of")."""
    if token.lemma_.lower() not in ADDRESSEE_VERBS:
        return None
    obj = next((c for c in token.rights if c.dep_ in ("dobj", "dative")), None)
    if obj is None or obj.lemma_.lower() in TOLD_THINGS:
        return None
    return obj


def _told_only(token: Token, right: list[Token]) -> list[tuple[int, int]] | None:
    """The content of a verb of telling whose only phrase after it is the one it tells: the
    clause the parser hung elsewhere that starts right after that phrase ("after Trump told
    The Washington Post he was not ready"), or none, so that a quotation before it can be the
    content ('"We were wrong," Ramos told AFP'); never the addressee itself."""
    addressee = _addressee(token)
    if addressee is None or [c.i for c in right] != [addressee.i]:
        return None
    setting = _setting_clause(token)
    if setting:  # "told the board in a meeting that X"
        return setting
    doc = token.doc
    start = addressee.right_edge.i + 1
    end = token.sent.end
    if start + 1 < end and doc[start].text in ",:" and doc[start + 1].is_quote:
        return [(start + 1, end)]  # 'telling reporters, "A lot of people said so."'
    if start >= end or doc[start].is_punct:
        return []
    clause = doc[start]
    while clause.head.i != clause.i and clause.head.i >= start:
        clause = clause.head
    if clause.i != token.head.i or clause.pos_ not in ("VERB", "AUX"):
        return []  # only the clause the cue hangs on, which the parser took for the main one
    return _ranges(t.i for t in clause.subtree if t.i >= start)


#: What a noun cue's view is of: "his criticism *of* the plan", "support *for* the bill",
#: "opposition *to* the war" (the content is the object, without the preposition).
NOUN_TOPIC_PREPOSITIONS = {"on", "about", "of", "for", "to", "against", "over"}


def _noun_content(token: Token) -> list[tuple[int, int]]:
    clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > token.i]
    if clauses:
        return _ranges({t.i for c in clauses for t in c.subtree})
    preps = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in NOUN_TOPIC_PREPOSITIONS]
    if preps:
        return _ranges({t.i for c in preps for t in c.subtree if t.i != c.i})
    return []


def _mistagged_verb_subject(token: Token) -> Token | None:
    """The subject of a verb the tagger took for a noun ("Satellite images *show* that ..."):
    a noun cue with a subject and a clause."""
    if not any(c.dep_ == "ccomp" for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.right_edge.i + 1 != token.i:
        return None  # only a whole subject right before the verb
    return subject


def _noun_source(token: Token) -> Token | None:
    subject = _mistagged_verb_subject(token)
    if subject is not None:
        return subject
    for child in token.children:
        if child.dep_ == "poss":
            return child
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    if compounds:
        return compounds[0]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _according_to(token: Token) -> tuple[Token | None, list[tuple[int, int]], tuple[int, int]]:
    """(source head, content ranges, cue range) for "according to X" / "per X"."""
    doc = token.doc
    if token.lower_ != "according":
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
        cue = (token.i, token.i + 1)
    else:
        to = doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
        cue = (token.i, token.i + 2)
    pp = {t.i for t in token.subtree} | set(range(*cue))
    if source is not None:
        pp |= {t.i for t in source.subtree}
        for child in source.children:
            if _counted_apposition(child):
                pp -= {t.i for t in source.subtree if t.i >= child.left_edge.i}
    start, end = token.sent.start, token.sent.end
    for clause in token.ancestors:
        if (
            clause.dep_ == "ccomp"
            and clause.head.pos_ == "VERB"
            and 0 < token.i - clause.left_edge.i <= 2
            and max(pp) < clause.right_edge.i
            and any(c.dep_ == "nsubj" and c.lower_ != "it" for c in clause.head.children)
        ):
            # "The Courier reported that, according to two officials, X": the officials'
            # words are the reported clause, not the report ("It is recalled that, according
            # to X, ..." and a trailing ", according to the Courier" keep the sentence)
            start, end = clause.left_edge.i, clause.right_edge.i + 1
            break
    return source, _ranges(i for i in range(start, end) if i not in pp), cue


#: Words that stand for a number of people or things ("many argue", "571 of the 714", "most
#: of them").
QUANTIFIERS = {"some", "most", "many", "all", "few", "several", "half", "none", "each", "both",
               "others"}  # fmt: skip


def _counted_apposition(token: Token) -> bool:
    """A partitive apposition ("According to the Associated Press, 571 of the 714
    superdelegates ...", "..., most of them ..."): the parser's misreading of the clause's
    subject, not a description of the source (unlike an age: "Ki Hong, 33,")."""
    if token.dep_ != "appos" or token.left_edge.i != token.i or token.lower_ == "one":
        return False  # "Ortega, one of the stars of the play": a description
    if not (token.like_num or token.lower_ in QUANTIFIERS):
        return False
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                determined = any(c.lower_ in ("the", "these", "those") for c in obj.children)
                if obj.dep_ == "pobj" and (determined or obj.lower_ in ("them", "those")):
                    return True
    return False


def _cue_range(token: Token, last: int) -> tuple[int, int]:
    start, end = token.i, last
    for child in token.lefts:
        if child.dep_ in CUE_LEFT_DEPS and child.i >= token.i - 3:
            start = min(start, child.i)
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end + 1:
            end = child.i
    return start, end + 1


def build_candidate(
    token: Token, light_objects: frozenset[str] = frozenset(), quotes: list[Quote] | None = None
) -> Candidate:
    """The spans ``token`` would produce if it were a cue (character offsets)."""
    doc = token.doc
    lower = token.lower_
    source_head: Token | None
    reaction = poll = None
    if lower in CUE_PREPOSITIONS or (lower in PHRASE_PREPOSITIONS and _is_source_phrase(token)):
        source_head, content, cue = _according_to(token)
    elif (poll := _poll_phrase(token)) is not None:
        source_head, content, cue = poll, _poll_content(token), (token.i, token.i + 1)
    elif lower in CUE_ADVERBS:
        source_head, cue = None, (token.i, token.i + 1)
        clause = token.head
        content = _subtree_range(clause, {token.i})
    elif lower == ":":
        start = colon_speaker_start(token)
        end = token.i + 1
        while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
            end += 1
        source_head = doc[start] if start is not None else None  # no label: no source
        cue = (token.i, token.i + 1)
        content = [(token.i + 1, end)]
    elif token.pos_ in ("NOUN", "PROPN"):
        source_head = _noun_source(token)
        content = _noun_content(token)
        cue = (token.i, token.i + 1)
    else:
        source_head = _agent(token) or _subject(token)
        if (
            source_head is not None
            and source_head.dep_ == "nsubjpass"
            and (source_head.head.i == token.i or token.tag_ == "VBN")
            and not any(c.dep_ == "xcomp" and c.lemma_ in MADE_TO_SAY for c in token.children)
        ):
            # "Hask was told that X"; but "Hask was forced out and said X", "Hask was prompted
            # to say X"
            source_head = None
        if source_head is None and token.i > 0:
            left = doc[token.i - 1]
            if left.head.i == token.i and left.lower_ in QUANTIFIERS:
                source_head = left  # "That attitude, many argue, could ...": "many" an adjective
            else:
                source_head = _counted_subject(token)
        if source_head is not None and source_head.head.i != token.i and _asked(token):
            source_head = None  # "Asked about it, Rubio said": Rubio was asked; nobody named asks
        if token.lemma_ in RAISING_VERBS or (
            source_head is not None and source_head.lower_ == "it" and token.lemma_ == "be"
        ):
            source_head = None  # "it seems", "it is unclear whether": nobody is the source
        elif (
            quotes is not None
            and source_head is not None
            and not _outside_quotes(source_head, quotes)
            and _outside_quotes(token, quotes)
        ):
            source_head = _nearby_speaker(token, quotes)
        content, cue_end = _verb_content(token, light_objects)
        seeming = _seeming_view(token)
        if seeming is not None:
            holder, view = seeming
            viewed, view_end = _verb_content(view, light_objects)
            if viewed and viewed[0][0] > view.i:
                # "Cruz seemed to blame X": Cruz blames X, as far as one can tell; the cue is
                # "seemed to blame" (what merely seems has no source: "The board seemed lost")
                source_head, content, cue_end = holder, viewed, view_end
        inverted = _inverted_speaker(token, quotes) if source_head is None else None
        if inverted is not None:
            # '"Meh," wrote a supporter who runs the account': the parser took the speaker
            # for the object; the quotation before is the content (step 3 takes it)
            source_head, content, cue_end = inverted, [], token.i
        reaction = _reaction(token)
        if reaction is not None:
            subject, reaction_noun, source_head = reaction
            content, cue_end = _subtree_range(subject), reaction_noun.i
        cue = _cue_range(token, cue_end)
        if reaction is None and source_head is None and token.lemma_ not in RAISING_VERBS:
            stray = _stray_subject(token)
            if stray is not None:
                # "... and the British ministry of defence said that X": the parser hung the
                # subject on the clause before; the content is what follows the cue.
                source_head = stray
                content = _ranges(
                    t.i
                    for c in token.children
                    if c.dep_ == "ccomp" and c.i > token.i
                    for t in c.subtree
                )
    if source_head is not None:
        source_ranges = (
            [(source_head.i, token.i)]
            if lower == ":"
            else source_range(source_head, token, asides=reaction is None)
        )
        cue_tokens = set(range(*cue))
        source_ranges = [(s, e) for s, e in source_ranges if not cue_tokens & set(range(s, e))]
        if poll is not None:
            source_ranges = _before_aside(poll, source_ranges)
    else:
        source_ranges = []
    source_chars = _char_spans(doc, source_ranges)
    cue_chars = _char_spans(doc, [cue]) or [(token.idx, token.idx + len(token))]
    return Candidate(
        token=token,
        cue=cue_chars[0],
        source=source_chars[0] if source_chars else None,
        source_head=source_head,
        content=_char_spans(doc, content),
    )


def widen_to_quotes(candidate: Candidate, quotes: list[Quote], text: str) -> None:
    """Step 3: content touching a quotation takes the whole quotation; a cue with no content
    takes the quotation right before or after it (only its source, commas or a colon between)."""
    cue_start, cue_end = candidate.cue
    if candidate.content:
        widened = []
        for start, end in candidate.content:
            for quote in quotes:
                if quote.start <= cue_start < quote.end:
                    continue  # a cue inside a quotation quotes someone quoting: leave it
                if min(end, quote.end) <= max(start, quote.start):
                    continue
                new_start, new_end = min(start, quote.start), max(end, quote.end)
                if (new_start, new_end) != (start, end) and not new_start <= cue_start < new_end:
                    start, end = new_start, new_end
                    candidate.via_quote = True
            if widened and start <= widened[-1][1]:
                widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
            else:
                widened.append((start, end))
        opening = _split_opening(candidate, widened, quotes, text)
        candidate.content = ([opening] if opening else []) + widened
        if not candidate.via_quote and opening is None:
            before = _quote_before(candidate, quotes, text)
            if before is not None:  # the phrase after the cue is no longer part of it
                token = candidate.token
                cue = _char_spans(token.doc, [_cue_range(token, token.i)])
                candidate.cue = cue[0] if cue else candidate.cue
                candidate.content = [before]
                candidate.via_quote = True
        return
    source = candidate.source
    left = min(cue_start, source[0]) if source else cue_start
    right = max(cue_end, source[1]) if source else cue_end
    before = _quote_right_before(quotes, text, left)
    if before is not None:
        candidate.content = [(before.start, before.end)]
        candidate.via_quote = True
        return
    for quote in quotes:
        after = text[right : quote.start]
        if quote.start >= right and _only_glue(after) and ("\n" not in after or ":" in after):
            candidate.content = [(quote.start, quote.end)]
            candidate.via_quote = True
            return


def _split_opening(
    candidate: Candidate, content: list[tuple[int, int]], quotes: list[Quote], text: str
) -> tuple[int, int] | None:
    """The first part of a quotation its cue splits, when the parser took only the second as
    the content (`"The town," said Orlov, "needed a school."`): a quotation that opens its
    sentence and ends in a comma, with nothing but the cue and its source between it and the
    quoted content."""
    if not content or content[0][0] < candidate.cue[1]:
        return None
    if not any(q.start == content[0][0] for q in quotes):
        return None  # only a quoted second part continues a quotation
    parts = [candidate.cue] + ([candidate.source] if candidate.source else [])
    start = min(p[0] for p in parts)
    if not _only_glue(text[max(p[1] for p in parts) : content[0][0]]):
        return None
    if candidate.source and not _only_glue(
        text[min(p[1] for p in parts) : max(p[0] for p in parts)]
    ):
        return None
    for quote in quotes:
        if quote.end <= start and _only_glue(text[quote.end : start]):
            before = text[: quote.start].rstrip()
            opens = not before or before[-1] in ".!?:\n\"”'’"  # opens its sentence
            return (quote.start, quote.end) if last_mark(text, quote) == "," and opens else None
    return None


def _quote_before(candidate: Candidate, quotes: list[Quote], text: str) -> tuple[int, int] | None:
    """The quotation that a source and cue close, when the parser took the phrase after the
    cue as its content (`"Why now?" Lichtman asked about the plan.`, `"We need it NOW!" Trump
    said on Twitter.`): a quotation ending in a comma, question or exclamation mark, then only
    the source and the cue, all content after the cue and none of it quoted."""
    if not candidate.content or candidate.source is None:
        return None
    cue_start, cue_end = candidate.cue
    if candidate.content[0][0] < cue_end:
        return None
    left = min(cue_start, candidate.source[0])
    if not _only_glue(
        text[min(candidate.source[1], cue_end) : max(candidate.source[0], cue_start)]
    ):
        return None
    quote = _quote_right_before(quotes, text, left)
    if quote is None or last_mark(text, quote) not in (",", "?", "!"):
        return None
    return (quote.start, quote.end)


def _quote_right_before(quotes: list[Quote], text: str, left: int) -> Quote | None:
    """The quotation that ends right before ``left``: only glue, and no line break, between."""
    quote = max((q for q in quotes if q.end <= left), key=lambda q: q.end, default=None)
    if quote is None:
        return None
    between = text[quote.end : left]
    if is_title_quote(text, quote):
        return None  # 'on Fox News’s “Sunday Morning Futures,” Issa said X': nobody's words
    return quote if _only_glue(between) and "\n" not in between else None


def _only_glue(between: str) -> bool:
    return len(between) <= 4 and between.strip(" ,:;\n\t\u2014-") == ""


def candidates(
    doc: Doc,
    quotes: list[Quote] | None = None,
    light_objects: frozenset[str] = frozenset(),
    *,
    with_content_only: bool = False,
) -> list[Candidate]:
    """Every cue candidate in ``doc`` with its spans and features; with ``with_content_only``,
    only those with content (the others can never be attributions, training still sees them)."""
    from .features import cue_features

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


#: What someone can be made or prompted to do that is saying ("was forced to admit X").
MADE_TO_SAY = {"say", "admit", "concede", "acknowledge", "explain", "apologize", "apologise",
               "declare", "testify", "confirm", "deny", "clarify", "state"}  # fmt: skip

#: Verbs with which a document or testimony vouches for something ("reports have confirmed
#: the deals", "the documents show X").
EVIDENCE_VERBS = {"confirm", "show", "reveal", "indicate", "prove", "suggest"}


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


#: An interview printed as questions and answers: a line opening "Q:" and one opening "A:".
_INTERVIEW = re.compile(r"^Q:.*^A:", re.MULTILINE | re.DOTALL)


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
        and _INTERVIEW.search(token.doc.text) is not None
    )


def _trim_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if e - s > 1]


def outermost(chosen: list[Candidate]) -> list[Candidate]:
    """Drop attributions whose cue sits inside another one's content."""
    return resolve_nesting(chosen)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+")


def continue_quotes(chosen: list[Candidate], quotes: list[Quote], doc: Doc) -> None:
    """Step 5: a quotation that opens the next sentence or paragraph and has no cue of its own
    continues the quote before it (`"A," she said. "B."` is one attribution), however long the
    rest of the cue's sentence (`"A," she said after a rally in Leeds. "B."`), also after a
    mixed quote (`"A" before the vote, she said. "B."`) and, in the same paragraph, after
    indirect speech (`She says the plan is dead. "B."`). A quotation whose own sentence has a
    cue (`"Why now?" Febre asked.`) is not taken."""
    if not chosen or not quotes:
        return
    text = doc_text(doc)
    cue_starts = sorted(c.cue[0] for c in chosen)
    taken = [span for c in chosen for span in c.content]
    for candidate in sorted(chosen, key=lambda c: c.cue[0]):
        if not candidate.content:
            continue
        # after indirect speech only a quotation in the same paragraph goes on with it
        reported = not _holds_quote(candidate.content[-1], quotes)
        while True:
            last = max(candidate.content[-1][1], candidate.cue[1])
            if candidate.source:
                last = max(last, candidate.source[1])
            following = next((q for q in quotes if q.start >= last), None)
            while following is not None and _in_description(candidate, following, last, text):
                following = next((q for q in quotes if q.start >= following.end), None)
            if following is None:
                break
            between = text[last : following.start]
            split = candidate.content[-1][1] <= candidate.cue[0] and _resumes(between)
            closed = not between.strip() and text[:last].rstrip("\"”’' ")[-1:] in (".", "!", "?")
            start = following.start
            if not (split or closed or _next_sentence(between)):
                lead = None if reported else _lead_in(between)
                if lead is None:
                    break
                start = last + lead  # 'Unless rivals quit, "it is very difficult."'
            if reported and "\n" in between:
                break
            if any(s < following.end and following.start < e for s, e in taken):
                break
            stop = following.end
            span = doc.char_span(following.end - 1, following.end, alignment_mode="expand")
            if span is not None:
                stop = max(stop, span.sent.end_char)
            if last_mark(text, following) != ".":
                close = SENTENCE_END.search(text, following.end)  # '"Why?" Vell asked.'
                stop = max(stop, close.end() if close else len(text))
            if any(start <= cue < stop for cue in cue_starts):
                break  # the quotation's sentence has a cue of its own (one in the speaker's
                # description before it does not count: 'said Murphy, who thinks about X.')
            if start < following.start and text[following.end : stop].strip(" .!?\"”’'"):
                break  # a lead-in goes on only into a quotation that ends its sentence
            candidate.content.append((start, following.end))
            taken.append((start, following.end))


def _lead_in(between: str) -> int | None:
    """Where, in the text between a direct quotation's attribution and the next quotation, a
    new sentence starts that opens with a few unquoted words and goes on into that quotation
    ('"A," said Vell. Unless rivals quit, "B."'): one sentence end, then no line break and no
    other sentence end."""
    if "\n" in between:
        return None
    for match in _SENTENCE_BREAK.finditer(between):
        if not _next_sentence(between[: match.end()]):
            continue
        rest = between[match.end() :]
        if not rest.strip() or any(c in rest for c in ".!?") or len(rest.split()) > 20:
            return None
        return match.end()
    return None


def _in_description(candidate: Candidate, quote: Quote, last: int, text: str) -> bool:
    """A quotation inside the words that describe a speaker after a quotation ('"A," said
    Vell, who hosts "Harbour Nights." "B."'): in the cue's sentence, after the cue, and not
    resuming the quotation the cue split."""
    return (
        candidate.content[-1][1] <= candidate.cue[0]
        and quote.end <= candidate.token.sent.end_char + 1
        and not _resumes(text[last : quote.start])
    )


def _resumes(between: str) -> bool:
    """Whether a quotation split by its cue resumes right after it (`"A," she said, "B."`):
    only a comma, or a few words and a comma, between the cue and the quotation."""
    stripped = between.strip()
    return (
        stripped.endswith(",")
        and not any(c in stripped for c in ".!?;:\n")
        and len(stripped.split()) <= 5
    )


def _next_sentence(between: str) -> bool:
    """Whether text between the end of an attribution and a quotation only closes the sentence
    (one full stop, then the quotation opens a new sentence). The stop of a title or an
    initial ("Gov.", "John F. Kerry", "U.S.") ends no sentence."""
    # a closing quotation mark is not the word's end: 'hosts "Harbour Nights." "B."'
    words = [w.rstrip("\"”’'") or w for w in between.split()]
    if not words:
        return "\n" in between
    if words[-1][-1] not in ".!?":
        return False
    return not any(word[-1] in ".!?" and not _abbreviation(word) for word in words[:-1])


def _abbreviation(word: str) -> bool:
    return bool(_INITIALS.fullmatch(word)) or word[:-1].lower() in TITLES


def _holds_quote(span: tuple[int, int], quotes: list[Quote]) -> bool:
    return any(q.start < span[1] and span[0] < q.end for q in quotes)


def find_attributions(doc: Doc, model=None, quotes: list[Quote] | None = None) -> list[Candidate]:
    """The attributions in ``doc``: accepted cue candidates with content, outermost only, with
    direct quotes continued over the following sentences, and content edges chosen by the
    model's edge scorers when it has them."""
    from .cues import load_cue_model

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
        ):
            chosen.append(candidate)
    kept = outermost(chosen)
    continue_quotes(kept, quotes, doc)
    for candidate in kept:
        candidate.parsed_content = list(candidate.content)
    if model.start is not None and model.end is not None:
        refine_edges(kept, doc, quotes, model.start, model.end)
    return kept
